"""policy cases, training enrolments, assistance periods

Revision ID: e5a7c9d1f3b5
Revises: d4f6b8c0e2a4
Create Date: 2026-12-01 17:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e5a7c9d1f3b5'
down_revision = 'd4f6b8c0e2a4'
branch_labels = None
depends_on = None


def upgrade():
    # Owned by the support (issue 12.5-8) work: its tables go here.
    pass


def downgrade():
    pass
