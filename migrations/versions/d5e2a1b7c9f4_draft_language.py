"""The language a consultation's draft is written in (nb, nn or en)

Revision ID: d5e2a1b7c9f4
Revises: c41d7a9e2f10
Create Date: 2026-12-05 17:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd5e2a1b7c9f4'
down_revision = 'c41d7a9e2f10'
branch_labels = None
depends_on = None


def upgrade():
    # Drafts so far are taken to be in bokmål; a planner can say otherwise on the edit form.
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=5), server_default='nb', nullable=False))


def downgrade():
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.drop_column('language')
