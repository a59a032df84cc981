"""flask commands: ``flask demo`` loads the demo data (once; running it again changes nothing)."""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from hoering.accounts.models import ROLES


def init_app(app: Flask) -> None:
    app.cli.add_command(users)

    @app.cli.command("demo")
    def demo() -> None:
        """Load the demo consultations and comments unless they are there already."""
        from hoering.demo.loader import load_demo

        created = load_demo()
        if created:
            click.echo("Loaded demo data: " + ", ".join(created))
        else:
            click.echo("Demo data already loaded; nothing changed.")


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
