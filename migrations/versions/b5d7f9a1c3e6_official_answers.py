"""The municipality's answers to comments: official, who answered and in which role

Revision ID: b5d7f9a1c3e6
Revises: a7c9e1b3d5f4
Create Date: 2026-12-06 02:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b5d7f9a1c3e6'
down_revision = 'a7c9e1b3d5f4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('comment') as batch_op:
        batch_op.add_column(sa.Column('official', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('answered_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('answered_as', sa.String(length=20), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_comment_answered_by_id_staff_user'), 'staff_user', ['answered_by_id'], ['id'],
                                    ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('comment') as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_comment_answered_by_id_staff_user'), type_='foreignkey')
        batch_op.drop_column('answered_as')
        batch_op.drop_column('answered_by_id')
        batch_op.drop_column('official')
