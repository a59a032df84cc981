"""The migrations make exactly the tables, columns and indexes the models describe (what `flask db check`
says), so a model changed without its migration fails here rather than on a server."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from hoering.extensions import db
from hoering.search import schema


def test_the_migrated_database_matches_the_models(app):
    """The search index is left out, as `flask db check` leaves it out (hoering/search/schema.py)."""
    filters = {"include_object": schema.include_object, "include_name": schema.include_name}
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts=filters), db.metadata)
    assert differences == []


def test_a_migration_that_rebuilds_a_table_keeps_the_rows_that_refer_to_it(tmp_path):
    """SQLite rebuilds a table to alter it (batch mode); with foreign keys checked, dropping the old
    table would delete every row referring to it with ON DELETE CASCADE. A response's versions must
    survive the migration that adds a column to formal_response."""
    from flask_migrate import upgrade

    from hoering import create_app

    url = f"sqlite:///{tmp_path / 'upgraded.db'}"
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade(revision="c3e5a7b9d1f2")  # before d9e1f3a5b7c2 rebuilds formal_response
        with db.engine.begin() as connection:
            for statement in (
                "INSERT INTO consultation (id, slug, title, summary, organisation, contact, opens_at, closes_at, kind, "
                "short_deadline_reason, late_responses, phase, moderation_mode, language, anchor_rule, "
                "assessments_required, created_at) VALUES (1, 'a', 'T', '', 'O', '', '2026-01-01', '2027-01-01', "
                "'other', '', 'accept', 'published', 'post', 'nb', 2, 0, '2026-01-01')",
                "INSERT INTO formal_response (id, consultation_id, reference, channel, body_name, category, "
                "contact_name, contact_email, text, html, no_comments, late, status, submitted_at, updated_at) "
                "VALUES (1, 1, 'HS-1', 'link', 'B', 'kommune', 'K', 'k@example.no', 'Svar', '', 0, 0, 'published', "
                "'2026-01-01', '2026-01-01')",
                "INSERT INTO response_version (id, response_id, contact_name, contact_email, text, no_comments, late, "
                "saved_at) VALUES (1, 1, 'K', 'k@example.no', 'Svar', 0, 0, '2026-01-01')",
            ):
                connection.exec_driver_sql(statement)
        upgrade()
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM response_version").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # checked again afterwards
        db.engine.dispose()
