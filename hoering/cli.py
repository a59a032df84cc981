"""flask commands: ``flask demo`` loads the demo data (once; running it again changes nothing)."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from hoering.accounts.models import ROLES
from hoering.consultations.draft_language import DRAFT_LANGUAGES
from hoering.consultations.draft_files import DEFAULT_WEEKS_OPEN
from hoering.notifications.commands import notifications_group
from hoering.operations.commands import doctor
from hoering.privacy.commands import privacy_group
from hoering.rejections import Rejected
from hoering.responses.commands import invitations_group, responses_group


def init_app(app: Flask) -> None:
    app.cli.add_command(users)
    app.cli.add_command(exports)
    app.cli.add_command(moderation)
    app.cli.add_command(drafts)
    app.cli.add_command(mail)
    app.cli.add_command(invitations_group)
    app.cli.add_command(responses_group)
    app.cli.add_command(notifications_group)
    app.cli.add_command(doctor)
    app.cli.add_command(privacy_group)

    @app.cli.command("demo")
    def demo() -> None:
        """Load the demo consultations and comments unless they are there already."""
        from hoering.demo.loader import load_demo

        created = load_demo()
        if created:
            click.echo("Loaded demo data: " + ", ".join(created))
            _analyse_open_demo_consultations(created)
            _sign_off_demo_summaries(created)
        else:
            click.echo("Demo data already loaded; nothing changed.")

    @app.cli.command("analyse")
    @click.argument("slug")
    @click.option("--recluster", is_flag=True,
                  help="Find the themes afresh instead of continuing the last run's (as the analysis page's "
                       "\"Finn temaene på nytt\").")
    def analyse(slug: str, recluster: bool) -> None:
        """Run the analysis of a consultation now, in this process, and store the result. By default
        the run keeps the last run's themes and places new comments in them."""
        from hoering.casework.services import run_now
        from hoering.consultations.planning import get_staff_consultation
        from hoering.consultations.services import ConsultationNotFound

        try:
            consultation = get_staff_consultation(slug)
        except ConsultationNotFound:
            raise click.ClickException(f"No consultation with the slug {slug!r}") from None
        run = run_now(consultation, recluster=recluster)
        if run is None:
            raise click.ClickException(f"An analysis of {slug} is already running.")
        result = run.result
        click.echo(f"Analysed {run.comment_count} comments: {len(result['themes'])} themes "
                   f"({'found afresh' if recluster else 'continued from the last run where there was one'}), "
                   f"{len(result['campaigns'])} campaigns.")
        for stage, seconds in result.get("timings", {}).items():
            click.echo(f"  {stage:<14} {seconds:8.2f} s")


exports = AppGroup("exports", help="Export files (XLSX, the memo).")


@exports.command("prune")
def prune_exports() -> None:
    """Delete export files older than a day (also done whenever an export is asked for); for cron."""
    from hoering.database import begin_write
    from hoering.exports.services import delete_expired_exports
    from hoering.extensions import db

    begin_write()
    deleted = delete_expired_exports()
    db.session.commit()
    click.echo(f"Deleted {deleted} expired export files.")


moderation = AppGroup("moderation", help="Moderation of citizens' comments.")


@moderation.command("recheck")
def recheck_published() -> None:
    """Hold back published comments in which the personal-data guard now finds something; run once
    after an upgrade that made the guard stricter."""
    from hoering.moderation.recheck import hold_published_personal_data

    held = hold_published_personal_data()
    click.echo(f"Held back {len(held)} published comment(s) for a moderator" + (f": {', '.join(map(str, held))}"
                                                                                  if held else "."))


drafts = AppGroup("drafts", help="Consultation drafts from files.")


@drafts.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--title", default="", help="The title; defaults to the draft's own (front matter or first heading).")
@click.option("--slug", default="", help="Its address, /hoeringer/<slug>; made from the title when not given.")
@click.option("--organisation", default="", help="The unit responsible; defaults to HOERING_ORGANISATION.")
@click.option("--language", type=click.Choice(DRAFT_LANGUAGES), default=None,
              help="The draft's language; suggested from its text when not given.")
@click.option("--opens", type=click.DateTime(["%Y-%m-%d"]), default=None, help="The opening day; today if not given.")
@click.option("--closes", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help=f"The deadline, at the end of that day; {DEFAULT_WEEKS_OPEN} weeks after opening if not given.")
@click.option("--publish", is_flag=True, help="Publish it now (open from the opening day).")
def import_draft(file: Path, title: str, slug: str, organisation: str, language: str | None,
                 opens: datetime | None, closes: datetime | None, publish: bool) -> None:
    """Create a consultation from a Markdown or Word file as the planner's form does, and print what
    the preview shows: its units, the labels found, and what was changed or left out."""
    from flask_babel import force_locale

    from hoering.consultations.draft_files import DraftFileRejected, create_from_file, read_draft_file
    from hoering.consultations.services import current_units

    with force_locale("en"):
        try:
            draft = read_draft_file(file.name, file.read_bytes())
            consultation = create_from_file(
                draft, title=title, slug=slug, organisation=organisation, language=language,
                opens=opens.date() if opens else None, closes=closes.date() if closes else None, publish=publish,
            )
        except DraftFileRejected as rejection:
            raise click.ClickException(f"{file.name}: {rejection.reason}") from None
        except Rejected as rejection:
            raise click.ClickException(f"{rejection.field or file.name}: {rejection.reason}") from None
        for line in _import_report(consultation, current_units(consultation), draft.notices):
            click.echo(line)


