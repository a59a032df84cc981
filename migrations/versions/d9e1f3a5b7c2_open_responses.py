"""Formal responses from anyone: whether a private person's name is published

Revision ID: d9e1f3a5b7c2
Revises: c3e5a7b9d1f2
Create Date: 2026-12-06 00:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd9e1f3a5b7c2'
down_revision = 'c3e5a7b9d1f2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('formal_response') as batch_op:
        batch_op.add_column(sa.Column('publish_name', sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade():
    with op.batch_alter_table('formal_response') as batch_op:
        batch_op.drop_column('publish_name')
