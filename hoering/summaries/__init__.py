"""Reviewed and signed-off summaries of a consultation's input: people correct what the analysis found,
sign a version off, and only that version is shown to the public and drafted into the memo."""
