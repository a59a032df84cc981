"""The migrations make exactly the tables, columns and indexes the models describe (what `flask db check`
says), so a model changed without its migration fails here rather than on a server."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from hoering.extensions import db


def test_the_migrated_database_matches_the_models(app):
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert differences == []
