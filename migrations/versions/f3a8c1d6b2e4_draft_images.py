"""The pictures of Word drafts, stored by the SHA-256 of their bytes and served from the database

Revision ID: f3a8c1d6b2e4
Revises: e7b3c5d9a1f2
Create Date: 2026-12-05 19:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f3a8c1d6b2e4'
down_revision = 'e7b3c5d9a1f2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('draft_image',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_draft_image'))
    )
    with op.batch_alter_table('draft_image', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_draft_image_uploaded_at'), ['uploaded_at'], unique=False)


def downgrade():
    with op.batch_alter_table('draft_image', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_draft_image_uploaded_at'))
    op.drop_table('draft_image')
