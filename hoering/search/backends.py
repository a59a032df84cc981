"""The one place that knows which database searches: FTS5 on SQLite, tsvector on PostgreSQL.

Both give, for a model of schema.SEARCHED and a parsed query, a condition (the rows that match) and a
ranked selection (id and rank, lower rank better) that the services filter, order and page.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from hoering.extensions import db
from hoering.search.query import SearchQuery, fts5_expression, tsquery_parts
from hoering.search.schema import VECTOR_COLUMN, fts_table


@dataclass(frozen=True)
class Ranked:
    select: sa.Select  # the model's id, the matching rows only; add filters, order by rank
    rank: sa.ColumnElement  # ascending: best first


def _postgresql() -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def ranked(model, query: SearchQuery, weights: tuple[float, ...] = ()) -> Ranked:
    """The rows of ``model`` the query finds, with their rank. ``weights`` weigh the searched columns
    on SQLite (bm25); PostgreSQL's vector carries its weights (A, B …) already."""
    if _postgresql():
        tsquery = _tsquery(query)
        vector = _vector(model)
        rank = -sa.func.ts_rank(vector, tsquery)
        return Ranked(sa.select(model.id).where(vector.op("@@")(tsquery)), rank)
    # The matches are found once, in a materialised CTE: joined directly, SQLite's planner may instead
    # walk the table by an index and run the full-text query once per row (seconds at 100,000 rows).
    fts = sa.table(fts_table(model.__tablename__), sa.column("rowid"))
    fts_name = sa.literal_column(fts.name)
    found = (sa.select(fts.c.rowid.label("id"), sa.func.bm25(fts_name, *weights).label("rank"))
             .where(fts_name.op("MATCH")(fts5_expression(query)))
             .cte(f"{fts.name}_found").prefix_with("MATERIALIZED"))
    return Ranked(sa.select(model.id).select_from(found).join(model, model.id == found.c.id), found.c.rank)


def condition(model, query: SearchQuery) -> sa.ColumnElement[bool]:
    """A WHERE clause: the rows of ``model`` the query finds (for counting, and listings in another order)."""
    if _postgresql():
        return _vector(model).op("@@")(_tsquery(query))
    fts = sa.table(fts_table(model.__tablename__), sa.column("rowid"))
    fts_name = sa.literal_column(fts.name)
    return model.id.in_(sa.select(fts.c.rowid).where(fts_name.op("MATCH")(fts5_expression(query))))


def _vector(model) -> sa.ColumnElement:
    return sa.literal_column(f"{model.__tablename__}.{VECTOR_COLUMN}")


def _tsquery(query: SearchQuery) -> sa.ColumnElement:
    parts = [getattr(sa.func, function)(sa.literal_column("'norwegian'::regconfig"), argument)
             for function, argument in tsquery_parts(query)]
    combined = parts[0]
    for part in parts[1:]:
        combined = combined.op("&&")(part)
    return combined
