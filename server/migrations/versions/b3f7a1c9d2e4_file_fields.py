"""the whole file: ID number, guidance steps as structure, what came of a visit

Revision ID: b3f7a1c9d2e4
Revises: e4b8c2a61f09
Create Date: 2026-12-01 13:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b3f7a1c9d2e4'
down_revision = 'e4b8c2a61f09'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('id_number', sa.String(length=18), nullable=True))
        batch_op.add_column(sa.Column('guidance_know', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('guidance_adjust', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('guidance_promote', sa.JSON(), nullable=True))
        batch_op.create_index(batch_op.f('ix_person_id_number'), ['id_number'], unique=False)
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('outcome', sa.String(length=16), nullable=True))


def downgrade():
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_column('outcome')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_id_number'))
        batch_op.drop_column('guidance_promote')
        batch_op.drop_column('guidance_adjust')
        batch_op.drop_column('guidance_know')
        batch_op.drop_column('id_number')
