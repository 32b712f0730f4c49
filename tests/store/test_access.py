"""Workers, coordinators and caseloads, enforced in the service layer (issue 12, RELIABILITY.md "who
sees what"), and the hash-chained audit log. Every public Store method is classified below; a new
method that is not fails ``test_every_public_call_is_covered``, so none can slip past the rules.
Runs on SQLite and on the PostgreSQL server the tests start."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect

import pytest
from sqlalchemy import text

from kinship_app.store import Store, access, crypto
from kinship_app.store.access import NotAllowedError, NotSharedError, NotSignedInError, SignInError
from kinship_app.store.errors import InvalidDataError, StoreError

from store_helpers import Clock, carer, child

KDF = crypto.TEST_KDF
AS_OF = dt.date(2026, 11, 22)
COORD, ASHA, BEN = ("Rosa", "coordinator passphrase"), ("Asha", "111111"), ("Ben", "222222")


@dataclasses.dataclass
class Org:
    store: Store
    mine: object  # Asha's household (Leeds caseload)
    theirs: object  # Ben's household (Bradford caseload)
    leeds: object
    bradford: object
    asha: object
    ben: object


@pytest.fixture
def org(store_url):
    store = Store(store_url, clock=Clock(), kdf=KDF, backup_dir=None)
    coordinator = store.create_account(COORD[0], "coordinator", COORD[1])
    assert store.account == coordinator  # the first account is signed in
    asha = store.create_account(ASHA[0], "worker", ASHA[1], kind="pin")
    ben = store.create_account(BEN[0], "worker", BEN[1], kind="pin")
    leeds, bradford = store.create_caseload("Leeds"), store.create_caseload("Bradford")
    store.share_caseload(leeds.id, asha.id)
    store.share_caseload(bradford.id, ben.id)
    mine = store.create_household(label="Asha's family", caseload_id=leeds.id,
                                  carers=[carer("Mary Mine")], children=[child("Kit Mine")])
    theirs = store.create_household(label="Ben's family", caseload_id=bradford.id,
                                    carers=[carer("Tom Theirs")], children=[child("Kay Theirs")])
    store.reassess(theirs.children[0].id, AS_OF)
    action = store.add_action(theirs.id, "Ben's action")
    store.sign_in(*ASHA)
    yield Org(store, mine, theirs, leeds, bradford, asha, ben), action
    store.close()


def _calls(o: Org, action) -> dict[str, tuple]:
    """For each public call: how it touches Ben's household when Asha makes it."""
    t = o.theirs
    kid = t.children[0].id
    return {
        "get_household": (lambda s: s.get_household(t.id),),
        "update_household": (lambda s: s.update_household(t.id, label="x", expected_version=t.version),),
        "case_for": (lambda s: s.case_for(kid),),
        "reassess": (lambda s: s.reassess(kid, AS_OF),),
        "record_check": (lambda s: s.record_check(t.id, kid, {}, AS_OF, expected_version=t.version),),
        "history": (lambda s: s.history(kid),),
        "add_action": (lambda s: s.add_action(t.id, "x"),),
        "complete_action": (lambda s: s.complete_action(action.id),),
        "actions": (lambda s: s.actions(t.id),),
        "record_letter": (lambda s: s.record_letter(t.id, "sg_support_assessment", issued_on=AS_OF, recipient="x"),),
        "letters": (lambda s: s.letters(t.id),),
        "add_note": (lambda s: s.add_note(t.id, "x"),),
        "notes": (lambda s: s.notes(t.id),),
        "save_progress": (lambda s: s.save_progress(t.id, {}, None, expected_version=0),),
        "progress": (lambda s: s.progress(t.id),),
        "clear_progress": (lambda s: s.clear_progress(t.id),),
        "export_household": (lambda s: s.export_household(t.id),),
        "export_household_file": (lambda s: s.export_household_file(t.id, "an export passphrase"),),
        "record_printed": (lambda s: s.record_printed(t.id, "results"),),
        "erase_household": (lambda s: s.erase_household(t.id),),
        "save_estimate": (lambda s: s.save_estimate(t.id, kid, {"income": {"earnings": 100}}, AS_OF,
                                                    expected_version=t.version),),
        "estimates": (lambda s: s.estimates(t.id),),
        "refresh_estimates": (lambda s: s.refresh_estimates(t.id, AS_OF, expected_version=t.version),),
    }


