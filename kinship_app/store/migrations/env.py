"""Alembic environment: always run by ``kinship_app.store.migrate`` on a connection it has opened
(and for SQLite, already locked with BEGIN IMMEDIATE), so the whole upgrade is one transaction."""

from alembic import context

from kinship_app.store.models import Base
from kinship_app.store.search_index import include_name


def run() -> None:
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things: batch mode copies the table (Alembic "batch migrations").
        render_as_batch=True,
        include_name=include_name,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


# Alembic executes this file with its context set up; a tool that merely imports every module
# (tests/architecture) must not start a migration.
if hasattr(context, "config"):
    run()
