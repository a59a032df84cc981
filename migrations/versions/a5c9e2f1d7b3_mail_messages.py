"""Outgoing e-mail: each message, its text as sent, and how sending went

Revision ID: a5c9e2f1d7b3
Revises: db05d9d6155c
Create Date: 2026-12-05 23:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a5c9e2f1d7b3'
down_revision = 'db05d9d6155c'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'mail_message',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('recipient', sa.String(length=254), nullable=False),
        sa.Column('subject', sa.String(length=300), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('purpose', sa.String(length=40), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('error', sa.Text(), nullable=True),
        sa.Column('message_id', sa.String(length=250), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_mail_message')),
    )
    op.create_index(op.f('ix_mail_message_status'), 'mail_message', ['status'])


def downgrade():
    op.drop_index(op.f('ix_mail_message_status'), table_name='mail_message')
    op.drop_table('mail_message')
