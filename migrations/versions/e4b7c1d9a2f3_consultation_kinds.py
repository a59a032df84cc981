"""A consultation's kind (state, plan, other) for its deadline rules, the reason for a short
deadline, and what happens to a formal response after the deadline

Revision ID: e4b7c1d9a2f3
Revises: a5c9e2f1d7b3
Create Date: 2026-12-05 23:31:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e4b7c1d9a2f3'
down_revision = 'a5c9e2f1d7b3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('consultation') as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=10), server_default='other', nullable=False))
        batch_op.add_column(sa.Column('short_deadline_reason', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('late_responses', sa.String(length=10), server_default='accept',
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('consultation') as batch_op:
        batch_op.drop_column('late_responses')
        batch_op.drop_column('short_deadline_reason')
        batch_op.drop_column('kind')
