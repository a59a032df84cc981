"""Summary corrections and versions

Revision ID: 8502133f92c7
Revises: ef6368ba2b88
Create Date: 2026-11-25 05:36:38.739743

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8502133f92c7'
down_revision = 'ef6368ba2b88'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('correction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('target', sa.JSON(), nullable=False),
    sa.Column('other', sa.JSON(), nullable=True),
    sa.Column('comment_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['staff_user.id'], name=op.f('fk_correction_actor_id_staff_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_correction_consultation_id_consultation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_correction'))
    )
    with op.batch_alter_table('correction', schema=None) as batch_op:
        batch_op.create_index('ix_correction_consultation', ['consultation_id', 'id'], unique=False)

    op.create_table('summary_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('signed_off_by_id', sa.Integer(), nullable=True),
    sa.Column('signed_off_by_name', sa.String(length=120), nullable=False),
    sa.Column('signed_off_at', sa.DateTime(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_summary_version_consultation_id_consultation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['run_id'], ['analysis_run.id'], name=op.f('fk_summary_version_run_id_analysis_run'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['signed_off_by_id'], ['staff_user.id'], name=op.f('fk_summary_version_signed_off_by_id_staff_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_summary_version')),
    sa.UniqueConstraint('consultation_id', 'number', name=op.f('uq_summary_version_consultation_id_number'))
    )


def downgrade():
    op.drop_table('summary_version')
    with op.batch_alter_table('correction', schema=None) as batch_op:
        batch_op.drop_index('ix_correction_consultation')

    op.drop_table('correction')
