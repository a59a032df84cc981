"""``flask privacy``: personal data from the command line. ``flask privacy access <address>`` writes
what the admin's access-request page downloads (README, "GDPR access requests"); ``flask privacy
prune``, from cron, erases citizens' e-mail addresses once their retention has passed (retention.py)."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from hoering.privacy import access_requests, retention
from hoering.rejections import Rejected

privacy_group = AppGroup("privacy", help="Personal data: access requests under the GDPR, and retention.")


@privacy_group.command("access")
@click.argument("address")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write the JSON to this file instead of printing it.")
def access(address: str, output: str | None) -> None:
    """Everything stored about ADDRESS, as JSON; logged in the audit log without the address."""
    try:
        report = access_requests.collect(address, current_app.config.get("MAIL_OUTBOX"))
    except Rejected as rejection:
        raise click.BadParameter(str(rejection.reason), param_hint="ADDRESS") from None
    access_requests.record_access_request(None, report, current_app.secret_key, "command")
    if output:
        with open(output, "w", encoding="utf-8") as file:
            file.write(report.as_json())
        click.echo(f"Wrote {report.total} row(s) to {output}.", err=True)
    else:
        click.echo(report.as_json(), nl=False)


@privacy_group.command("prune")
@click.option("--dry-run", is_flag=True, help="Only count what would be erased; change nothing.")
def prune(dry_run: bool) -> None:
    """Erase citizens' e-mail addresses RETENTION_MONTHS after their consultation was processed, once an
    archive package with them was produced; one audit entry with counts per consultation. For cron."""
    months = current_app.config["RETENTION_MONTHS"]
    found = retention.review(months)
    click.echo(f"Retention {months} month(s): consultations processed before {found.cutoff:%Y-%m-%d %H:%M} (UTC).")
    for consultation in found.due:
        erasure = retention.pending(consultation) if dry_run else retention.erase(consultation, months)
        done = "would erase" if dry_run else "erased"
        click.echo(f"{consultation.slug}: {done} the addresses of {_counts(erasure)}.")
    for consultation in found.not_archived:
        click.echo(f"Skipped {consultation.slug}: no archive package with e-mail addresses since its last change "
                   f"(flask responses archive {consultation.slug} OUT.zip).")
    for consultation in found.not_processed:
        click.echo(f"Skipped {consultation.slug}: closed {consultation.closes_at:%Y-%m-%d} but not marked as "
                   "processed.")
    if not (found.due or found.not_archived or found.not_processed):
        click.echo("No e-mail addresses are due for erasure.")
    elif dry_run:
        click.echo("Dry run: nothing was erased.")


def _counts(erasure: retention.Erasure) -> str:
    """Counts only: "3 comment(s), 1 subscription(s) (deleted), 2 response(s), 4 e-mail(s) (deleted)"."""
    return (f"{erasure.comments} comment(s), {erasure.subscriptions} subscription(s) (deleted), "
            f"{erasure.responses} response(s), {erasure.mails} e-mail(s) (deleted)")
