"""flask commands: ``flask demo`` loads the demo data (once; running it again changes nothing)."""
from __future__ import annotations

import click
from flask import Flask


def init_app(app: Flask) -> None:
    @app.cli.command("demo")
    def demo() -> None:
        """Load the demo consultations and comments unless they are there already."""
        from hoering.demo.loader import load_demo

        created = load_demo()
        if created:
            click.echo("Loaded demo consultations: " + ", ".join(created))
        else:
            click.echo("Demo data already loaded; nothing changed.")
