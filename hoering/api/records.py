"""The records the open data is made of: one consultation, version, unit, comment or formal response as
a dict of the fields the README promises. The JSON endpoints and the bulk files share them, so a field
is named once.
"""
from __future__ import annotations

from flask import url_for

from hoering.consultations.navigation import heading_paths
from hoering.revisions import history


def response_record(slug: str, response) -> dict:
    return {
        "id": response.id,
        "body": response.public_name,
        "organisation_number": response.organisation_number,
        "category": response.category,
        "invited": response.invited_body_id is not None,
        "channel": response.channel,  # link, form, or for one registered by staff: post, email, meeting
        "no_comments": response.no_comments,
        "late": response.late,
        "submitted_at": iso(response.submitted_at),
        "updated_at": iso(response.updated_at),
        "text": response.text,
        "html": response.html,
        "attachments": [{
            "name": attachment.name, "content_type": attachment.content_type, "size": attachment.size,
            "sha256": attachment.sha256,
            "url": url_for("responses.attachment", slug=slug, response_id=response.id, attachment_id=attachment.id,
                           _external=True),
        } for attachment in response.attachments],
        "url": url_for("responses.responses", slug=slug, _anchor=f"svar-{response.id}", _external=True),
    }


def consultation_record(consultation, comment_count: int) -> dict:
    return {
        "slug": consultation.slug,
        "title": consultation.title,
        "organisation": consultation.organisation,
        "status": consultation.status,
        "opens_at": iso(consultation.opens_at),
        "closes_at": iso(consultation.closes_at),
        "comment_count": comment_count,
        "url": url_for("consultations.consultation", slug=consultation.slug, _external=True),
    }


def version_record(consultation, version) -> dict:
    """A version of the draft: its page, and (from the second on) the page of what changed in it."""
    return {
        "number": version.number,
        "published_at": iso(version.created_at),
        "url": url_for("versions.version", slug=consultation.slug, number=version.number, _external=True),
        "changes_url": url_for("versions.changes", slug=consultation.slug, number=version.number, _external=True)
        if version.number >= 2 else None,
    }


def source_url(consultation, version) -> str:
    return url_for("versions.source", slug=consultation.slug, number=version.number, _external=True)


def unit_records(version, units, *, comment_count, url) -> list[dict]:
    """The units of ``version`` in document order, each with the version that last changed its text
    (``changed_in``) and the municipality's explanation of that change; ``comment_count`` and ``url``
    differ between the current draft and an earlier version."""
    paths = {position: [heading.headline for heading in path] for position, path in heading_paths(units).items()}
    changes = history.last_changes(version, units)
    return [
        {
            "number": unit.number,
            "label": unit.citation,
            "path": paths[unit.position],
            "anchor": unit.anchor,
            "kind": unit.kind,
            "text": unit.text,
            "html": unit.html,
            "comment_count": comment_count(unit),
            "url": url(unit),
            "changed_in": changes[unit.id].number,
            "explanation": changes[unit.id].explanation,
        }
        for unit in units
    ]


def comment_record(comment, place) -> dict:
    """A comment; ``unit`` is where it sits in the current version (None: the whole document, or a
    paragraph a revision removed, then named by ``removed_unit``), ``version`` the one it was written on."""
    return {
        "id": comment.id,
        "unit": place.unit,
        "removed_unit": place.removed_unit,
        "version": place.version,
        "parent": comment.parent_id,
        "author_name": comment.author_name,
        "organisation": comment.organisation or "",
        "stance": comment.stance or "",
        "text": comment.text,
        "html": comment.html,
        "agree_count": comment.agree_count,
        "created_at": iso(comment.created_at),
        "official": comment.official,
    }


def iso(moment) -> str:
    """ISO 8601 in UTC with an explicit zone, so no client has to guess."""
    return moment.replace(microsecond=0).isoformat() + "Z"
