"""The page generations: numbers moved by committed changes, that cached public pages are kept under

Revision ID: b4d6f8a0c2e4
Revises: e8a1c3f5b7d9
Create Date: 2026-12-06 17:00:00.000000

"""
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b4d6f8a0c2e4'
down_revision = 'e8a1c3f5b7d9'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        'page_generation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('generation', sa.BigInteger(), nullable=False),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_page_generation')),
    )
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    op.bulk_insert(table, [{'id': 1, 'generation': 0, 'changed_at': now},  # every change
                           {'id': 2, 'generation': 0, 'changed_at': now}])  # every change but to comments


def downgrade():
    op.drop_table('page_generation')
