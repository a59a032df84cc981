"""Whether a consultation's summary needs the municipality's assessment of every theme

Revision ID: b5e8d2f4a6c1
Revises: a4c7e2f9b1d3
Create Date: 2026-12-05 19:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b5e8d2f4a6c1'
down_revision = 'a4c7e2f9b1d3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assessments_required', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('consultation', schema=None) as batch_op:
        batch_op.drop_column('assessments_required')