# Calls that list or search: checked by what they return. Calls a worker may not make at all.
LISTING = {"list_households", "search", "count_search", "count_households", "find_reference", "due_actions",
           "caseloads"}
COORDINATOR_ONLY = {"audit_log", "verify_audit", "accounts", "create_account", "create_caseload", "share_caseload",
                    "move_household", "set_account_active", "backup", "restore", "change_passphrase"}
# Calls about the worker's own session or the file itself, not any household.
OWN = {"sign_in", "sign_out", "change_secret", "close", "integrity_check", "backup_files", "verify_passphrase",
       "finish_erasing", "create_household", "import_household", "import_household_file",
       "plain_export_allowed"}


def test_every_public_call_is_covered(org):
    o, action = org
    public = {n for n, f in inspect.getmembers(Store) if not n.startswith("_") and callable(f)}
    covered = set(_calls(o, action)) | LISTING | COORDINATOR_ONLY | OWN
    assert public - covered == set(), "classify the new Store methods in tests/store/test_access.py"


def test_a_worker_cannot_touch_another_caseloads_household_through_any_call(org):
    o, action = org
    before = o.store.export_household  # noqa: F841 (kept for clarity: Asha cannot call it on theirs)
    for name, (call,) in _calls(o, action).items():
        with pytest.raises(NotSharedError) as err:
            call(o.store)
        assert "not in a caseload shared with you" in str(err.value), name
        assert "Tom" not in str(err.value) and "Kay" not in str(err.value)
    # nothing of Ben's household changed, and it is still there
    o.store.sign_in(*BEN)
    h = o.store.get_household(o.theirs.id)
    assert h.label == "Ben's family" and h.version == o.theirs.version + 2  # reassessed + action, both by Rosa
    assert [a.text for a in o.store.actions(h.id)][-1] == "Ben's action"


def test_lists_and_searches_show_only_shared_caseloads(org):
    o, _action = org
    s = o.store
    assert [h.id for h in s.list_households()] == [o.mine.id]
    assert s.count_households() == 1
    assert s.search("tom theirs") == [] and s.search("theirs") == []
    assert s.count_search("theirs") == 0 and s.count_search("mary") == 1
    assert s.search(o.theirs.reference) == [] and s.count_search(o.theirs.reference[:8]) == 1  # only her own
    assert [h.id for h in s.search("mary")] == [o.mine.id]
    assert s.find_reference(o.theirs.reference) is None
    assert s.find_reference(o.mine.reference).id == o.mine.id
    assert all(a.household_id == o.mine.id for a in s.due_actions())
    assert [c.name for c in s.caseloads()] == ["Leeds"]
    # the coordinator sees everything
    s.sign_in(*COORD)
    assert {h.id for h in s.list_households()} == {o.mine.id, o.theirs.id}
    assert [c.name for c in s.caseloads()] == ["Bradford", "Leeds"]


def test_a_worker_works_normally_in_their_own_caseload(org):
    o, _action = org
    s = o.store
    h = s.get_household(o.mine.id)
    h = s.update_household(h.id, label="Renamed", expected_version=h.version)
    s.reassess(h.children[0].id, AS_OF)
    s.add_note(h.id, "note")
    s.record_letter(h.id, "sg_support_assessment", issued_on=AS_OF, recipient="Leeds")
    data = s.export_household(h.id)
    assert data["household"]["label"] == "Renamed"
    new = s.create_household(label="New one", carers=[carer("New Person")])
    assert new.id in {x.id for x in s.list_households()}  # put in Asha's own caseload
    with pytest.raises(NotSharedError):
        s.create_household(label="Into Ben's", caseload_id=o.bradford.id)
    copy = dict(data, household=dict(data["household"], reference="KC-2099-0001"))
    imported = s.import_household(copy)
    assert imported.id in {x.id for x in s.list_households()}
    report = s.erase_household(new.id)
    assert report.rows_deleted > 0


