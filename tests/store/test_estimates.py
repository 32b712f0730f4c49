"""Allowance estimates saved with the household (issue 14): the inputs, the date and the result as
computed then; versioned and audited like every save; worked out again when the rates change, the
old one kept; exported, imported and erased with the household; and only ever seen by a worker the
household's caseload is shared with. Runs on SQLite and on the PostgreSQL server the tests start."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kinship_app.store import ConflictError, ImportDataError, InvalidDataError, NotFoundError, Store, crypto
from kinship_app.store.access import NotSharedError

from store_helpers import SGO, Clock, carer, child, make_household

DAY = dt.date(2026, 12, 6)
# Weekly answers: £600 take-home pay, £150 rent, £30 council tax, Income Support rate £150, Child
# Benefit £27.05. Leeds (rest of England), a child of 6: the national minimum is 2025/26's £194.
FINANCES = {"period": "week", "income": {"earnings": 600}, "outgoings": {"housing": 150, "council_tax": 30},
            "income_support_rate": 150, "child_benefit": 27.05}


def _sgo_household(store, name="Ellis Ward"):
    return make_household(store, children=[child(name, facts=SGO)])


def test_an_estimate_is_kept_with_its_inputs_date_and_result(store):
    h = _sgo_household(store)
    kid = h.children[0].id
    saved = store.save_estimate(h.id, kid, FINANCES, DAY, expected_version=h.version)
    assert saved.reason == "saved" and saved.as_of == DAY and saved.child_id == kid
    assert saved.finances == FINANCES  # the answers exactly as given
    assert saved.inputs["case"]["child"]["age"] == 6 and saved.inputs["case"]["household"]["council"] == "E08000035"
    # the store's own sum of the inputs: the share counted is not confirmed, so a range
    assert saved.result["result"]["min"] == 0 and saved.result["result"]["max"] == 166.95
    assert saved.result["yearly"] == {"min": "0", "max": "8681.40"}
    assert saved.result["variant"]["code"] == "national"
    assert any(b["key"] == "rate:fostering_nma:age_band=5-10:region=rest_of_england" and b["value"] == 194
               for b in saved.result["basis"])
    # no names or addresses in the inputs: the case's sections only
    assert "people" not in saved.inputs["case"]
    assert "Ellis" not in json.dumps(saved.inputs) and "Mill Lane" not in json.dumps(saved.inputs)
    again = store.estimates(h.id)
    assert [e.id for e in again] == [saved.id] and again[0].result == saved.result
    household = store.get_household(h.id)
    assert household.version == h.version + 1
    assert store.audit_log(h.id)[0].what == "saved an allowance estimate for child #1"


def test_a_stale_version_or_a_bad_answer_saves_nothing(store):
    h = _sgo_household(store)
    kid = h.children[0].id
    store.add_note(h.id, "someone else saved meanwhile")
    with pytest.raises(ConflictError):
        store.save_estimate(h.id, kid, FINANCES, DAY, expected_version=h.version)
    version = store.get_household(h.id).version
    with pytest.raises(InvalidDataError) as err:
        store.save_estimate(h.id, kid, {"income": {"earnings": "lots"}}, DAY, expected_version=version)
    assert err.value.field == "finances.income.earnings"
    with pytest.raises(InvalidDataError):
        store.save_estimate(h.id, kid, FINANCES, DAY, expected_version=None)
    other = make_household(store, label="Other", carers=[carer("Other Carer")], children=[child("Other Child")])
    with pytest.raises(InvalidDataError, match="not in this household"):
        store.save_estimate(h.id, other.children[0].id, FINANCES, DAY, expected_version=version)
    assert store.estimates(h.id) == [] and store.get_household(h.id).version == version


def test_worked_out_again_when_a_rate_changes_keeping_the_old_one(store, changed_rates):
    h = _sgo_household(store)
    kid = h.children[0].id
    first = store.save_estimate(h.id, kid, FINANCES, DAY, expected_version=h.version)
    version = store.get_household(h.id).version
    # Nothing changed: nothing is written.
    assert store.refresh_estimates(h.id, DAY, expected_version=version) == []
    assert store.get_household(h.id).version == version
    changed_rates()  # a 2026/27 national minimum is now known: £200 for age 5 to 10, rest of England
    store.add_note(h.id, "a colleague saved meanwhile")
    with pytest.raises(ConflictError):  # a stale version is refused like any save, writing nothing
        store.refresh_estimates(h.id, DAY, expected_version=version)
    assert len(store.estimates(h.id)) == 1
    version = store.get_household(h.id).version
    [new] = store.refresh_estimates(h.id, DAY, expected_version=version)
    assert new.reason == "rates_changed" and new.inputs == first.inputs and new.child_id == kid
    assert new.result["result"]["max"] == 172.95  # 200 - 27.05
    [change] = [c for c in new.changes if c["key"].startswith("rate:fostering_nma")]
    assert (change["old"]["value"], change["new"]["value"]) == (194, 200)
    assert change["new"]["valid_from"] == "2026-04-06" and change["new"]["confirmed"] is True
    assert change["old"]["confirmed"] is False
    assert "GOV.UK, Help with the cost of fostering" in change["new"]["source"]
    history = store.estimates(h.id)
    assert [e.id for e in history] == [new.id, first.id]  # the old one kept, the new one current
    assert history[1].result == first.result
    assert store.audit_log(h.id)[0].what == "worked out the allowance estimate again: the rates changed"
    # Worked out once: opening the household again changes nothing more.
    assert store.refresh_estimates(h.id, DAY, expected_version=store.get_household(h.id).version) == []


def test_exported_imported_and_erased_with_the_household(store):
    h = _sgo_household(store)
    kid = h.children[0].id
    first = store.save_estimate(h.id, kid, FINANCES, DAY, expected_version=h.version)
    data = store.export_household(h.id)
    [item] = data["household"]["allowance_estimates"]
    assert item["child"] == 0 and item["inputs"] == first.inputs and item["result"] == first.result
    report = store.erase_household(h.id)
    assert report.rows_deleted >= 4
    with pytest.raises(NotFoundError):
        store.estimates(h.id)
    back = store.import_household(data)
    [again] = store.estimates(back.id)
    assert again.child_id == back.children[0].id and again.result == first.result and again.inputs == first.inputs
    # an import with a bad estimate is refused whole, naming the field
    bad = json.loads(json.dumps(data))
    bad["household"]["reference"] = "KC-2099-0001"
    bad["household"]["allowance_estimates"][0]["inputs"]["finances"]["income"] = {"earnings": -5}
    with pytest.raises(ImportDataError) as err:
        store.import_household(bad)
    assert err.value.field == "household.allowance_estimates[0].inputs.finances.income.earnings"
    bad["household"]["allowance_estimates"][0] = dict(item, result={"made": "up"})
    with pytest.raises(ImportDataError, match="not an allowance estimate written by this app"):
        store.import_household(bad)
    assert store.find_reference("KC-2099-0001") is None


def test_erase_leaves_no_trace_of_the_estimate_in_the_file(tmp_path):
    db = tmp_path / "households.sqlite"
    with Store(f"sqlite:///{db}", clock=Clock(), backup_dir=tmp_path / "backups") as store:
        h = _sgo_household(store)
        odd = dict(FINANCES, income={"earnings": 612.37, "pensions": 98.76})
        store.save_estimate(h.id, h.children[0].id, odd, DAY, expected_version=h.version)
        store.backup()
        store.erase_household(h.id)
    for path in [db, *tmp_path.glob("households.sqlite-*"), *(tmp_path / "backups").glob("*")]:
        raw = path.read_bytes()
        assert b"612.37" not in raw and b"98.76" not in raw, path


def test_a_worker_sees_only_estimates_in_their_caseloads(store_url):
    store = Store(store_url, clock=Clock(), kdf=crypto.TEST_KDF, backup_dir=None)
    try:
        store.create_account("Rosa", "coordinator", "coordinator passphrase")
        asha = store.create_account("Asha", "worker", "111111", kind="pin")
        leeds, bradford = store.create_caseload("Leeds"), store.create_caseload("Bradford")
        store.share_caseload(leeds.id, asha.id)
        mine = store.create_household(caseload_id=leeds.id, carers=[carer("Mary Mine")],
                                      children=[child("Kit Mine", facts=SGO)], council="E08000035")
        theirs = store.create_household(caseload_id=bradford.id, carers=[carer("Tom Theirs")],
                                        children=[child("Kay Theirs", facts=SGO)], council="E08000035")
        store.save_estimate(theirs.id, theirs.children[0].id, FINANCES, DAY, expected_version=theirs.version)
        store.sign_in("Asha", "111111")
        mine = store.get_household(mine.id)
        mine_estimate = store.save_estimate(mine.id, mine.children[0].id, dict(FINANCES, child_benefit=0), DAY,
                                            expected_version=mine.version)
        assert [e.id for e in store.estimates(mine.id)] == [mine_estimate.id]
        for call in (lambda: store.estimates(theirs.id),
                     lambda: store.refresh_estimates(theirs.id, DAY, expected_version=theirs.version + 1),
                     lambda: store.save_estimate(theirs.id, theirs.children[0].id, FINANCES, DAY,
                                                 expected_version=theirs.version + 1)):
            with pytest.raises(NotSharedError):
                call()
        # even a child id from the other household cannot be slipped into her own
        with pytest.raises(InvalidDataError):
            store.save_estimate(mine.id, theirs.children[0].id, FINANCES, DAY,
                                expected_version=store.get_household(mine.id).version)
    finally:
        store.close()
