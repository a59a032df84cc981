"""Formal responses (høringssvar), every saved version of each, and their attachments (the bytes
stored once per SHA-256)

Revision ID: c3e5a7b9d1f2
Revises: b8d2f4a6c1e9
Create Date: 2026-12-05 23:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3e5a7b9d1f2'
down_revision = 'b8d2f4a6c1e9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'formal_response',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('consultation_id', sa.Integer(), nullable=False),
        sa.Column('invited_body_id', sa.Integer(), nullable=True),
        sa.Column('reference', sa.String(length=30), nullable=False),
        sa.Column('channel', sa.String(length=10), nullable=False),
        sa.Column('body_name', sa.String(length=200), nullable=False),
        sa.Column('organisation_number', sa.String(length=9), nullable=True),
        sa.Column('category', sa.String(length=20), nullable=False),
        sa.Column('contact_name', sa.String(length=200), nullable=False),
        sa.Column('contact_email', sa.String(length=254), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('html', sa.Text(), nullable=False),
        sa.Column('no_comments', sa.Boolean(), nullable=False),
        sa.Column('late', sa.Boolean(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('held_reason', sa.String(length=20), nullable=True),
        sa.Column('submitted_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'],
                                name=op.f('fk_formal_response_consultation_id_consultation'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['invited_body_id'], ['invited_body.id'],
                                name=op.f('fk_formal_response_invited_body_id_invited_body'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_formal_response')),
        sa.UniqueConstraint('invited_body_id', name=op.f('uq_formal_response_invited_body_id')),
        sa.UniqueConstraint('reference', name=op.f('uq_formal_response_reference')),
    )
    op.create_index(op.f('ix_formal_response_consultation_id'), 'formal_response', ['consultation_id'])
    op.create_table(
        'response_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('response_id', sa.Integer(), nullable=False),
        sa.Column('contact_name', sa.String(length=200), nullable=False),
        sa.Column('contact_email', sa.String(length=254), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('no_comments', sa.Boolean(), nullable=False),
        sa.Column('late', sa.Boolean(), nullable=False),
        sa.Column('saved_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['response_id'], ['formal_response.id'],
                                name=op.f('fk_response_version_response_id_formal_response'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_response_version')),
    )
    op.create_index(op.f('ix_response_version_response_id'), 'response_version', ['response_id'])
    op.create_table(
        'attachment_blob',
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint('sha256', name=op.f('pk_attachment_blob')),
    )
    op.create_table(
        'response_attachment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('response_id', sa.Integer(), nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('removed_version_id', sa.Integer(), nullable=True),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('content_type', sa.String(length=100), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('pages', sa.Integer(), nullable=True),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('scanned', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['response_id'], ['formal_response.id'],
                                name=op.f('fk_response_attachment_response_id_formal_response'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['version_id'], ['response_version.id'],
                                name=op.f('fk_response_attachment_version_id_response_version'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['removed_version_id'], ['response_version.id'],
                                name=op.f('fk_response_attachment_removed_version_id_response_version'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['sha256'], ['attachment_blob.sha256'],
                                name=op.f('fk_response_attachment_sha256_attachment_blob')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_response_attachment')),
    )
    op.create_index(op.f('ix_response_attachment_response_id'), 'response_attachment', ['response_id'])


def downgrade():
    op.drop_index(op.f('ix_response_attachment_response_id'), table_name='response_attachment')
    op.drop_table('response_attachment')
    op.drop_table('attachment_blob')
    op.drop_index(op.f('ix_response_version_response_id'), table_name='response_version')
    op.drop_table('response_version')
    op.drop_index(op.f('ix_formal_response_consultation_id'), table_name='formal_response')
    op.drop_table('formal_response')
