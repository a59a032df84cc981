"""Revised drafts: how each unit of a new draft version came from the version before, revisions waiting
to be published, and the municipality's explanation of each change

Revision ID: d7a2c4e6f8b1
Revises: c6f1a3e8d2b9
Create Date: 2026-12-05 20:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd7a2c4e6f8b1'
down_revision = 'c6f1a3e8d2b9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'unit_match',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=True),
        sa.Column('previous_unit_id', sa.Integer(), nullable=True),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('confidence', sa.Double(), nullable=False),
        sa.Column('carries_comments', sa.Boolean(), nullable=False),
        sa.Column('corrected', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['version_id'], ['draft_version.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['previous_unit_id'], ['unit.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_unit_match_version', 'unit_match', ['version_id', 'id'])
    op.create_index('ix_unit_match_unit_id', 'unit_match', ['unit_id'])
    op.create_index('ix_unit_match_previous_unit_id', 'unit_match', ['previous_unit_id'])
    op.create_table(
        'pending_revision',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('consultation_id', sa.Integer(), nullable=False),
        sa.Column('base_version_id', sa.Integer(), nullable=False),
        sa.Column('source', sa.Text(), nullable=False),
        sa.Column('file_name', sa.String(length=255), nullable=False),
        sa.Column('corrections', sa.JSON(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['base_version_id'], ['draft_version.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['created_by_id'], ['staff_user.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_pending_revision_consultation_id', 'pending_revision', ['consultation_id'])
    op.create_table(
        'change_explanation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('unit_id', sa.Integer(), nullable=True),
        sa.Column('previous_unit_id', sa.Integer(), nullable=True),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('comment_ids', sa.JSON(), nullable=False),
        sa.Column('written_by_id', sa.Integer(), nullable=True),
        sa.Column('written_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['version_id'], ['draft_version.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['previous_unit_id'], ['unit.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['written_by_id'], ['staff_user.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_change_explanation_version', 'change_explanation', ['version_id', 'id'])


def downgrade():
    op.drop_index('ix_change_explanation_version', table_name='change_explanation')
    op.drop_table('change_explanation')
    op.drop_index('ix_pending_revision_consultation_id', table_name='pending_revision')
    op.drop_table('pending_revision')
    op.drop_index('ix_unit_match_previous_unit_id', table_name='unit_match')
    op.drop_index('ix_unit_match_unit_id', table_name='unit_match')
    op.drop_index('ix_unit_match_version', table_name='unit_match')
    op.drop_table('unit_match')
