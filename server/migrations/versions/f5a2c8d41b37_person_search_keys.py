"""search keys beside each file: names with pinyin and initials, phone digits, ID number

Revision ID: f5a2c8d41b37
Revises: b3f7a1c9d2e4
Create Date: 2026-12-01 14:00:00.000000

Backfills every existing person with the same keys the flush hook in server/search.py writes
for every later change.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f5a2c8d41b37'
down_revision = 'b3f7a1c9d2e4'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        'person_search',
        sa.Column('person_id', sa.Uuid(), nullable=False),
        sa.Column('names', sa.Text(), nullable=False),
        sa.Column('phone', sa.String(length=32), nullable=False),
        sa.Column('id_number', sa.String(length=40), nullable=False),
        sa.Column('sort_key', sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('person_id'),
    )
    from server.search import row_of
    from server.search_keys import keys_of

    person = sa.table('person', sa.column('id', sa.Uuid()), sa.column('name', sa.String()),
                      sa.column('phone', sa.String()), sa.column('id_number', sa.String()))
    out = [row_of(ident, keys_of(name, phone, id_number))
           for ident, name, phone, id_number in op.get_bind().execute(sa.select(person)).all()]
    for start in range(0, len(out), 1000):
        op.bulk_insert(table, out[start:start + 1000])


def downgrade():
    op.drop_table('person_search')
