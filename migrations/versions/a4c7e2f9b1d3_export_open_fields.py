"""A memo export may be a draft with open fields for the assessments not written yet

Revision ID: a4c7e2f9b1d3
Revises: a9d4e6f1c3b7
Create Date: 2026-12-05 20:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a4c7e2f9b1d3'
down_revision = 'a9d4e6f1c3b7'
branch_labels = None
depends_on = None


# Not in batch mode: on SQLite that copies the table and loses its AUTOINCREMENT (ExportJob's ids
# must never be handed out again), while ADD COLUMN with a constant default needs no copy.
def upgrade():
    op.add_column('export_job', sa.Column('open_fields', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('export_job', schema=None, table_kwargs={'sqlite_autoincrement': True}) as batch_op:
        batch_op.drop_column('open_fields')
