"""The organisation's brand as an admin saved it: name, logo, main colour, contact details, footer links

Revision ID: 0195c2024cd3
Revises: f7c9e1a3b5d8
Create Date: 2026-12-06 07:38:19.376758

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0195c2024cd3'
down_revision = 'f7c9e1a3b5d8'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('branding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation', sa.String(length=120), nullable=False),
    sa.Column('main_colour', sa.String(length=7), nullable=False),
    sa.Column('logo', sa.LargeBinary(), nullable=True),
    sa.Column('logo_media_type', sa.String(length=20), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=False),
    sa.Column('contact_phone', sa.String(length=40), nullable=False),
    sa.Column('contact_address', sa.String(length=200), nullable=False),
    sa.Column('privacy_url', sa.String(length=500), nullable=False),
    sa.Column('accessibility_url', sa.String(length=500), nullable=False),
    sa.Column('website_url', sa.String(length=500), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_branding'))
    )


def downgrade():
    op.drop_table('branding')
