"""Upgrades at start-up (guides/RELIABILITY.md, "upgrades"): every released schema's sample file
upgrades with every row kept; a newer or foreign file is refused and left byte-identical; an older
file is backed up, and the backup verified, before the upgrade."""

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from kinship_app.store import NewerSchemaError, NotAStoreError, Store, migrate
from kinship_app.store.models import Base
from kinship_app.store.search_index import include_name

from store_helpers import Clock, make_household

SAMPLES = Path(__file__).parent / "samples"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rows(path: Path) -> dict[str, list[dict]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {t: [dict(r) for r in con.execute(f'SELECT * FROM "{t}"')] for t in tables if t != "alembic_version"}
    finally:
        con.close()


def test_every_revision_has_a_sample_file():
    for revision in migrate.known_revisions():
        assert (SAMPLES / f"schema_{revision}.sqlite").is_file(), f"add tests/store/samples/schema_{revision}.sqlite"


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("schema_*.sqlite")), ids=lambda p: p.stem)
def test_sample_upgrades_with_every_row_kept(sample, tmp_path):
    db = tmp_path / "households.sqlite"
    shutil.copy(sample, db)
    before = _rows(db)
    assert sum(len(v) for v in before.values()) > 20  # the sample really has rows in it
    with Store(f"sqlite:///{db}", clock=Clock()) as store:
        assert store.schema == migrate.head_revision()
        assert store.integrity_check() == ["ok"]
        for summary in store.list_households():
            assert store.export_household(summary.id)["household"]["reference"] == summary.reference
    after = _rows(db)
    for table, rows in before.items():
        for row in rows:
            kept = [r for r in after[table] if all(r.get(k) == v for k, v in row.items() if k in r)]
            assert kept, f"{table} lost {row}"


def test_models_match_the_migrations(store):
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn, opts={"include_name": include_name}), Base.metadata)
    assert diffs == []


def test_newer_file_is_refused_and_left_byte_identical(tmp_path):
    db = tmp_path / "households.sqlite"
    with Store(f"sqlite:///{db}", clock=Clock()) as store:
        make_household(store)
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    digest = _sha(db)
    with pytest.raises(NewerSchemaError) as err:
        Store(f"sqlite:///{db}", clock=Clock())
    assert "newer version" in str(err.value)
    assert _sha(db) == digest
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_newer_server_schema_is_refused_untouched(pg_server):
    url = pg_server.new_database()
    try:
        with Store(url, clock=Clock()) as store:
            make_household(store)
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(NewerSchemaError):
            Store(url, clock=Clock())
        with engine.connect() as conn:
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999"
            assert conn.execute(text("SELECT count(*) FROM households")).scalar() == 1
        engine.dispose()
    finally:
        pg_server.drop_database(url)


@pytest.mark.parametrize("content", [b"not a database at all" * 100, None], ids=["garbage", "foreign-sqlite"])
def test_foreign_file_is_refused_untouched(tmp_path, content):
    db = tmp_path / "households.sqlite"
    if content is None:
        con = sqlite3.connect(db)
        con.execute("CREATE TABLE recipes (name TEXT)")
        con.commit()
        con.close()
    else:
        db.write_bytes(content)
    digest = _sha(db)
    with pytest.raises(NotAStoreError):
        Store(f"sqlite:///{db}", clock=Clock())
    assert _sha(db) == digest


NEXT_REVISION = '''
from alembic import op
import sqlalchemy as sa

revision = "{rev}"
down_revision = "{down}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("carers") as batch:
        batch.add_column(sa.Column("preferred_language", sa.String(16), nullable=False, server_default="en"))


def downgrade():
    with op.batch_alter_table("carers") as batch:
        batch.drop_column("preferred_language")
'''


def test_an_upgrade_backs_up_and_verifies_first_then_keeps_every_row(tmp_path, monkeypatch):
    """The machinery on a real later revision (a batch-mode column add, written here for the test)."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = migrate.head_revision()
    (scripts / "versions" / "9001_test.py").write_text(NEXT_REVISION.format(rev="9001", down=head))
    monkeypatch.setattr(migrate, "MIGRATIONS", scripts)
    db = tmp_path / "data" / "households.sqlite"
    db.parent.mkdir()
    shutil.copy(SAMPLES / f"schema_{head}.sqlite", db)
    before = _rows(db)
    with Store(f"sqlite:///{db}", clock=Clock()) as store:
        assert store.schema == "9001"
    backups = list((db.parent / "backups").glob(f"before-upgrade-from-{head}-*.sqlite"))
    assert len(backups) == 1
    assert _rows(backups[0]) == before  # the backup is the file as it was
    after = _rows(db)
    assert all(r["preferred_language"] == "en" for r in after["carers"])
    for table, rows in before.items():
        for row in rows:
            assert any(all(r[k] == v for k, v in row.items()) for r in after[table]), (table, row)


def test_copies_starting_together_on_a_new_file_create_it_once(tmp_path):
    import threading

    url = f"sqlite:///{tmp_path / 'households.sqlite'}"
    errors, stores = [], []

    def start():
        try:
            stores.append(Store(url, clock=Clock()))
        except Exception as exc:  # collected: any failure fails the test
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(stores) == 4
    make_household(stores[0])
    assert [s.count_households() for s in stores] == [1, 1, 1, 1]
    for s in stores:
        s.close()
    con = sqlite3.connect(tmp_path / "households.sqlite")
    assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(migrate.head_revision(),)]
    assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    con.close()


def test_an_in_memory_store_works():
    with Store("sqlite://", clock=Clock()) as store:
        h = make_household(store)
        assert store.search("ellis")[0].id == h.id
        assert store.integrity_check() == ["ok"]
