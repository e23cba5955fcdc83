"""recommendation interview and attribution columns, household location

Revision ID: a1c3e5f7b9d1
Revises: f2d6c8a41b57
Create Date: 2026-12-01 17:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a1c3e5f7b9d1'
down_revision = 'f2d6c8a41b57'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('interview_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('interview_place', sa.String(length=160), nullable=True))
        batch_op.add_column(sa.Column('source_event_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('source_post_id', sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f('ix_recommendation_interview_at'), ['interview_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_source_event_id'), ['source_event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendation_source_post_id'), ['source_post_id'], unique=False)
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lat', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('lng', sa.Float(), nullable=True))


def downgrade():
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.drop_column('lng')
        batch_op.drop_column('lat')
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_source_post_id'))
        batch_op.drop_index(batch_op.f('ix_recommendation_source_event_id'))
        batch_op.drop_index(batch_op.f('ix_recommendation_interview_at'))
        batch_op.drop_column('source_post_id')
        batch_op.drop_column('source_event_id')
        batch_op.drop_column('interview_place')
        batch_op.drop_column('interview_at')
