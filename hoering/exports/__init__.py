"""Exports for staff: every comment of a consultation as CSV or XLSX, one row at a time.

``comments.py`` reads the comments in batches (keyset pagination, never all rows at once) and
yields plain rows; ``writers.py`` turns rows into CSV text or an XLSX file, neutralising anything a
spreadsheet would run as a formula; ``services.py`` says who may export and what they see.
"""
