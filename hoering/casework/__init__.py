"""The caseworker's side: running the analysis of a consultation in the background and reading it."""
