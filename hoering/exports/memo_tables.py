"""The memo's tables: a grid with a bold header row, the one look every table of the memo has (the
units with their comments, the changes of a revised draft, the formal responses)."""
from __future__ import annotations


def table_with_header(document, labels: tuple[str, ...]):
    """A new grid table at the end of ``document`` with ``labels`` as its bold first row."""
    table = document.add_table(rows=1, cols=len(labels))
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, labels):
        cell.paragraphs[0].add_run(label).bold = True
    return table
