"""Export files are kept in the database, in parts, instead of a folder every machine had to share

Revision ID: e8a1c3f5b7d9
Revises: d5f7a9b1c3e6
Create Date: 2026-12-07 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e8a1c3f5b7d9'
down_revision = 'd5f7a9b1c3e6'
branch_labels = None
depends_on = None


# file_name is dropped with ALTER TABLE … DROP COLUMN (SQLite 3.35 and newer), not in batch mode: on
# SQLite that copies the table and loses its AUTOINCREMENT counter (ExportJob's ids must never be handed
# out again). Exports made before this revision keep their rows; their files stay in the old folder, and
# their download answers 404 until they expire.
def upgrade():
    op.create_table('export_file_part',
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['export_job.id'], name=op.f('fk_export_file_part_job_id_export_job'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('job_id', 'number', name=op.f('pk_export_file_part'))
    )
    op.drop_column('export_job', 'file_name')


def downgrade():
    op.add_column('export_job', sa.Column('file_name', sa.String(length=100), nullable=True))
    op.drop_table('export_file_part')
