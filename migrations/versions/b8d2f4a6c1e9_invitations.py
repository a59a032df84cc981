"""Invitations (høringsbrev): the letter of a consultation, each letter sent to a body, the body's
personal response link, reminders and a later deadline granted to one body

Revision ID: b8d2f4a6c1e9
Revises: e4b7c1d9a2f3
Create Date: 2026-12-05 23:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b8d2f4a6c1e9'
down_revision = 'e4b7c1d9a2f3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('invited_body') as batch_op:
        batch_op.add_column(sa.Column('reminded_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('token', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('deadline', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('deadline_reason', sa.Text(), server_default='', nullable=False))
        batch_op.create_unique_constraint(batch_op.f('uq_invited_body_token'), ['token'])
    op.create_table(
        'mailing',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('invited_body_id', sa.Integer(), nullable=False),
        sa.Column('message_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['invited_body_id'], ['invited_body.id'],
                                name=op.f('fk_mailing_invited_body_id_invited_body'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['message_id'], ['mail_message.id'],
                                name=op.f('fk_mailing_message_id_mail_message'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_mailing')),
    )
    op.create_index(op.f('ix_mailing_invited_body_id'), 'mailing', ['invited_body_id'])
    op.create_table(
        'invitation_letter',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('consultation_id', sa.Integer(), nullable=False),
        sa.Column('subject', sa.String(length=300), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('reminder_subject', sa.String(length=300), nullable=False),
        sa.Column('reminder_text', sa.Text(), nullable=False),
        sa.Column('reminder_days', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'],
                                name=op.f('fk_invitation_letter_consultation_id_consultation'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_invitation_letter')),
        sa.UniqueConstraint('consultation_id', name=op.f('uq_invitation_letter_consultation_id')),
    )


def downgrade():
    op.drop_table('invitation_letter')
    op.drop_index(op.f('ix_mailing_invited_body_id'), table_name='mailing')
    op.drop_table('mailing')
    with op.batch_alter_table('invited_body') as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_invited_body_token'), type_='unique')
        batch_op.drop_column('deadline_reason')
        batch_op.drop_column('deadline')
        batch_op.drop_column('token')
        batch_op.drop_column('reminded_at')
