"""policy cases, training enrolments, assistance periods

Revision ID: e5a7c9d1f3b5
Revises: d4f6b8c0e2a4
Create Date: 2026-12-01 17:00:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e5a7c9d1f3b5'
down_revision = 'd4f6b8c0e2a4'
branch_labels = None
depends_on = None


def stamp_columns():
    """The mixins' columns (id, stamps, who/when), fresh for each table."""
    return [
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by_id', sa.Uuid(), nullable=True),
        sa.Column('updated_device', sa.String(length=64), nullable=True),
        sa.Column('stamps', sa.JSON(), nullable=False),
    ]


def upgrade():
    op.create_table(
        'policy_case',
        sa.Column('person_id', sa.Uuid(), nullable=False),
        sa.Column('policy_id', sa.Uuid(), nullable=False),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('informed_on', sa.Date(), nullable=True),
        sa.Column('applied_on', sa.Date(), nullable=True),
        sa.Column('decided_on', sa.Date(), nullable=True),
        sa.Column('amount', sa.Integer(), nullable=True),
        sa.Column('notes', sa.Text(), nullable=True),
        sa.Column('by_user_id', sa.Uuid(), nullable=True),
        *stamp_columns(),
        sa.ForeignKeyConstraint(['person_id'], ['person.id']),
        sa.ForeignKeyConstraint(['policy_id'], ['policy.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('policy_case', schema=None) as batch_op:
        for column in ('person_id', 'policy_id', 'state', 'applied_on', 'decided_on'):
            batch_op.create_index(batch_op.f(f'ix_policy_case_{column}'), [column], unique=False)
    op.create_table(
        'training_enrolment',
        sa.Column('person_id', sa.Uuid(), nullable=False),
        sa.Column('course_id', sa.Uuid(), nullable=False),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('referred_on', sa.Date(), nullable=True),
        sa.Column('enrolled_on', sa.Date(), nullable=True),
        sa.Column('completed_on', sa.Date(), nullable=True),
        sa.Column('notes', sa.Text(), nullable=True),
        sa.Column('by_user_id', sa.Uuid(), nullable=True),
        *stamp_columns(),
        sa.ForeignKeyConstraint(['person_id'], ['person.id']),
        sa.ForeignKeyConstraint(['course_id'], ['training.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('training_enrolment', schema=None) as batch_op:
        for column in ('person_id', 'course_id', 'state', 'completed_on'):
            batch_op.create_index(batch_op.f(f'ix_training_enrolment_{column}'), [column], unique=False)
    op.create_table(
        'assistance_period',
        sa.Column('person_id', sa.Uuid(), nullable=False),
        sa.Column('start_on', sa.Date(), nullable=False),
        sa.Column('end_on', sa.Date(), nullable=True),
        sa.Column('helper_id', sa.Uuid(), nullable=True),
        sa.Column('notes', sa.Text(), nullable=True),
        sa.Column('by_user_id', sa.Uuid(), nullable=True),
        *stamp_columns(),
        sa.ForeignKeyConstraint(['person_id'], ['person.id']),
        sa.ForeignKeyConstraint(['helper_id'], ['user_account.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('assistance_period', schema=None) as batch_op:
        for column in ('person_id', 'helper_id'):
            batch_op.create_index(batch_op.f(f'ix_assistance_period_{column}'), [column], unique=False)


def downgrade():
    op.drop_table('assistance_period')
    op.drop_table('training_enrolment')
    op.drop_table('policy_case')
