"""recruitment events and participants

Revision ID: a7c9e1f3b5d7
Revises: f6b8d0e2a4c6
Create Date: 2026-12-01 17:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c9e1f3b5d7'
down_revision = 'f6b8d0e2a4c6'
branch_labels = None
depends_on = None


def _stamps():
    return [
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by_id', sa.Uuid(), nullable=True),
        sa.Column('updated_device', sa.String(length=64), nullable=True),
        sa.Column('stamps', sa.JSON(), nullable=False),
    ]


def upgrade():
    op.create_table('event',
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=True),
    sa.Column('place', sa.String(length=160), nullable=True),
    sa.Column('channel', sa.String(length=160), nullable=True),
    sa.Column('area_id', sa.Uuid(), nullable=True),
    sa.Column('employer_ids', sa.JSON(), nullable=False),
    sa.Column('job_ids', sa.JSON(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('cancelled', sa.Boolean(), nullable=False),
    sa.Column('by_user_id', sa.Uuid(), nullable=True),
    sa.Column('reported_attendance', sa.Integer(), nullable=True),
    sa.Column('reported_interviews', sa.Integer(), nullable=True),
    sa.Column('reported_hires', sa.Integer(), nullable=True),
    *_stamps(),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_event_area_id_area')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_starts_at'), ['starts_at'], unique=False)

    op.create_table('event_participant',
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('check_in_via', sa.String(length=8), nullable=True),
    sa.Column('check_in_token', sa.String(length=200), nullable=True),
    sa.Column('checked_in_at', sa.DateTime(), nullable=True),
    sa.Column('invited_by', sa.Uuid(), nullable=True),
    *_stamps(),
    sa.ForeignKeyConstraint(['event_id'], ['event.id'], name=op.f('fk_event_participant_event_id_event')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_event_participant_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_participant')),
    sa.UniqueConstraint('event_id', 'person_id', name=op.f('uq_event_participant_event_id'))
    )
    with op.batch_alter_table('event_participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_participant_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_participant_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_participant_state'), ['state'], unique=False)


def downgrade():
    op.drop_table('event_participant')
    op.drop_table('event')
