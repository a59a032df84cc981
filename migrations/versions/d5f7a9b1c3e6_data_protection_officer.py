"""The brand names the data protection officer (personvernombud), for the privacy page /personvern

Revision ID: d5f7a9b1c3e6
Revises: c4e6a8b0d2f4
Create Date: 2026-12-06 14:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd5f7a9b1c3e6'
down_revision = 'c4e6a8b0d2f4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('branding', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dpo_name', sa.String(length=120), server_default='', nullable=False))
        batch_op.add_column(sa.Column('dpo_email', sa.String(length=254), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('branding', schema=None) as batch_op:
        batch_op.drop_column('dpo_email')
        batch_op.drop_column('dpo_name')
