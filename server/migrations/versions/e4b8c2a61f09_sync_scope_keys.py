"""sync scope keys: the change log carries each puller's key, one (key, position) index each

Revision ID: e4b8c2a61f09
Revises: a8c4e2f7b913
Create Date: 2026-12-01 11:10:00.000000

A page was a join of the whole log to `household` under an OR; now every row carries its
household's sub-district and helpers, its person and its catalogue (sync/PROTOCOL.md 7.1).
The upgrade fills the keys from the households; catalogue rows get `all`, jobs `job` (the
city-wide key: correct, and narrowed to their district at their next write).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e4b8c2a61f09'
down_revision = 'a8c4e2f7b913'
branch_labels = None
depends_on = None

_KEYS = ("subdistrict_id", "helper_id", "partner_id", "person_id", "catalogue")


def upgrade():
    with op.batch_alter_table('sync_change', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subdistrict_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('helper_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('partner_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('catalogue', sa.String(length=48), nullable=True))
        batch_op.drop_index(batch_op.f('ix_sync_change_person_id'))
    op.execute(
        "UPDATE sync_change SET"
        " subdistrict_id = (SELECT h.subdistrict_id FROM household h WHERE h.id = sync_change.household_id),"
        " helper_id = (SELECT h.primary_helper_id FROM household h WHERE h.id = sync_change.household_id),"
        " partner_id = (SELECT h.partner_helper_id FROM household h WHERE h.id = sync_change.household_id)"
        " WHERE household_id IS NOT NULL"
    )
    op.execute("UPDATE sync_change SET catalogue = 'all' WHERE scope = 'catalogue' AND entity <> 'job'")
    op.execute("UPDATE sync_change SET catalogue = 'job' WHERE scope = 'catalogue' AND entity = 'job'")
    with op.batch_alter_table('sync_change', schema=None) as batch_op:
        batch_op.drop_column('scope')
        for key in _KEYS:
            batch_op.create_index(f'ix_sync_change_{key.removesuffix("_id")}_position',
                                  [key, 'position'], unique=False)


def downgrade():
    with op.batch_alter_table('sync_change', schema=None) as batch_op:
        for key in _KEYS:
            batch_op.drop_index(f'ix_sync_change_{key.removesuffix("_id")}_position')
        batch_op.add_column(sa.Column('scope', sa.String(length=12), nullable=False,
                                      server_default='household'))
    op.execute("UPDATE sync_change SET scope = 'catalogue' WHERE catalogue IS NOT NULL")
    with op.batch_alter_table('sync_change', schema=None) as batch_op:
        batch_op.drop_column('catalogue')
        batch_op.drop_column('partner_id')
        batch_op.drop_column('helper_id')
        batch_op.drop_column('subdistrict_id')
        batch_op.create_index(batch_op.f('ix_sync_change_person_id'), ['person_id'], unique=False)