def test_a_worker_exports_only_encrypted_files_and_a_coordinator_may_also_save_plain_json(org):
    from kinship_app.store import PlainExportNotAllowedError

    o, _action = org
    s = o.store
    assert not s.plain_export_allowed()
    with pytest.raises(PlainExportNotAllowedError, match="only a coordinator can save one without"):
        s.export_household_file(o.mine.id, None)
    sealed = s.export_household_file(o.mine.id, "an export passphrase")
    assert b"Mary Mine" not in sealed and b"Kit Mine" not in sealed
    s.sign_in(*COORD)
    assert s.plain_export_allowed()
    plain = s.export_household_file(o.mine.id, None)
    assert "Mary Mine" in plain.decode("utf-8")
    entries = [(e.worker, e.what) for e in s.audit_log(o.mine.id, limit=20)]
    assert ("Asha", "exported household, encrypted with a passphrase") in entries
    assert ("Rosa", "exported household as plain JSON, not encrypted") in entries
    assert not any(w == "Asha" and "plain" in what for w, what in entries)  # the refused one wrote nothing


def test_coordinator_only_calls_are_refused_to_a_worker(org, tmp_path):
    o, _action = org
    s = o.store
    refused = {
        "audit_log": lambda: s.audit_log(), "verify_audit": lambda: s.verify_audit(), "accounts": lambda: s.accounts(),
        "create_account": lambda: s.create_account("Eve", "worker", "333333", kind="pin"),
        "create_caseload": lambda: s.create_caseload("Mine now"),
        "share_caseload": lambda: s.share_caseload(o.bradford.id, o.asha.id),
        "move_household": lambda: s.move_household(o.theirs.id, o.leeds.id),
        "set_account_active": lambda: s.set_account_active(o.ben.id, False),
        "backup": lambda: s.backup(tmp_path / "b.sqlite"), "restore": lambda: s.restore(tmp_path / "b.sqlite"),
        "change_passphrase": lambda: s.change_passphrase("a", "b" * 10),
    }
    assert set(refused) == COORDINATOR_ONLY
    for name, call in refused.items():
        with pytest.raises(NotAllowedError, match="Only a coordinator"):
            call()
    with pytest.raises(NotAllowedError):
        s.change_secret(o.ben.id, "999999", kind="pin")  # someone else's PIN
    s.change_secret(o.asha.id, "a longer passphrase now")  # one's own is fine
    s.sign_in("Asha", "a longer passphrase now")


def test_sign_in_is_needed_and_wrong_details_get_one_message(org):
    o, _action = org
    s = o.store
    s.sign_out()
    with pytest.raises(NotSignedInError):
        s.list_households()
    with pytest.raises(NotSignedInError):
        s.get_household(o.mine.id)
    for name, secret in (("Asha", "000000"), ("Nobody", "111111"), ("asha", "111111")):
        with pytest.raises(SignInError) as err:
            s.sign_in(name, secret)
        assert str(err.value).startswith("That name and passphrase or PIN do not match")
    # a closed account cannot sign in
    s.sign_in(*COORD)
    s.set_account_active(o.ben.id, False)
    with pytest.raises(SignInError):
        s.sign_in(*BEN)
    with pytest.raises(InvalidDataError, match="last coordinator"):
        s.set_account_active(s.account.id, False)
    # a store reopened elsewhere needs a sign-in too
    again = Store(s.url.render_as_string(hide_password=False), clock=Clock(), kdf=KDF, backup_dir=None)
    try:
        assert again.has_accounts
        with pytest.raises(NotSignedInError):
            again.search("mary")
    finally:
        again.close()


def test_secrets_are_argon2id_hashes_and_pins_are_checked(org):
    o, _action = org
    s = o.store
    s.sign_in(*COORD)
    with s.engine.connect() as conn:
        hashes = [r[0] for r in conn.execute(text("SELECT secret_hash FROM accounts"))]
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert not any(secret in h for h in hashes for secret in (COORD[1], ASHA[1], BEN[1]))
    for bad in ("12345", "12a456", "١٢٣٤٥٦"):
        with pytest.raises(InvalidDataError, match="PIN"):
            s.create_account("Eve", "worker", bad, kind="pin")
    with pytest.raises(InvalidDataError, match="passphrase needs"):
        s.create_account("Eve", "worker", "short")
    with pytest.raises(InvalidDataError, match="already an account"):
        s.create_account("Asha", "worker", "777777", kind="pin")


def test_the_first_account_must_be_a_coordinators(store_url):
    with Store(store_url, clock=Clock(), kdf=KDF, backup_dir=None) as s:
        with pytest.raises(InvalidDataError, match="first account"):
            s.create_account("Asha", "worker", "111111", kind="pin")
        assert not s.has_accounts


