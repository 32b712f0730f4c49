"""Allowance estimates saved with the household (issue 14): the inputs (the case as used and the
finances answers, with the variant chosen), the date, and the result as computed then; a row per
estimate, so one worked out again when the rates change keeps the old one in history.

Its sample file is tests/store/samples/schema_0004.sqlite (never change this revision: add a new one).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 07:40:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('allowance_estimates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('child_id', sa.Integer(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('made_at', sa.DateTime(), nullable=False),
    sa.Column('worker', sa.Text(), nullable=False),
    sa.Column('inputs', sa.JSON(), nullable=False),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['child_id'], ['children.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('allowance_estimates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_allowance_estimates_child_id'), ['child_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_allowance_estimates_household_id'), ['household_id'], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        # The caseload rules in PostgreSQL itself (pg_security.py), for the new table too.
        from kinship_app.store import pg_security

        pg_security.enable_row_level_security(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table('allowance_estimates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_allowance_estimates_household_id'))
        batch_op.drop_index(batch_op.f('ix_allowance_estimates_child_id'))
    op.drop_table('allowance_estimates')
