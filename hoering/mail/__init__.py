"""Outgoing e-mail: messages queued in the database, sent in the background over SMTP with retries,
or written as .eml files to the outbox folder when no MAIL_SERVER is set."""