def test_the_audit_log_records_who_viewed_changed_exported_printed_and_erased(org):
    o, _action = org
    s = o.store
    h = s.get_household(o.mine.id)
    s.update_household(h.id, label="Changed", expected_version=h.version)
    s.export_household(h.id)
    s.record_printed(h.id, "sg_support_assessment")
    s.erase_household(h.id)
    s.sign_in(*COORD)
    entries = [(e.worker, e.what, e.reference) for e in s.audit_log(limit=20)]
    for what in ("viewed household", "changed label", "exported household", "printed sg_support_assessment",
                 "erased household"):
        assert ("Asha", what, o.mine.reference) in entries, what
    assert all("Mary" not in w and "Kit" not in w for _, w, _ in entries)
    report = s.verify_audit()
    assert report.ok and report.entries >= 15 and len(report.head) == 64


def test_the_audit_log_is_append_only_and_a_changed_or_removed_entry_is_detected(org):
    o, _action = org
    s = o.store
    s.sign_in(*COORD)
    assert s.verify_audit().ok
    with s.engine.connect() as conn:
        for statement in ("UPDATE audit_log SET what = 'nothing' WHERE id = 3", "DELETE FROM audit_log WHERE id = 3"):
            with pytest.raises(Exception, match="append-only"):
                with conn.begin():
                    conn.execute(text(statement))
    # Someone with the file and the passphrase drops the triggers and edits the log: the chain shows it.
    from kinship_app.store import audit

    with s.engine.begin() as conn:
        audit.drop_triggers(conn)
        conn.execute(text("UPDATE audit_log SET worker = 'Someone else' WHERE id = 4"))
    report = s.verify_audit()
    assert not report.ok and report.problems[0] == "entry 4: it was changed after it was written"
    with s.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id = 6"))
    assert "entry 7: the entry before it is missing or was changed" in s.verify_audit().problems


def test_a_moved_household_follows_its_caseload(org):
    o, _action = org
    s = o.store
    s.sign_in(*COORD)
    s.move_household(o.theirs.id, o.leeds.id)
    s.sign_in(*ASHA)
    assert s.get_household(o.theirs.id).label == "Ben's family"
    s.sign_in(*BEN)
    with pytest.raises(NotSharedError):
        s.get_household(o.theirs.id)
    s.sign_in(*COORD)
    s.share_caseload(o.leeds.id, o.asha.id, shared=False)
    s.sign_in(*ASHA)
    assert s.list_households() == []
    with pytest.raises(StoreError, match="No caseload is shared with you"):
        s.create_household(label="Nowhere to go")


def test_a_carers_own_store_has_no_accounts_and_works_as_before(store):
    assert not store.has_accounts and store.account is None
    h = store.create_household(label="Home", carers=[carer()], children=[child()])
    assert store.get_household(h.id).label == "Home"
    assert store.audit_log()[0].what == "created household"
    assert store.verify_audit().ok


