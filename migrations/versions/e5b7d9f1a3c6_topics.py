"""Topics and areas: the admin's lists, the tags on consultations, and following one by e-mail

Revision ID: e5b7d9f1a3c6
Revises: d2f4b6a8c0e1
Create Date: 2026-12-06 06:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e5b7d9f1a3c6'
down_revision = 'd2f4b6a8c0e1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'topic',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('slug', sa.String(length=80), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_topic')),
        sa.UniqueConstraint('kind', 'name', name=op.f('uq_topic_kind_name')),
        sa.UniqueConstraint('kind', 'slug', name=op.f('uq_topic_kind_slug')),
    )
    op.create_table(
        'consultation_topic',
        sa.Column('consultation_id', sa.Integer(), nullable=False),
        sa.Column('topic_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'],
                                name=op.f('fk_consultation_topic_consultation_id_consultation'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['topic_id'], ['topic.id'], name=op.f('fk_consultation_topic_topic_id_topic'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('consultation_id', 'topic_id', name=op.f('pk_consultation_topic')),
    )
    with op.batch_alter_table('consultation_topic') as batch_op:
        batch_op.create_index(batch_op.f('ix_consultation_topic_topic_id'), ['topic_id'], unique=False)
    with op.batch_alter_table('subscription') as batch_op:
        batch_op.add_column(sa.Column('topic_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_subscription_topic_id_topic'), 'topic', ['topic_id'], ['id'],
                                    ondelete='CASCADE')
        batch_op.create_index(batch_op.f('ix_subscription_topic_id'), ['topic_id'], unique=False)


def downgrade():
    with op.batch_alter_table('subscription') as batch_op:
        batch_op.drop_index(batch_op.f('ix_subscription_topic_id'))
        batch_op.drop_constraint(batch_op.f('fk_subscription_topic_id_topic'), type_='foreignkey')
        batch_op.drop_column('topic_id')
    with op.batch_alter_table('consultation_topic') as batch_op:
        batch_op.drop_index(batch_op.f('ix_consultation_topic_topic_id'))
    op.drop_table('consultation_topic')
    op.drop_table('topic')
