"""employers and enterprise visits; job.employer_id

Revision ID: f6b8d0e2a4c6
Revises: e5a7c9d1f3b5
Create Date: 2026-12-01 17:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f6b8d0e2a4c6'
down_revision = 'e5a7c9d1f3b5'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('employer',
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('credit_code', sa.String(length=18), nullable=True),
    sa.Column('industry', sa.String(length=80), nullable=True),
    sa.Column('size', sa.String(length=16), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.Column('park', sa.String(length=120), nullable=True),
    sa.Column('area_id', sa.Uuid(), nullable=True),
    sa.Column('contacts', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('by_user_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_device', sa.String(length=64), nullable=True),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_employer_area_id_area')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employer')),
    sa.UniqueConstraint('credit_code', name=op.f('uq_employer_credit_code'))
    )
    with op.batch_alter_table('employer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_employer_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_employer_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_employer_park'), ['park'], unique=False)

    op.create_table('enterprise_visit',
    sa.Column('employer_id', sa.Uuid(), nullable=False),
    sa.Column('area_id', sa.Uuid(), nullable=True),
    sa.Column('occurred_at', sa.DateTime(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('met', sa.String(length=160), nullable=True),
    sa.Column('vacancies', sa.JSON(), nullable=False),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lng', sa.Float(), nullable=True),
    sa.Column('author_id', sa.Uuid(), nullable=True),
    sa.Column('device_id', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_enterprise_visit_author_id_user_account')),
    sa.ForeignKeyConstraint(['employer_id'], ['employer.id'], name=op.f('fk_enterprise_visit_employer_id_employer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enterprise_visit'))
    )
    with op.batch_alter_table('enterprise_visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enterprise_visit_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_enterprise_visit_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_enterprise_visit_employer_id'), ['employer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_enterprise_visit_occurred_at'), ['occurred_at'], unique=False)

    with op.batch_alter_table('job', schema=None) as batch_op:
        batch_op.add_column(sa.Column('employer_id', sa.Uuid(), nullable=True))
        batch_op.create_index(batch_op.f('ix_job_employer_id'), ['employer_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_job_employer_id_employer'), 'employer', ['employer_id'], ['id'])


def downgrade():
    with op.batch_alter_table('job', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_job_employer_id_employer'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_job_employer_id'))
        batch_op.drop_column('employer_id')
    with op.batch_alter_table('enterprise_visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enterprise_visit_occurred_at'))
        batch_op.drop_index(batch_op.f('ix_enterprise_visit_employer_id'))
        batch_op.drop_index(batch_op.f('ix_enterprise_visit_author_id'))
        batch_op.drop_index(batch_op.f('ix_enterprise_visit_area_id'))
    op.drop_table('enterprise_visit')
    with op.batch_alter_table('employer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_employer_park'))
        batch_op.drop_index(batch_op.f('ix_employer_name'))
        batch_op.drop_index(batch_op.f('ix_employer_area_id'))
    op.drop_table('employer')
