"""A signed-off summary's reason when published before the deadline, and its withdrawal

Revision ID: a9d4e6f1c3b7
Revises: a4c7e2d9b1f6
Create Date: 2026-12-05 19:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a9d4e6f1c3b7'
down_revision = 'a4c7e2d9b1f6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('summary_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('interim_reason', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('withdrawn_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('withdrawn_by_name', sa.String(length=120), server_default='', nullable=False))
        batch_op.add_column(sa.Column('withdrawal_reason', sa.Text(), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('summary_version', schema=None) as batch_op:
        batch_op.drop_column('withdrawal_reason')
        batch_op.drop_column('withdrawn_by_name')
        batch_op.drop_column('withdrawn_at')
        batch_op.drop_column('interim_reason')
