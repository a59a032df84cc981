"""``flask notifications digest``: send the notices and daily digests that are due (cron runs it every
few minutes; README, "Following a consultation or one paragraph"), and delete follow requests nobody confirmed.

The links in the e-mails are absolute, so PUBLIC_URL must be set (or SERVER_NAME). The e-mails are
sent in this process before the command ends, unless an RQ worker sends them.
"""
from __future__ import annotations

import click
from flask.cli import AppGroup

from hoering.background import wait_for_threads
from hoering.notifications import following
from hoering.notifications.digests import send_due
from hoering.notifications.services import send_later
from hoering.public_url import links_outside_requests

notifications_group = AppGroup("notifications", help="E-mail notices to the people following consultations.")


@notifications_group.command("digest")
def digest() -> None:
    """Send the notices and daily digests due now: each covers its follower's own window, so a late or
    missed run skips and repeats nothing."""
    if not links_outside_requests():
        raise click.ClickException("Set PUBLIC_URL (e.g. https://hoering.kommune.no): the e-mails' links are "
                                   "built on it.")
    deleted = following.delete_unconfirmed()
    sent = send_due()
    send_later(sent.message_ids)
    wait_for_threads()
    click.echo(f"Sent {sent.notices} notice(s) and {sent.digests} daily digest(s); deleted {deleted} "
               f"unconfirmed follow request(s).")
