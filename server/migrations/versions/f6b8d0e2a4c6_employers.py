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
    # Owned by the employers (issue 13.1) work: its tables go here.
    pass


def downgrade():
    pass
