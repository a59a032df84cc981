"""When each open-data answer was first served as it reads now (its Last-Modified)

Revision ID: c4e6a8b0d2f4
Revises: b3d5f7a9c1e2
Create Date: 2026-12-06 13:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4e6a8b0d2f4'
down_revision = 'b3d5f7a9c1e2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'served_version',
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('etag', sa.String(length=80), nullable=False),
        sa.Column('first_served_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_served_version')),
    )


def downgrade():
    op.drop_table('served_version')
