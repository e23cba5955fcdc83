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
    # Owned by the attachments (issue 12.4) work: its tables go here.
    pass


def downgrade():
    pass
