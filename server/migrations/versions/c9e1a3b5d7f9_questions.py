"""questions a graduate asks their helper

Revision ID: c9e1a3b5d7f9
Revises: b8d0f2a4c6e8
Create Date: 2026-12-01 17:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c9e1a3b5d7f9'
down_revision = 'b8d0f2a4c6e8'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'question',
        sa.Column('person_id', sa.Uuid(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('asked_at', sa.DateTime(), nullable=False),
        sa.Column('answer', sa.Text(), nullable=True),
        sa.Column('answered_by', sa.Uuid(), nullable=True),
        sa.Column('answered_at', sa.DateTime(), nullable=True),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by_id', sa.Uuid(), nullable=True),
        sa.Column('updated_device', sa.String(length=64), nullable=True),
        sa.Column('stamps', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['answered_by'], ['user_account.id'], name=op.f('fk_question_answered_by_user_account')),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_question_person_id_person')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_question')),
    )
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_asked_at'), ['asked_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_question_person_answered', ['person_id', 'answered_at'], unique=False)


def downgrade():
    with op.batch_alter_table('question', schema=None) as batch_op:
        batch_op.drop_index('ix_question_person_answered')
        batch_op.drop_index(batch_op.f('ix_question_person_id'))
        batch_op.drop_index(batch_op.f('ix_question_asked_at'))
    op.drop_table('question')
