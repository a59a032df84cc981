"""A comment's private link for its sender (the token's hash), and when it was edited or withdrawn

Revision ID: f7c9e1a3b5d8
Revises: e5b7d9f1a3c6
Create Date: 2026-12-06 07:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f7c9e1a3b5d8'
down_revision = 'e5b7d9f1a3c6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('comment') as batch_op:
        batch_op.add_column(sa.Column('receipt_token_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('edited_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('withdrawn_at', sa.DateTime(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_comment_receipt_token_hash'), ['receipt_token_hash'])


def downgrade():
    with op.batch_alter_table('comment') as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_comment_receipt_token_hash'), type_='unique')
        batch_op.drop_column('withdrawn_at')
        batch_op.drop_column('edited_at')
        batch_op.drop_column('receipt_token_hash')
