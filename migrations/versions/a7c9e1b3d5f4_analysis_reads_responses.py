"""Analysis runs record the formal responses they read, so a run is stale when those change

Revision ID: a7c9e1b3d5f4
Revises: d9e1f3a5b7c2
Create Date: 2026-12-06 02:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c9e1b3d5f4'
down_revision = 'd9e1f3a5b7c2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('analysis_run') as batch_op:
        batch_op.add_column(sa.Column('responses_read', sa.String(length=100), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('analysis_run') as batch_op:
        batch_op.drop_column('responses_read')
