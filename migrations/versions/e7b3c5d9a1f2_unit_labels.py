"""Citable labels for units ("§ 12-3 andre ledd"), and the anchor rule a consultation was split by

Revision ID: e7b3c5d9a1f2
Revises: d5e2a1b7c9f4
Create Date: 2026-12-05 18:20:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e7b3c5d9a1f2'
down_revision = 'd5e2a1b7c9f4'
branch_labels = None
depends_on = None


def upgrade():
    # Units saved before labels have none: the pages cite them by their number, as before.
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.add_column(sa.Column('label', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('marker', sa.String(length=120), server_default='', nullable=False))
    # Consultations split before this keep the first anchor rule, so a revised draft keeps their anchors.
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anchor_rule', sa.Integer(), server_default='1', nullable=False))


def downgrade():
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.drop_column('anchor_rule')
    with op.batch_alter_table('unit', schema=None) as batch_op:
        batch_op.drop_column('marker')
        batch_op.drop_column('label')
