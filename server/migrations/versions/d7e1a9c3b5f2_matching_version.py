"""matching version: a commit-ordered counter of job and area writes

Revision ID: d7e1a9c3b5f2
Revises: c52b109b77b7
Create Date: 2026-12-01 11:05:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd7e1a9c3b5f2'
down_revision = 'c52b109b77b7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('matching_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matching_version'))
    )


def downgrade():
    op.drop_table('matching_version')
