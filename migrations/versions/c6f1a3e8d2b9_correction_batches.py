"""Corrections made together (a move of several selected comments) share a batch, undone together

Revision ID: c6f1a3e8d2b9
Revises: b5e8d2f4a6c1
Create Date: 2026-12-05 20:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c6f1a3e8d2b9'
down_revision = 'b5e8d2f4a6c1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('correction', schema=None) as batch_op:
        batch_op.add_column(sa.Column('batch', sa.String(length=32), nullable=True))


def downgrade():
    with op.batch_alter_table('correction', schema=None) as batch_op:
        batch_op.drop_column('batch')
