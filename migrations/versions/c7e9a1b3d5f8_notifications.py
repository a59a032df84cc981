"""E-mail notices: subscriptions (an address following the answers to a comment), and headers of a
message's own (List-Unsubscribe)

Revision ID: c7e9a1b3d5f8
Revises: b5d7f9a1c3e6
Create Date: 2026-12-06 03:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c7e9a1b3d5f8'
down_revision = 'b5d7f9a1c3e6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'subscription',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('language', sa.String(length=2), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('comment_id', sa.Integer(), nullable=True),
        sa.Column('frequency', sa.String(length=10), nullable=False),
        sa.Column('token', sa.String(length=64), nullable=False),
        sa.Column('confirmed_at', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_subscription_comment_id_comment'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_subscription')),
        sa.UniqueConstraint('token', name=op.f('uq_subscription_token')),
    )
    with op.batch_alter_table('subscription') as batch_op:
        batch_op.create_index(batch_op.f('ix_subscription_comment_id'), ['comment_id'], unique=False)
    with op.batch_alter_table('mail_message') as batch_op:
        batch_op.add_column(sa.Column('headers', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('mail_message') as batch_op:
        batch_op.drop_column('headers')
    with op.batch_alter_table('subscription') as batch_op:
        batch_op.drop_index(batch_op.f('ix_subscription_comment_id'))
    op.drop_table('subscription')
