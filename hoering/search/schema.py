"""The full-text index, built by the migration on each database, and kept up to date by the database.

PostgreSQL: each searched table has a generated, stored ``search_vector`` column
(``to_tsvector('norwegian', …)``, so words are stemmed) with a GIN index. The database recomputes it
whenever the row's text changes, whoever changes it.

SQLite: each searched table has an FTS5 table ``<table>_fts`` holding no copy of the text (external
content, read from the table itself) and three triggers that follow every insert, update of the text
and delete. The tokenizer is ``unicode61 remove_diacritics 0``: æ, ø and å stay letters of their own
("får" is not "far"). FTS5 has no Norwegian stemmer: queries match word beginnings instead (query.py).

Status, withdrawal and the consultation's phase are not in the index: searches join the table and
filter on them, so a moderator's decision counts at once.

A later migration that rebuilds one of these tables on SQLite (Alembic's batch mode copies it and
drops the old one) drops its triggers with it: call ``create_sqlite_triggers`` afterwards.
"""
from __future__ import annotations

import sqlalchemy as sa

# Table → its searched columns, the most important first (PostgreSQL weights them A, B, C…).
SEARCHED = {
    "comment": ("text",),
    "consultation": ("title", "summary"),
    "formal_response": ("body_name", "text"),
}
VECTOR_COLUMN = "search_vector"
TOKENIZER = "unicode61 remove_diacritics 0"
WEIGHTS = "ABCD"


def fts_table(table: str) -> str:
    return f"{table}_fts"


def vector_index(table: str) -> str:
    return f"ix_{table}_{VECTOR_COLUMN}"


def create(connection: sa.Connection, searched: dict[str, tuple[str, ...]] = SEARCHED) -> None:
    """Build the index of ``searched`` (a migration passes its own, as it was then) on either database,
    from the rows already there."""
    if connection.dialect.name == "postgresql":
        for table, columns in searched.items():
            connection.exec_driver_sql(
                f"ALTER TABLE {table} ADD COLUMN {VECTOR_COLUMN} tsvector "
                f"GENERATED ALWAYS AS ({_weighted_vector(columns)}) STORED")
            connection.exec_driver_sql(f"CREATE INDEX {vector_index(table)} ON {table} USING gin ({VECTOR_COLUMN})")
        return
    for table, columns in searched.items():
        fts = fts_table(table)
        connection.exec_driver_sql(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({', '.join(columns)}, content='{table}', content_rowid='id', "
            f"tokenize='{TOKENIZER}')")
        connection.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
    create_sqlite_triggers(connection, searched)


def drop(connection: sa.Connection, searched: dict[str, tuple[str, ...]] = SEARCHED) -> None:
    for table in searched:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"DROP INDEX IF EXISTS {vector_index(table)}")
            connection.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {VECTOR_COLUMN}")
        else:
            for event in ("insert", "update", "delete"):
                connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {fts_table(table)}_{event}")
            connection.exec_driver_sql(f"DROP TABLE IF EXISTS {fts_table(table)}")


def create_sqlite_triggers(connection: sa.Connection, searched: dict[str, tuple[str, ...]] = SEARCHED) -> None:
    """The triggers that keep each FTS5 table in step with its table (an external-content table is
    told the old text to take out, and the new text to put in)."""
    for table, columns in searched.items():
        fts = fts_table(table)
        names = ", ".join(columns)
        old = ", ".join(f"old.{column}" for column in columns)
        new = ", ".join(f"new.{column}" for column in columns)
        take_out = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
        put_in = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new});"
        connection.exec_driver_sql(f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {put_in} END")
        connection.exec_driver_sql(f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {take_out} END")
        connection.exec_driver_sql(
            f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {names} ON {table} BEGIN {take_out} {put_in} END")


def _weighted_vector(columns: tuple[str, ...]) -> str:
    return " || ".join(
        f"setweight(to_tsvector('norwegian', coalesce({column}, '')), '{weight}')"
        for column, weight in zip(columns, WEIGHTS))


def is_index_object(name: str | None, type_: str) -> bool:
    """Whether a database object belongs to the search index, which the models do not describe."""
    if not name:
        return False
    if type_ == "table":
        return any(name == fts_table(table) or name.startswith(fts_table(table) + "_") for table in SEARCHED)
    if type_ == "column":
        return name == VECTOR_COLUMN
    if type_ == "index":
        return name in {vector_index(table) for table in SEARCHED}
    return False


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's filter (autogenerate, `flask db check`): the index lives in the database only."""
    return not (reflected and compare_to is None and is_index_object(name, type_))


def include_name(name, type_, parent_names) -> bool:
    """Alembic's filter before reflecting: FTS5 tables are virtual, nothing to compare."""
    return not (type_ == "table" and is_index_object(name, type_))