@drafts.command("revise")
@click.argument("slug")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--publish", is_flag=True, help="Publish the revision as the next version, with the proposed matches.")
def revise_draft(slug: str, file: Path, publish: bool) -> None:
    """Line a revised draft (Markdown or Word) up with the consultation's current version and print the
    alignment: old number → new number, status, confidence, comments moved. With --publish, make it
    the next version. Bad input: a message and a non-zero exit, nothing changed."""
    from flask_babel import force_locale

    from hoering.consultations.draft_files import DraftFileRejected, read_draft_file
    from hoering.consultations.images import save_images
    from hoering.consultations.planning import get_staff_consultation
    from hoering.consultations.services import ConsultationNotFound
    from hoering.markup import MarkupRejected
    from hoering.revisions import services as revisions

    with force_locale("en"):
        try:
            consultation = get_staff_consultation(slug)
            draft = read_draft_file(file.name, file.read_bytes())
            proposal = revisions.propose(consultation, draft.markdown)
        except ConsultationNotFound:
            raise click.ClickException(f"No consultation with the slug {slug!r}") from None
        except (DraftFileRejected, MarkupRejected) as rejection:
            raise click.ClickException(f"{file.name}: {rejection.reason}") from None
        except Rejected as rejection:
            raise click.ClickException(f"{slug}: {rejection.reason}") from None
        for line in _alignment_report(proposal):
            click.echo(line)
        if publish:
            save_images(draft.images)
            version = revisions.publish(consultation, proposal, None)
            click.echo(f"Published version {version.number} of {slug}.")


def _alignment_report(proposal) -> list[str]:
    """The alignment as lines: one per old unit (where it goes), then the new units, then the totals;
    uncertain matches first, as the planner's preview shows them."""
    rows = []
    for i, unit in enumerate(proposal.old):
        j, status, confidence = proposal.match(i)
        target = proposal.new[j]["number"] if j is not None else "-"
        comments = proposal.comment_counts.get(unit.anchor, 0)
        rows.append((confidence, f"{unit.number:>10} → {target:<10} {status:<10} {confidence:5.2f} {comments:6d}"))
    rows.sort(key=lambda row: row[0] >= 0.75)  # uncertain first, otherwise in document order
    lines = [f"{'old':>10}   {'new':<10} {'status':<10} {'conf.':>5} {'comments':>6}"] + [line for _, line in rows]
    lines += [f"{'-':>10} → {proposal.new[j]['number']:<10} {'new':<10} {1:5.2f} {0:6d}" for j in proposal.new_units()]
    moved = sum(proposal.comment_counts.get(u.anchor, 0) for i, u in enumerate(proposal.old) if proposal.successors.get(i) is not None)
    lines.append(f"Version {proposal.version_number} → {proposal.version_number + 1}: {len(proposal.old)} units → "
                 f"{len(proposal.new)}; {proposal.alignment.changed_share:.0%} changed; {moved} comments follow "
                 f"their paragraph, {proposal.comments_on_removed()} stay on removed paragraphs.")
    return lines


@drafts.command("prune-images")
def prune_images() -> None:
    """Delete the pictures no draft (nor a revision waiting to be published) refers to, a day after
    they were last uploaded; for cron."""
    from hoering.consultations.images import prune_images as prune
    from hoering.revisions.pending import pending_sources

    click.echo(f"Deleted {prune(kept_sources=pending_sources())} pictures that no draft refers to.")


