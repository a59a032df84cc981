"""Full-text search: a stemmed tsvector column with a GIN index on PostgreSQL, FTS5 tables with triggers
on SQLite, for comments, consultations and formal responses; existing rows are indexed

Revision ID: b3d5f7a9c1e2
Revises: 0195c2024cd3
Create Date: 2026-12-06 13:20:00.000000

"""
from alembic import op

from hoering.search import schema


# revision identifiers, used by Alembic.
revision = 'b3d5f7a9c1e2'
down_revision = '0195c2024cd3'
branch_labels = None
depends_on = None

# What is searched, as it was when this migration was written (hoering/search/schema.py builds it).
SEARCHED = {
    'comment': ('text',),
    'consultation': ('title', 'summary'),
    'formal_response': ('body_name', 'text'),
}


def upgrade():
    schema.create(op.get_bind(), SEARCHED)


def downgrade():
    schema.drop(op.get_bind(), SEARCHED)
