"""``flask privacy``: personal data from the command line. ``flask privacy access <address>`` writes
what the admin's access-request page downloads (README, "GDPR access requests")."""
from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from hoering.privacy import access_requests
from hoering.rejections import Rejected

privacy_group = AppGroup("privacy", help="Personal data: access requests under the GDPR.")


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
