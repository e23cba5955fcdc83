"""attachments and CV versions

Revision ID: d4f6b8c0e2a4
Revises: c3e5a7b9d1f3
Create Date: 2026-12-01 17:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4f6b8c0e2a4'
down_revision = 'c3e5a7b9d1f3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'attachment',
        sa.Column('person_id', sa.Uuid(), nullable=True),
        sa.Column('household_id', sa.Uuid(), nullable=True),
        sa.Column('visit_id', sa.Uuid(), nullable=True),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('title', sa.String(length=160), nullable=False),
        sa.Column('content_type', sa.String(length=64), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('cv_version', sa.Integer(), nullable=True),
        sa.Column('uploaded_at', sa.DateTime(), nullable=True),
        sa.Column('author_id', sa.Uuid(), nullable=True),
        sa.Column('device_id', sa.String(length=64), nullable=True),
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('updated_by_id', sa.Uuid(), nullable=True),
        sa.Column('updated_device', sa.String(length=64), nullable=True),
        sa.Column('stamps', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(['household_id'], ['household.id'], ),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
        sa.ForeignKeyConstraint(['visit_id'], ['visit.id'], ),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_visit_id'), ['visit_id'], unique=False)
        batch_op.create_index('ix_attachment_person_kind', ['person_id', 'kind'], unique=False)


def downgrade():
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index('ix_attachment_person_kind')
        batch_op.drop_index(batch_op.f('ix_attachment_visit_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_household_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_person_id'))
    op.drop_table('attachment')
