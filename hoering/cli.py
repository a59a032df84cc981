"""flask commands: ``flask demo`` loads the demo data (once; running it again changes nothing)."""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from hoering.accounts.models import ROLES


def init_app(app: Flask) -> None:
    app.cli.add_command(users)
    app.cli.add_command(exports)
    app.cli.add_command(moderation)

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
    def analyse(slug: str) -> None:
        """Run the analysis of a consultation now, in this process, and store the result."""
        from hoering.casework.services import run_now
        from hoering.consultations.planning import get_staff_consultation
        from hoering.consultations.services import ConsultationNotFound

        try:
            consultation = get_staff_consultation(slug)
        except ConsultationNotFound:
            raise click.ClickException(f"No consultation with the slug {slug!r}") from None
        run = run_now(consultation)
        if run is None:
            raise click.ClickException(f"An analysis of {slug} is already running.")
        result = run.result
        click.echo(f"Analysed {run.comment_count} comments: {len(result['themes'])} themes, "
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
