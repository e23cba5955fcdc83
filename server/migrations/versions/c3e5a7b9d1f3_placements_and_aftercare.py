"""placements, retention contacts and their schedule

Revision ID: c3e5a7b9d1f3
Revises: b2d4f6a8c0e2
Create Date: 2026-12-01 17:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c3e5a7b9d1f3'
down_revision = 'b2d4f6a8c0e2'
branch_labels = None
depends_on = None


def _stamps():
    return [
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by_id', sa.Uuid(), nullable=True),
        sa.Column('updated_device', sa.String(length=64), nullable=True),
        sa.Column('stamps', sa.JSON(), nullable=False),
    ]


def upgrade():
    op.create_table(
        'placement',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('person_id', sa.Uuid(), nullable=False),
        sa.Column('recommendation_id', sa.Uuid(), nullable=True),
        sa.Column('employer_id', sa.Uuid(), nullable=True),
        sa.Column('employer_name', sa.String(length=160), nullable=False),
        sa.Column('job_id', sa.Uuid(), nullable=True),
        sa.Column('job_title', sa.String(length=160), nullable=False),
        sa.Column('start_date', sa.Date(), nullable=False),
        sa.Column('contract_signed', sa.Boolean(), nullable=False),
        sa.Column('pay', sa.Integer(), nullable=True),
        sa.Column('ended_on', sa.Date(), nullable=True),
        sa.Column('end_reason', sa.String(length=24), nullable=True),
        sa.Column('at_risk', sa.Boolean(), nullable=False),
        sa.Column('at_risk_note', sa.Text(), nullable=True),
        sa.Column('by_user_id', sa.Uuid(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(['job_id'], ['job.id'], ),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
        sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('placement', schema=None) as batch_op:
        for column in ('person_id', 'recommendation_id', 'employer_id', 'start_date', 'ended_on',
                       'at_risk'):
            batch_op.create_index(batch_op.f(f'ix_placement_{column}'), [column], unique=False)

    op.create_table(
        'retention_check',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('placement_id', sa.Uuid(), nullable=False),
        sa.Column('person_id', sa.Uuid(), nullable=False),
        sa.Column('step', sa.String(length=16), nullable=False),
        sa.Column('occurred_at', sa.DateTime(), nullable=False),
        sa.Column('still_employed', sa.Boolean(), nullable=False),
        sa.Column('reason', sa.String(length=24), nullable=True),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.Column('author_id', sa.Uuid(), nullable=True),
        sa.Column('device_id', sa.String(length=64), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
        sa.ForeignKeyConstraint(['placement_id'], ['placement.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('retention_check', schema=None) as batch_op:
        for column in ('placement_id', 'person_id', 'occurred_at'):
            batch_op.create_index(batch_op.f(f'ix_retention_check_{column}'), [column], unique=False)

    op.create_table(
        'retention_step',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('code', sa.String(length=16), nullable=False),
        sa.Column('days', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=True),
        sa.Column('updated_by_id', sa.Uuid(), nullable=True),
        sa.Column('stamps', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('code'),
    )


def downgrade():
    op.drop_table('retention_step')
    with op.batch_alter_table('retention_check', schema=None) as batch_op:
        for column in ('occurred_at', 'person_id', 'placement_id'):
            batch_op.drop_index(batch_op.f(f'ix_retention_check_{column}'))
    op.drop_table('retention_check')
    with op.batch_alter_table('placement', schema=None) as batch_op:
        for column in ('at_risk', 'ended_on', 'start_date', 'employer_id', 'recommendation_id',
                       'person_id'):
            batch_op.drop_index(batch_op.f(f'ix_placement_{column}'))
    op.drop_table('placement')
