"""Search: consultations, comments and formal responses, on PostgreSQL (tsvector) and SQLite (FTS5).

schema.py builds the index, query.py reads what was typed, backends.py is the one place that knows the
database, highlight.py marks the words found, services.py holds who may find what, views.py the pages.
"""