def _import_report(consultation, units, notices) -> list[str]:
    """What the planner's preview shows of an imported draft, as lines."""
    from hoering.consultations.citations import has_own_label
    from hoering.consultations.presentation import conversion_notice

    headings = sum(unit.is_heading for unit in units)
    own = [unit for unit in units if has_own_label(unit)]
    status = "published" if consultation.phase != "draft" else "saved as a draft (not public)"
    lines = [
        f"{consultation.title}: {status} at /hoeringer/{consultation.slug}",
        f"  language {consultation.language}, opens {consultation.opens_at:%Y-%m-%d %H:%M}, "
        f"closes {consultation.closes_at:%Y-%m-%d %H:%M} (UTC)",
        f"Units: {len(units)} ({headings} headings, {len(units) - headings} paragraphs)",
    ]
    if own:
        examples = ", ".join(dict.fromkeys(unit.label for unit in own[:400:max(1, len(own[:400]) // 6)]))
        lines.append(f"Labels: the document's own on {len(own)} of {len(units)} units, e.g. {examples}")
    else:
        lines.append("Labels: the document has no numbers of its own; units are numbered 1, 1.1, 1.2 …")
    lines.append("Changed or left out:" if notices else "Changed or left out: nothing")
    lines.extend(f"  - {conversion_notice(notice.code, notice.count)}" for notice in notices)
    return lines


users = AppGroup("users", help="Staff users.")


@users.command("create")
@click.argument("email")
@click.option("--role", "roles", multiple=True, required=True, type=click.Choice(ROLES), help="May be repeated.")
@click.option("--name", default="", help="Shown to other staff; defaults to the e-mail address.")
@click.password_option(help="Asked for when not given (at least 12 characters).")
def create_user(email: str, roles: tuple[str, ...], name: str, password: str) -> None:
    """Create a staff user, e.g. `flask users create kari@kommune.no --role planner`."""
    from hoering.accounts.services import AccountRejected
    from hoering.accounts.services import create_user as create

    try:
        user = create(email, name, password, roles)
    except AccountRejected as rejection:
        raise click.ClickException(str(rejection.reason)) from None
    click.echo(f"Created {user.email} with roles: {', '.join(sorted(user.roles))}")


@users.command("set-password")
@click.argument("email")
@click.password_option(help="Asked for when not given (at least 12 characters).")
def set_password(email: str, password: str) -> None:
    """Give a staff user a new password and end all their sessions."""
    from hoering.accounts.services import AccountRejected, find_user
    from hoering.accounts.services import set_password as set_new

    user = find_user(email)
    if user is None:
        raise click.ClickException(f"No staff user with the e-mail address {email}")
    try:
        set_new(user, password)
    except AccountRejected as rejection:
        raise click.ClickException(str(rejection.reason)) from None
    click.echo(f"New password set for {user.email}; their sessions have ended.")


def _analyse_open_demo_consultations(created: list[str]) -> None:
    """So that the caseworker's analysis page has something to show as soon as `make run` starts."""
    from hoering.casework.services import run_now
    from hoering.consultations.services import ConsultationNotFound, get_public_consultation

    for slug in created:
        try:
            consultation = get_public_consultation(slug)
        except ConsultationNotFound:
            continue  # a demo user, not a consultation
        run = run_now(consultation) if consultation.is_open else None
        if run is not None:
            click.echo(f"Analysed the demo consultation {slug}: {len(run.result['themes'])} themes.")


def _sign_off_demo_summaries(created: list[str]) -> None:
    """So that `make run` shows a complete, signed-off summary page of the closed demo consultation."""
    from hoering.demo.review import sign_off_demo_summaries

    for version in sign_off_demo_summaries(created):
        click.echo(f"Signed off the summary of a demo consultation: version {version.number}.")


mail = AppGroup("mail", help="Outgoing e-mail (hoering/mail).")


@mail.command("send")
def send_queued_mail() -> None:
    """Send every queued message now, in this process, with the usual retries: for messages left
    queued when a restart cut a background sending short. Start it when no sending is under way."""
    from hoering.mail.sending import counts_by_status, deliver, queued_ids

    message_ids = queued_ids()
    if not message_ids:
        click.echo("No queued messages.")
        return
    click.echo(f"Sending {len(message_ids)} queued message(s): {_mail_delivery_line()}")
    deliver(message_ids)
    counts = counts_by_status(message_ids)
    click.echo(f"Sent {counts['sent']}, failed {counts['failed']}, still queued {counts['queued']}.")


@mail.command("status")
@click.option("--failures", "failure_count", default=10, show_default=True,
              help="How many of the last failures to list.")
def mail_status(failure_count: int) -> None:
    """Where messages go, how many are queued, sent and failed, and the last failures in the mail
    server's words."""
    from hoering.mail.sending import counts_by_status, recent_failures

    click.echo(_mail_delivery_line())
    counts = counts_by_status()
    click.echo(f"Queued {counts['queued']}, sent {counts['sent']}, failed {counts['failed']}.")
    failures = recent_failures(failure_count)
    if failures:
        click.echo("Last failures:")
    for message in failures:
        click.echo(f"  #{message.id} {message.created_at:%Y-%m-%d %H:%M} UTC to {message.recipient} "
                   f"({message.purpose}, {message.attempts} attempt(s)): {message.error}")


def _mail_delivery_line() -> str:
    from hoering.mail.sending import delivery

    where = delivery()
    if where.mode == "outbox":
        return f"MAIL_SERVER is not set: messages are written as .eml files to {where.outbox}, not sent."
    return f"Messages are sent through {where.server}."
