"""``flask invitations``: import a consultation's bodies, send the invitation letters and reminders
from the command line (and from cron: ``flask invitations remind-due`` once a day).
``flask responses archive <slug> OUT.zip``: the consultation's archive package (hoering.responses.archive).

The links in the letters are absolute, so PUBLIC_URL must be set (or SERVER_NAME). Letters are sent
in this process before the command ends, unless an RQ worker sends them (ANALYSIS_BACKEND "rq").
"""
from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from hoering.background import wait_for_threads
from hoering.consultations.planning import get_staff_consultation
from hoering.consultations.services import ConsultationNotFound
from hoering.mail.sending import counts_by_status
from hoering.public_url import links_outside_requests
from hoering.responses import archive, invitations
from hoering.responses.services import import_bodies

invitations_group = AppGroup("invitations", help="Invited bodies and their letters (høringsbrev).")
responses_group = AppGroup("responses", help="Formal responses (høringssvar).")


@invitations_group.command("import")
@click.argument("slug")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_file(slug: str, file: Path) -> None:
    """Import the bodies of a CSV or XLSX file (columns name, organisation_number, email, category)
    into the register, and pick them for the consultation. One bad row, and nothing is imported."""
    consultation = _consultation(slug)
    result = import_bodies(file.name, file.read_bytes(), None, consultation)
    if not result.ok:
        for error in result.errors:
            click.echo(error, err=True)
        raise click.ClickException(f"Nothing was imported from {file.name}: {len(result.errors)} error(s).")
    click.echo(f"Imported {file.name}: {len(result.created)} new, {len(result.updated)} updated, "
               f"{len(result.unchanged)} unchanged; {len(result.picked)} newly picked for {slug}.")


@invitations_group.command("send")
@click.argument("slug")
def send(slug: str) -> None:
    """Send the invitation letter to every picked body that has not had it."""
    consultation = _consultation(slug)
    _report("invitation", _sent(lambda: invitations.send_invitations(consultation, None)))


@invitations_group.command("remind")
@click.argument("slug")
def remind(slug: str) -> None:
    """Send a reminder now to every invited body that has not answered."""
    consultation = _consultation(slug)
    _report("reminder", _sent(lambda: invitations.send_reminders(consultation, None)))


@invitations_group.command("remind-due")
def remind_due() -> None:
    """Send the reminders that have come due (the letter's days before the deadline), once per body:
    run it daily from cron."""
    _require_public_url()
    done = invitations.due_reminders(None)
    wait_for_threads()
    if not done:
        click.echo("No reminders due.")
    for consultation, sent in done:
        click.echo(f"{consultation.slug}: ", nl=False)
        _report("reminder", sent)


@responses_group.command("archive")
@click.argument("slug")
@click.argument("out", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def archive_package(slug: str, out: Path) -> None:
    """Write the archive package of the consultation to OUT (a ZIP): every response and attachment, held
    and hidden ones too, the published comments, the signed-off summary, the memo, metadata as JSON and
    CSV and a SHA-256 of every file. An existing OUT is replaced, once the new package is complete."""
    consultation = _consultation(slug)
    if not out.parent.is_dir():
        raise click.ClickException(f"No folder {out.parent} to write {out.name} in.")
    if out.exists():
        click.echo(f"{out} exists: it will be replaced.")
    partial = out.with_name(out.name + ".part")
    try:
        package = archive.write_archive(consultation, partial)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    archive.record_archive(None, consultation, package, with_email=True)
    click.echo(f"Wrote {out}: {package.responses} response(s), {len(package.documents)} document file(s), "
               f"{out.stat().st_size:,} bytes. Check it after unzipping with: sha256sum -c {archive.CHECKSUMS}")


def _consultation(slug: str):
    try:
        return get_staff_consultation(slug)
    except ConsultationNotFound:
        raise click.ClickException(f"No consultation with the slug {slug!r}") from None


def _sent(send) -> invitations.Sent:
    _require_public_url()
    try:
        sent = send()
    except invitations.LetterRejected as rejection:
        raise click.ClickException(str(rejection.reason)) from None
    wait_for_threads()
    return sent


def _require_public_url() -> None:
    if not links_outside_requests():
        raise click.ClickException("Set PUBLIC_URL (e.g. https://hoering.kommune.no): the letters' links are "
                                   "built on it.")


def _report(kind: str, sent: invitations.Sent) -> None:
    if not sent.bodies:
        click.echo(f"No {kind}s to send.")
        return
    counts = counts_by_status(sent.message_ids)
    click.echo(f"{len(sent.bodies)} {kind}(s): sent {counts['sent']}, failed {counts['failed']}, "
               f"queued {counts['queued']}.")
    for name in sent.bodies:
        click.echo(f"  {name}")
