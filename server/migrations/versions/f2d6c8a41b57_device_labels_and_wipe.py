"""device sessions as devices: a label, when last seen, the sync client id, who ended the
session, and the lost-phone wipe order

Revision ID: f2d6c8a41b57
Revises: f5a2c8d41b37
Create Date: 2026-12-01 13:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f2d6c8a41b57'
down_revision = 'f5a2c8d41b37'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('auth_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revoked_by_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('label', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('last_seen_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('client_id', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('wipe_requested_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('wipe_requested_by_id', sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_auth_session_revoked_by_id_user_account'),
            'user_account', ['revoked_by_id'], ['id'], ondelete='SET NULL',
        )
        batch_op.create_foreign_key(
            batch_op.f('fk_auth_session_wipe_requested_by_id_user_account'),
            'user_account', ['wipe_requested_by_id'], ['id'], ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('auth_session', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_auth_session_wipe_requested_by_id_user_account'), type_='foreignkey'
        )
        batch_op.drop_constraint(
            batch_op.f('fk_auth_session_revoked_by_id_user_account'), type_='foreignkey'
        )
        batch_op.drop_column('wipe_requested_by_id')
        batch_op.drop_column('wipe_requested_at')
        batch_op.drop_column('client_id')
        batch_op.drop_column('last_seen_at')
        batch_op.drop_column('label')
        batch_op.drop_column('revoked_by_id')
