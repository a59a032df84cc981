"""Corrections survive a re-run: runs continue the last themes unless asked to recluster; a
correction remembers its theme's label and whether it is active, placed anew or discarded

Revision ID: a4c7e2d9b1f6
Revises: f3a8c1d6b2e4
Create Date: 2026-12-08 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a4c7e2d9b1f6'
down_revision = 'f3a8c1d6b2e4'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('analysis_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recluster', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('correction', schema=None) as batch_op:
        batch_op.add_column(sa.Column('theme_label', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('status', sa.String(length=20), server_default='active', nullable=False))
    _labels_from_the_audit_log()


def _labels_from_the_audit_log():
    """Earlier corrections' theme labels, from the audit entry written with each of them."""
    audit = sa.table('audit_entry', sa.column('action', sa.String), sa.column('after', sa.JSON))
    correction = sa.table('correction', sa.column('id', sa.Integer), sa.column('theme_label', sa.Text))
    connection = op.get_bind()
    rows = connection.execute(sa.select(audit.c.after).where(audit.c.action.like('summary.%')))
    for (after,) in rows:
        if isinstance(after, dict) and after.get('correction') and after.get('theme'):
            connection.execute(correction.update().where(correction.c.id == after['correction'])
                               .values(theme_label=str(after['theme'])))


def downgrade():
    with op.batch_alter_table('correction', schema=None) as batch_op:
        batch_op.drop_column('status')
        batch_op.drop_column('theme_label')
    with op.batch_alter_table('analysis_run', schema=None) as batch_op:
        batch_op.drop_column('recluster')
