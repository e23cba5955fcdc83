"""job-search groups, members, posts and deliveries

Revision ID: b8d0f2a4c6e8
Revises: a7c9e1f3b5d7
Create Date: 2026-12-01 17:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b8d0f2a4c6e8'
down_revision = 'a7c9e1f3b5d7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('job_group',
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('area_id', sa.Uuid(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('primary_staff_id', sa.Uuid(), nullable=True),
    sa.Column('partner_staff_id', sa.Uuid(), nullable=True),
    sa.Column('reported_reached', sa.Integer(), nullable=True),
    sa.Column('reported_interviews', sa.Integer(), nullable=True),
    sa.Column('reported_hires', sa.Integer(), nullable=True),
    sa.Column('reported_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_device', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['area_id'], ['area.id'], name=op.f('fk_job_group_area_id_area')),
    sa.ForeignKeyConstraint(['partner_staff_id'], ['user_account.id'], name=op.f('fk_job_group_partner_staff_id_user_account')),
    sa.ForeignKeyConstraint(['primary_staff_id'], ['user_account.id'], name=op.f('fk_job_group_primary_staff_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_job_group'))
    )
    with op.batch_alter_table('job_group', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_job_group_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_job_group_partner_staff_id'), ['partner_staff_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_job_group_primary_staff_id'), ['primary_staff_id'], unique=False)
    op.create_table('group_post',
    sa.Column('group_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('ref_id', sa.Uuid(), nullable=True),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('posted_at', sa.DateTime(), nullable=False),
    sa.Column('by_user_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_device', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['group_id'], ['job_group.id'], name=op.f('fk_group_post_group_id_job_group')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_post'))
    )
    with op.batch_alter_table('group_post', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_post_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_post_posted_at'), ['posted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_post_ref_id'), ['ref_id'], unique=False)
    op.create_table('group_member',
    sa.Column('group_id', sa.Uuid(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('joined_at', sa.DateTime(), nullable=False),
    sa.Column('left_at', sa.DateTime(), nullable=True),
    sa.Column('added_by_id', sa.Uuid(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_device', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['group_id'], ['job_group.id'], name=op.f('fk_group_member_group_id_job_group')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_group_member_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_member')),
    sa.UniqueConstraint('group_id', 'person_id', name=op.f('uq_group_member_group_id'))
    )
    with op.batch_alter_table('group_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_member_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_member_person_id'), ['person_id'], unique=False)
    op.create_table('post_delivery',
    sa.Column('post_id', sa.Uuid(), nullable=False),
    sa.Column('group_id', sa.Uuid(), nullable=False),
    sa.Column('person_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('ref_id', sa.Uuid(), nullable=True),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('posted_at', sa.DateTime(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.Column('answer', sa.String(length=16), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Uuid(), nullable=True),
    sa.Column('updated_device', sa.String(length=64), nullable=True),
    sa.Column('stamps', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['job_group.id'], name=op.f('fk_post_delivery_group_id_job_group')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_post_delivery_person_id_person')),
    sa.ForeignKeyConstraint(['post_id'], ['group_post.id'], name=op.f('fk_post_delivery_post_id_group_post')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_post_delivery')),
    sa.UniqueConstraint('post_id', 'person_id', name=op.f('uq_post_delivery_post_id'))
    )
    with op.batch_alter_table('post_delivery', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_post_delivery_answer'), ['answer'], unique=False)
        batch_op.create_index(batch_op.f('ix_post_delivery_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_post_delivery_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_post_delivery_post_id'), ['post_id'], unique=False)


def downgrade():
    for table in ("post_delivery", "group_post", "group_member", "job_group"):
        op.drop_table(table)
