"""Moderation: modes, owners, held and hidden comments, flags

Revision ID: 7fe73813f744
Revises: 9888a114d92d
Create Date: 2026-11-25 03:00:53.706316

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7fe73813f744'
down_revision = '9888a114d92d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('flag',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('voter', sa.String(length=64), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('handled_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name=op.f('fk_flag_comment_id_comment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_flag')),
    sa.UniqueConstraint('comment_id', 'voter', name=op.f('uq_flag_comment_id_voter'))
    )
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('held_reason', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('moderation_note', sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column('moderated_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('moderated_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_comment_moderated_by_id_staff_user'), 'staff_user', ['moderated_by_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('moderation_mode', sa.String(length=10), server_default='post', nullable=False))
        batch_op.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_consultation_owner_id_staff_user'), 'staff_user', ['owner_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_consultation_owner_id_staff_user'), type_='foreignkey')
        batch_op.drop_column('owner_id')
        batch_op.drop_column('moderation_mode')

    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_comment_moderated_by_id_staff_user'), type_='foreignkey')
        batch_op.drop_column('moderated_by_id')
        batch_op.drop_column('moderated_at')
        batch_op.drop_column('moderation_note')
        batch_op.drop_column('held_reason')

    op.drop_table('flag')
