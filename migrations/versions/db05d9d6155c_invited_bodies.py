"""The register of invited bodies (høringsinstanser), and the bodies picked for each consultation

Revision ID: db05d9d6155c
Revises: d7a2c4e6f8b1
Create Date: 2026-12-05 22:00:30.809415

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'db05d9d6155c'
down_revision = 'd7a2c4e6f8b1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'body',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('organisation_number', sa.String(length=9), nullable=True),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('category', sa.String(length=20), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_body')),
        sa.UniqueConstraint('organisation_number', name=op.f('uq_body_organisation_number')),
    )
    op.create_table(
        'invited_body',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('consultation_id', sa.Integer(), nullable=False),
        sa.Column('body_id', sa.Integer(), nullable=False),
        sa.Column('invited_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['body_id'], ['body.id'], name=op.f('fk_invited_body_body_id_body'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'],
                                name=op.f('fk_invited_body_consultation_id_consultation'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_invited_body')),
        sa.UniqueConstraint('consultation_id', 'body_id', name=op.f('uq_invited_body_consultation_id_body_id')),
    )
    op.create_index(op.f('ix_invited_body_body_id'), 'invited_body', ['body_id'])


def downgrade():
    op.drop_index(op.f('ix_invited_body_body_id'), table_name='invited_body')
    op.drop_table('invited_body')
    op.drop_table('body')