@pytest.mark.postgres
def test_postgres_row_level_security_applies_the_same_rules_to_any_query(pg_server):
    """Bypassing the service layer with hand-written SQL on the app's own (non-superuser) login: the
    policies still show a worker only their caseloads."""
    import uuid

    import psycopg

    role = "kinship_app_" + uuid.uuid4().hex[:8]
    url = pg_server.new_database()
    name = url.rsplit("/", 1)[1]
    with pg_server.admin() as admin:
        admin.execute(f'CREATE ROLE "{role}" LOGIN')
        admin.execute(f'ALTER DATABASE "{name}" OWNER TO "{role}"')
    with psycopg.connect(host="127.0.0.1", port=pg_server.port, user="postgres", dbname=name, autocommit=True) as c:
        c.execute(f'ALTER SCHEMA public OWNER TO "{role}"')
    app_url = url.replace("postgres@", f"{role}@")
    try:
        with Store(app_url, clock=Clock(), kdf=KDF, backup_dir=None) as s:
            s.create_account(*COORD[:1], "coordinator", COORD[1])
            asha = s.create_account(ASHA[0], "worker", ASHA[1], kind="pin")
            leeds, bradford = s.create_caseload("Leeds"), s.create_caseload("Bradford")
            s.share_caseload(leeds.id, asha.id)
            mine = s.create_household(label="Mine", caseload_id=leeds.id, carers=[carer("Mary Mine")])
            theirs = s.create_household(label="Theirs", caseload_id=bradford.id, carers=[carer("Tom Theirs")])

        def as_(account_id, role_name, sql, *params):
            with psycopg.connect(host="127.0.0.1", port=pg_server.port, user=role, dbname=name) as conn:
                with conn.transaction():
                    if account_id is not None or role_name:
                        conn.execute("SELECT set_config('kinship.account_id', %s, true), "
                                     "set_config('kinship.role', %s, true)", (str(account_id or ""), role_name))
                    cur = conn.execute(sql, params)
                    return cur.fetchall() if cur.description else cur.rowcount

        assert as_(asha.id, "worker", "SELECT label FROM households ORDER BY id") == [("Mine",)]
        assert as_(asha.id, "worker", "SELECT name FROM carers") == [("Mary Mine",)]
        assert as_(asha.id, "worker", "UPDATE households SET label = 'hacked' WHERE id = %s", theirs.id) == 0
        assert as_(asha.id, "worker", "DELETE FROM carers WHERE household_id = %s", theirs.id) == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # WITH CHECK: cannot move one into Bradford
            as_(asha.id, "worker", "UPDATE households SET caseload_id = %s WHERE id = %s", bradford.id, mine.id)
        assert as_(None, "", "SELECT count(*) FROM households") == [(0,)]  # nobody signed in: nothing
        assert as_(1, "coordinator", "SELECT count(*) FROM households") == [(2,)]
        assert as_(1, "coordinator", "SELECT label FROM households WHERE id = %s", theirs.id) == [("Theirs",)]
    finally:
        pg_server.drop_database(url)
        with pg_server.admin() as admin:
            admin.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_a_server_elsewhere_must_be_reached_over_tls():
    with pytest.raises(StoreError, match="must be encrypted"):
        Store("postgresql+psycopg://kinship@db.example.org/kinship", clock=Clock())
    from kinship_app.store import pg_security

    assert not pg_security.needs_tls("db.example.org", {"sslmode": "verify-full"})
    assert pg_security.needs_tls("db.example.org", {"sslmode": "prefer"})
    assert not pg_security.needs_tls("127.0.0.1", {})


