"""The name search's trigram index (SQLite FTS5 over households.search_text, kept in step by
triggers; see kinship_app/store/search_index.py). Nothing on PostgreSQL, or where SQLite has no
FTS5: search then reads every household, as before.

Its sample file is tests/store/samples/schema_0002.sqlite (never change this revision: add a new one).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06 04:45:00
"""
from alembic import op

from kinship_app.store import search_index

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def _execute(sql: str):
    result = op.get_bind().exec_driver_sql(sql)
    return result.fetchall() if result.returns_rows else None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        search_index.create(_execute)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        search_index.drop(_execute)
