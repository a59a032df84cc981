"""Index for the open-data comment feed

Revision ID: 2dbae88184ff
Revises: 7fe73813f744
Create Date: 2026-11-25 03:22:54.132070

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2dbae88184ff'
down_revision = '7fe73813f744'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.create_index('ix_comment_feed', ['consultation_id', 'status', 'id'], unique=False)



def downgrade():
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_index('ix_comment_feed')

