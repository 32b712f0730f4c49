"""Safe on a shared laptop (issue 12): worker and coordinator accounts, caseloads (each household
in one), a version on autosaved check answers, and the audit log hash-chained and append-only.

Existing audit entries are chained in id order; existing households stay outside any caseload
until a coordinator assigns them (a carer's own store never has caseloads).

Its sample file is tests/store/samples/schema_0003.sqlite (never change this revision: add a new one).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 04:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from kinship_app.store import audit

    op.create_table('caseloads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('accounts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('secret_kind', sa.String(length=16), nullable=False),
    sa.Column('secret_hash', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('caseload_members',
    sa.Column('caseload_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['caseload_id'], ['caseloads.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('caseload_id', 'account_id')
    )
    with op.batch_alter_table('caseload_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_caseload_members_account_id'), ['account_id'], unique=False)

    # Plain ADD COLUMN, never a batch copy: copying ``households`` would drop the old table, and its
    # ON DELETE CASCADE would empty carers, children and everything else (foreign keys are on).
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        op.execute("ALTER TABLE households ADD COLUMN caseload_id INTEGER "
                   "REFERENCES caseloads (id)")
    else:
        op.add_column('households', sa.Column('caseload_id', sa.Integer(), nullable=True))
        op.create_foreign_key(None, "households", "caseloads", ["caseload_id"], ["id"])
    op.create_index(op.f('ix_households_caseload_id'), 'households', ['caseload_id'], unique=False)
    op.add_column('check_progress', sa.Column('version', sa.Integer(), server_default='1', nullable=False))
    op.add_column('audit_log', sa.Column('account_id', sa.Integer(), nullable=True))
    op.add_column('audit_log', sa.Column('prev_hash', sa.String(length=64), server_default='', nullable=False))
    op.add_column('audit_log', sa.Column('entry_hash', sa.String(length=64), server_default='', nullable=False))

    # Chain what is there already, oldest first.
    rows = conn.execute(sa.text("SELECT id, at, account_id, worker, household_id, reference, what "
                                "FROM audit_log ORDER BY id")).all()
    prev = audit.GENESIS
    for row in rows:
        at = row.at if not isinstance(row.at, str) else _parse(row.at)
        digest = audit.entry_hash(prev, row.id, at, row.account_id, row.worker, row.household_id, row.reference,
                                  row.what)
        conn.execute(sa.text("UPDATE audit_log SET prev_hash = :p, entry_hash = :h WHERE id = :i"),
                     {"p": prev, "h": digest, "i": row.id})
        prev = digest
    audit.create_triggers(conn)
    if conn.dialect.name == "postgresql":
        from kinship_app.store import pg_security

        pg_security.enable_row_level_security(conn)


def _parse(text: str):
    import datetime as dt

    return dt.datetime.fromisoformat(text)


def downgrade() -> None:
    # The app never downgrades (a file from a newer version is refused, untouched). Going back would
    # mean copying ``households`` without its caseload, and on SQLite that copy's DROP TABLE would
    # cascade to every carer and child; restore the backup made before the upgrade instead.
    raise NotImplementedError("restore the backup made before upgrading to 0003")
