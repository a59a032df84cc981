"""Stored comment counts per consultation, anchor and status, counted from the comments there are

Revision ID: c5e7a9b1d3f6
Revises: b4d6f8a0c2e4
Create Date: 2026-12-06 17:30:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c5e7a9b1d3f6'
down_revision = 'b4d6f8a0c2e4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'comment_tally',
        sa.Column('consultation_id', sa.Integer(), nullable=False),
        sa.Column('anchor', sa.String(length=80), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'],
                                name=op.f('fk_comment_tally_consultation_id_consultation'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('consultation_id', 'anchor', 'status', name=op.f('pk_comment_tally')),
    )
    op.execute(
        "INSERT INTO comment_tally (consultation_id, anchor, status, count) "
        "SELECT consultation_id, coalesce(anchor, ''), status, count(*) FROM comment "
        "GROUP BY consultation_id, anchor, status"
    )


def downgrade():
    op.drop_table('comment_tally')
