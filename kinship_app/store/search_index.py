"""The name search's index on SQLite: an FTS5 table with the trigram tokenizer over
``households.search_text`` (the case-folded, accent-free reference, label and names).

A trigram index answers "contains this text" (three letters or more) without reading every
household, which ``LIKE '%…%'`` cannot, and it lives inside the database file, so it works in an
encrypted (SQLCipher) file exactly as in a plain one. It is an *external content* table: it holds
no copy of the names, only the index, and triggers on ``households`` keep it in step with every
insert, update and delete, whichever code path makes them.

Alembic revision 0002 creates it; ``ensure`` (run when a store opens) puts back triggers that a
later batch migration of ``households`` dropped, and rebuilds the index then. Where SQLite was
built without FTS5, or on PostgreSQL, there is no index and search falls back to ``LIKE``.
"""

from __future__ import annotations

from typing import Any

TABLE = "households_fts"

CREATE_TABLE = (f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(search_text, content='households', "
                "content_rowid='id', tokenize='trigram')")
TRIGGERS = {
    f"{TABLE}_insert": (f"CREATE TRIGGER IF NOT EXISTS {TABLE}_insert AFTER INSERT ON households BEGIN "
                        f"INSERT INTO {TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END"),
    f"{TABLE}_delete": (f"CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON households BEGIN "
                        f"INSERT INTO {TABLE}({TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
                        "END"),
    f"{TABLE}_update": (f"CREATE TRIGGER IF NOT EXISTS {TABLE}_update AFTER UPDATE OF search_text ON households BEGIN "
                        f"INSERT INTO {TABLE}({TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
                        f"INSERT INTO {TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END"),
}
REBUILD = f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')"
OPTIMIZE = f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')"
MIN_LENGTH = 3  # a trigram index needs three characters


def is_search_index(name: str | None) -> bool:
    """True for the index's table and its shadow tables (not in the models: Alembic leaves them be)."""
    return bool(name) and str(name).startswith(TABLE)


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """For Alembic's comparisons: the index is made by SQL here, not by the models."""
    return not (type_ == "table" and is_search_index(name))


def fts5_available(execute: Any) -> bool:
    try:
        rows = execute("PRAGMA compile_options")
        return any(str(r[0]).upper() == "ENABLE_FTS5" for r in rows)
    except Exception:
        return False


def create(execute: Any) -> bool:
    """Create the index, its triggers and its contents (the migration). False when there is no FTS5."""
    if not fts5_available(execute):
        return False
    execute(CREATE_TABLE)
    for sql in TRIGGERS.values():
        execute(sql)
    execute(REBUILD)
    return True


def drop(execute: Any) -> None:
    for name in TRIGGERS:
        execute(f"DROP TRIGGER IF EXISTS {name}")
    execute(f"DROP TABLE IF EXISTS {TABLE}")


def ensure(execute: Any) -> bool:
    """At open: True when the index is there and kept in step. Triggers found missing (a batch
    migration recreates ``households`` without them) are put back and the index rebuilt."""
    names = {r[0] for r in execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') "
                                   f"AND name LIKE '{TABLE}%'")}
    if TABLE not in names:
        return False
    if not set(TRIGGERS) <= names:
        for sql in TRIGGERS.values():
            execute(sql)
        execute(REBUILD)
    return True


def match_phrase(needle: str) -> str:
    """An FTS5 query for ``needle`` as one phrase: with the trigram tokenizer, "contains"."""
    return '"' + needle.replace('"', '""') + '"'
