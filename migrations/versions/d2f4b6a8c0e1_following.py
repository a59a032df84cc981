"""Following a consultation or one unit by e-mail: what a subscription follows and the window it has
been told of, and when a formal response became public

Revision ID: d2f4b6a8c0e1
Revises: c7e9a1b3d5f8
Create Date: 2026-12-06 05:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd2f4b6a8c0e1'
down_revision = 'c7e9a1b3d5f8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('subscription') as batch_op:
        batch_op.add_column(sa.Column('consultation_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('anchor', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('covered_until', sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_subscription_consultation_id_consultation'), 'consultation',
                                    ['consultation_id'], ['id'], ondelete='CASCADE')
        batch_op.create_index(batch_op.f('ix_subscription_consultation_id'), ['consultation_id'], unique=False)
    with op.batch_alter_table('formal_response') as batch_op:
        batch_op.add_column(sa.Column('published_at', sa.DateTime(), nullable=True))
    op.execute("UPDATE formal_response SET published_at = submitted_at WHERE status = 'published'")


def downgrade():
    with op.batch_alter_table('formal_response') as batch_op:
        batch_op.drop_column('published_at')
    with op.batch_alter_table('subscription') as batch_op:
        batch_op.drop_index(batch_op.f('ix_subscription_consultation_id'))
        batch_op.drop_constraint(batch_op.f('fk_subscription_consultation_id_consultation'), type_='foreignkey')
        batch_op.drop_column('covered_until')
        batch_op.drop_column('anchor')
        batch_op.drop_column('consultation_id')
