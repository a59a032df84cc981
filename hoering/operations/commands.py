"""``flask doctor``: the settings' problems before a server goes live, for the operator's console."""
from __future__ import annotations

import os

import click

from hoering.operations.doctor import SERIOUS, find_problems


@click.command("doctor")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes the server runs (gunicorn --workers); by default as gunicorn reads "
                   "them from GUNICORN_CMD_ARGS or WEB_CONCURRENCY, else 1.")
def doctor(workers: int | None) -> None:
    """Print what is wrong in this environment's settings and what to do; exit with 1 if anything is
    serious (a deployment script can stop on it), else 0."""
    findings = find_problems(os.environ, workers)
    for finding in findings:
        click.echo(str(finding))
    if not findings:
        click.echo("No problems found.")
        return
    serious = sum(finding.severity == SERIOUS for finding in findings)
    click.echo(f"{serious} serious, {len(findings) - serious} warning(s).")
    if serious:
        click.get_current_context().exit(1)
