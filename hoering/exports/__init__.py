"""Exports for staff: every comment of a consultation as CSV or XLSX, and the høringsnotat draft as DOCX.

``comments.py`` reads the comments in batches (keyset pagination, never all rows at once) and
yields plain rows; ``writers.py`` turns rows into CSV text or an XLSX file, neutralising anything a
spreadsheet would run as a formula; ``memo_data.py`` gathers what the memo says and ``memo.py``
writes it; ``xml_text.py`` makes stored text fit for the XML inside an XLSX or DOCX file.
``services.py`` says who may export and what they see, and makes the XLSX and the memo
in the background (``models.ExportJob``), whose bytes ``files.py`` keeps in the database; the CSV is
streamed straight to the browser.
"""
