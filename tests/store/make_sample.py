"""Make tests/store/samples/schema_<head>.sqlite: a file written by this version with a few rows of
every kind (households, carers, children, assessment runs, letters, notes, open and done actions,
autosaved answers, allowance estimates (from 0004), accounts, caseloads and their members, a
hash-chained audit log).

Run once when a schema revision is released: ``.venv/bin/python tests/store/make_sample.py``.
Uses the cheap test key-derivation cost for the account hashes (the file is a test fixture).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from kinship_app.store import Store, crypto, migrate  # noqa: E402

from store_helpers import SGO, Clock, carer, child  # noqa: E402


def main() -> Path:
    out = Path(__file__).parent / "samples" / f"schema_{migrate.head_revision()}.sqlite"
    out.unlink(missing_ok=True)
    work = out.with_name(out.name + ".work")
    for suffix in ("", "-wal", "-shm"):
        Path(str(work) + suffix).unlink(missing_ok=True)
    store = Store(f"sqlite:///{work}", clock=Clock(), worker="Sample", kdf=crypto.TEST_KDF, backup_dir=None)
    coordinator = store.create_account("Rosa Coordinator", "coordinator", "sample coordinator passphrase")
    worker = store.create_account("Asha Worker", "worker", "424242", kind="pin")
    leeds = store.create_caseload("Leeds drop-in")
    store.create_caseload("Bradford outreach")
    store.share_caseload(leeds.id, worker.id)
    first = store.create_household(label="Ellis family", council="E08000035", caseload_id=leeds.id,
                                   carers=[carer(), carer("Dai Ellis", phone="07700 900000")],
                                   children=[child(), child("Siân Ellis", facts=SGO)])
    second = store.create_household(label="O'Brien family", council="E08000032",
                                    carers=[carer("Niamh O'Brien")], children=[child("Cara O'Brien")])
    store.move_household(second.id, None)
    store.sign_in("Asha Worker", "424242")
    as_of = dt.date(2026, 11, 22)
    for c in store.get_household(first.id).children:
        store.reassess(c.id, as_of)
    store.record_letter(first.id, "sg_support_assessment", issued_on=as_of, recipient="Leeds Children's Services",
                        child_id=first.children[1].id)
    store.add_note(first.id, "Grandmother asked about the allowance review")
    action = store.add_action(first.id, "Ring the virtual school", due=as_of + dt.timedelta(days=7))
    store.complete_action(action.id)
    store.add_action(first.id, "Send the SGO paperwork")
    store.save_progress(first.id, {"relationship": "grandparent"}, "days", child_id=first.children[0].id,
                        expected_version=0)
    if "0004" <= migrate.head_revision():  # allowance estimates, from 0004
        sgo_child = store.get_household(first.id).children[1]
        store.save_estimate(first.id, sgo_child.id, {"period": "week", "income": {"earnings": 600},
                                                     "outgoings": {"housing": 150}, "income_support_rate": 150,
                                                     "child_benefit": 27.05},
                            as_of, expected_version=store.get_household(first.id).version)
    store.export_household(first.id)
    store.sign_in("Rosa Coordinator", "sample coordinator passphrase")
    store.get_household(second.id)
    assert store.verify_audit().ok
    store.close()
    con = crypto.connect(work, None)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("VACUUM INTO ?", (str(out),))
    con.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(work) + suffix).unlink(missing_ok=True)
    print(out, migrate.verify_sqlite(out).row_counts)
    return out


if __name__ == "__main__":
    main()