@pytest.mark.postgres
def test_a_workers_own_database_login_sees_only_their_caseloads_whatever_sql_they_write(pg_server):
    """The trust boundary (pg_security.py, README): on the shared owner login the policies follow
    settings the app sets, which anyone holding that login can forge; on a worker's own login
    (``kinship_worker_<id>`` in ``kinship_workers``) they follow ``session_user``, which the server
    authenticated, and the login has no power over caseloads, accounts, the schema or the policies."""
    import uuid

    import psycopg

    owner = "kinship_app_" + uuid.uuid4().hex[:8]
    url = pg_server.new_database()
    name = url.rsplit("/", 1)[1]
    with pg_server.admin() as admin:
        admin.execute(f'CREATE ROLE "{owner}" LOGIN')
        admin.execute(f'ALTER DATABASE "{name}" OWNER TO "{owner}"')
        admin.execute("DO $$ BEGIN CREATE ROLE kinship_workers NOLOGIN; "
                      "EXCEPTION WHEN duplicate_object THEN NULL; END $$")
    with psycopg.connect(host="127.0.0.1", port=pg_server.port, user="postgres", dbname=name, autocommit=True) as c:
        c.execute(f'ALTER SCHEMA public OWNER TO "{owner}"')
    owner_url = url.replace("postgres@", f"{owner}@")
    worker_login = ""
    try:
        with Store(owner_url, clock=Clock(), kdf=KDF, backup_dir=None) as s:  # the coordinator's app
            rosa = s.create_account(*COORD[:1], "coordinator", COORD[1])
            asha = s.create_account(ASHA[0], "worker", ASHA[1], kind="pin")
            leeds, bradford = s.create_caseload("Leeds"), s.create_caseload("Bradford")
            s.share_caseload(leeds.id, asha.id)
            mine = s.create_household(label="Mine", caseload_id=leeds.id, carers=[carer("Mary Mine")])
            theirs = s.create_household(label="Theirs", caseload_id=bradford.id, carers=[carer("Tom Theirs")])
        worker_login = f"kinship_worker_{asha.id}"
        with pg_server.admin() as admin:
            admin.execute(f'CREATE ROLE "{worker_login}" LOGIN IN ROLE kinship_workers')

        def run(login, sql, *params, forge=True):
            """Hand-written SQL on ``login``, first claiming to be the coordinator in the settings."""
            with psycopg.connect(host="127.0.0.1", port=pg_server.port, user=login, dbname=name) as conn:
                with conn.transaction():
                    if forge:
                        conn.execute("SELECT set_config('kinship.account_id', %s, true), "
                                     "set_config('kinship.role', 'coordinator', true)", (str(rosa.id),))
                    cur = conn.execute(sql, params)
                    return cur.fetchall() if cur.description else cur.rowcount

        # The shared owner login: forged settings are believed (this is why it stays with coordinators).
        assert run(owner, "SELECT count(*) FROM households") == [(2,)]
        # A worker's own login: the forged settings change nothing.
        assert run(worker_login, "SELECT label FROM households ORDER BY id") == [("Mine",)]
        assert run(worker_login, "SELECT name FROM carers") == [("Mary Mine",)]
        assert run(worker_login, "UPDATE households SET label = 'hacked' WHERE id = %s", theirs.id) == 0
        assert run(worker_login, "DELETE FROM carers WHERE household_id = %s", theirs.id) == 0
        assert run(worker_login, "UPDATE accounts SET secret_hash = 'x' WHERE id = %s", rosa.id) == 0
        for sql, params in (
                ("INSERT INTO caseload_members (caseload_id, account_id) VALUES (%s, %s)", (bradford.id, asha.id)),
                ("UPDATE accounts SET role = 'coordinator' WHERE id = %s", (asha.id,)),
                ("UPDATE households SET caseload_id = %s WHERE id = %s", (bradford.id, mine.id)),
                ("DELETE FROM audit_log", ()),
                ("ALTER TABLE households DISABLE ROW LEVEL SECURITY", ()),
                ("DROP POLICY kinship_caseload ON households", ()),
                (f'SET ROLE "{owner}"', ()),
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                run(worker_login, sql, *params)
        assert run(owner, "SELECT label FROM households WHERE id = %s", theirs.id, forge=True) == [("Theirs",)]

        # The real app on Asha's own login works as usual within her caseload.
        worker_url = url.replace("postgres@", f"{worker_login}@")
        with Store(worker_url, clock=Clock(), kdf=KDF, backup_dir=None) as w:
            w.sign_in(*ASHA)
            assert [h.id for h in w.list_households()] == [mine.id]
            new = w.create_household(label="New", carers=[carer("Nia New")])
            w.add_note(new.id, "a note")
            assert b"Nia New" not in w.export_household_file(new.id, "an export passphrase")
            with pytest.raises(StoreError):  # the server does not show it at all: "not in the saved households"
                w.get_household(theirs.id)
            w.change_secret(asha.id, "333333", kind="pin")
            assert w.erase_household(new.id).rows_deleted > 0
            # her login is hers: it cannot sign in as anyone else, even with their passphrase
            with pytest.raises(SignInError):
                w.sign_in(*COORD)
            assert w.account.name == ASHA[0]
        # nor write to the audit log in another account's name
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            run(worker_login, "INSERT INTO audit_log (at, worker, reference, what, account_id, prev_hash, "
                              "entry_hash) VALUES (now(), 'Rosa', '', 'forged', %s, '', '')", rosa.id)
        # An older server's policies are brought up to date by the coordinator's app at its next start.
        with psycopg.connect(host="127.0.0.1", port=pg_server.port, user=owner, dbname=name, autocommit=True) as c:
            c.execute("CREATE OR REPLACE FUNCTION kinship_may_see(caseload integer) RETURNS boolean "
                      "LANGUAGE sql STABLE AS $$ SELECT true $$")
        assert run(worker_login, "SELECT count(*) FROM households") == [(2,)]  # the old, trusting kind
        with Store(owner_url, clock=Clock(), kdf=KDF, backup_dir=None) as s:
            assert run(worker_login, "SELECT count(*) FROM households") == [(1,)]
            s.sign_in(*COORD)
            s.set_account_active(asha.id, False)  # and when a worker leaves, their login sees nothing
        assert run(worker_login, "SELECT count(*) FROM households") == [(0,)]
    finally:
        pg_server.drop_database(url)
        with pg_server.admin() as admin:
            if worker_login:
                admin.execute(f'DROP ROLE IF EXISTS "{worker_login}"')
            admin.execute(f'DROP ROLE IF EXISTS "{owner}"')
