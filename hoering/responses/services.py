"""The register of invited bodies: adding and editing a body, finding bodies, picking them for a
consultation, and importing a register from a CSV or XLSX file.

Every change is written to the audit log in the same transaction. An import checks every row before
it writes anything: one bad row, and nothing is imported.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _
from sqlalchemy.exc import IntegrityError

from hoering.audit import services as audit
from hoering.consultations.models import Consultation
from hoering.database import begin_write
from hoering.extensions import db
from hoering.markup import clean_text
from hoering.rejections import Missing, Rejected
from hoering.responses import organisation_numbers
from hoering.responses.body_files import BodyFileRejected, FileRow, read_rows
from hoering.responses.models import (
    CATEGORIES,
    MAX_EMAIL_LENGTH,
    MAX_NAME_LENGTH,
    NAERINGSLIV,
    Body,
    InvitedBody,
)

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5_000
# A category as a file may write it, beyond the stored keys themselves.
_CATEGORY_SPELLINGS = {"næringsliv": NAERINGSLIV}
CATEGORY_WORDS = "statlig, fylkeskommune, kommune, organisasjon, næringsliv, annet"


class BodyRejected(Rejected):
    """A value a body cannot have; ``field`` names it."""


class BodyNotFound(Missing):
    pass


@dataclass(frozen=True)
class BodyInput:
    """What a planner types, or a row of a file says. Values are checked and tidied by the service."""

    name: str
    email: str
    category: str
    organisation_number: str = ""


# Adding, editing and finding bodies.

def save_body(body: Body | None, entry: BodyInput, actor) -> Body:
    """Add a body (``body`` None) or change one, and log it; commits. BodyRejected for a wrong value,
    with nothing written."""
    values, problems = _checked(entry)
    if problems:
        raise problems[0]
    _refuse_taken_number(values["organisation_number"], body)
    begin_write()
    before = snapshot(body) if body is not None else None
    if body is None:
        body = Body(**values)
        db.session.add(body)
    else:
        for name, value in values.items():
            setattr(body, name, value)
    try:
        db.session.flush()
    except IntegrityError as error:  # another request registered the number between the check and now
        db.session.rollback()
        raise _taken(values["organisation_number"]) from error
    audit.record(actor, "body.add" if before is None else "body.edit", "body", body.id,
                 before=before, after=snapshot(body))
    db.session.commit()
    return body


def get_body(body_id: int) -> Body:
    body = db.session.get(Body, body_id)
    if body is None:
        raise BodyNotFound(body_id)
    return body


def find_bodies(query: str = "") -> list[Body]:
    """The bodies whose name, e-mail or organisation number holds ``query`` (any case), in Norwegian
    alphabetical order (æ, ø, å last). Matched in Python: SQLite's LIKE ignores the case of ASCII
    letters only, and a municipality's register has hundreds of bodies, not millions."""
    bodies = db.session.scalars(sa.select(Body))
    words = query.casefold().split()
    if words:
        bodies = [body for body in bodies if all(word in _searchable(body) for word in words)]
    return sorted(bodies, key=alphabetical)


def snapshot(body: Body) -> dict:
    return {"name": body.name, "organisation_number": body.organisation_number, "email": body.email,
            "category": body.category}


def _checked(entry: BodyInput) -> tuple[dict, list[BodyRejected]]:
    """The values a body gets from ``entry``, tidied (the number as nine digits, the category as its
    key), and what is wrong with them."""
    problems = []
    name = " ".join(clean_text(entry.name or "").split())
    if not name:
        problems.append(BodyRejected("name", _("Navnet mangler.")))
    elif len(name) > MAX_NAME_LENGTH:
        problems.append(BodyRejected("name", _("Navnet er for langt (høyst %(max)d tegn).", max=MAX_NAME_LENGTH)))
    number = organisation_numbers.normalised(clean_text(entry.organisation_number or "")) or None
    if number and not organisation_numbers.is_valid(number):
        problems.append(BodyRejected("organisation_number", _(
            "Organisasjonsnummeret %(number)s er ikke gyldig. Det skal ha ni sifre, og det siste er et kontrollsiffer.",
            number=number[:20])))
    email, email_problem = _checked_email(clean_text(entry.email or "").strip())
    if email_problem:
        problems.append(email_problem)
    category = _category_key(entry.category or "")
    if category not in CATEGORIES:
        problems.append(_category_problem(entry.category or ""))
    values = {"name": name, "organisation_number": number, "email": email, "category": category}
    return values, problems


def _checked_email(email: str) -> tuple[str, BodyRejected | None]:
    if not email:
        return email, BodyRejected("email", _("E-postadressen mangler."))
    if len(email) > MAX_EMAIL_LENGTH:
        return email, BodyRejected("email", _("E-postadressen er for lang."))
    try:
        return validate_email(email, check_deliverability=False).normalized, None
    except EmailNotValidError:
        return email, BodyRejected("email", _("E-postadressen «%(email)s» er ikke gyldig.", email=email[:80]))


def _category_key(value: str) -> str:
    word = value.strip().casefold()
    return _CATEGORY_SPELLINGS.get(word, word)


def _category_problem(value: str) -> BodyRejected:
    if not value.strip():
        return BodyRejected("category", _("Kategorien mangler. Bruk en av disse: %(words)s.", words=CATEGORY_WORDS))
    return BodyRejected("category", _("Kategorien «%(category)s» finnes ikke. Bruk en av disse: %(words)s.",
                                      category=value.strip()[:40], words=CATEGORY_WORDS))


def _refuse_taken_number(number: str | None, body: Body | None) -> None:
    if not number:
        return
    holder = db.session.scalar(sa.select(Body).where(Body.organisation_number == number))
    if holder is not None and holder is not body:
        raise _taken(number, holder)


def _taken(number: str, holder: Body | None = None) -> BodyRejected:
    if holder is None:
        return BodyRejected("organisation_number", _("Organisasjonsnummeret %(number)s er allerede registrert.",
                                                     number=number))
    return BodyRejected("organisation_number", _(
        "Organisasjonsnummeret %(number)s er allerede registrert, for %(name)s.", number=number, name=holder.name))


def _searchable(body: Body) -> str:
    return f"{body.name} {body.email} {body.organisation_number or ''} {body.organisation_number_text}".casefold()


_NORWEGIAN_LAST = str.maketrans({"æ": "{", "ø": "|", "å": "}"})  # the three characters after z


def alphabetical(body: Body) -> tuple[str, int]:
    """A sort key for bodies in Norwegian alphabetical order (æ, ø, å after z)."""
    return body.name.casefold().translate(_NORWEGIAN_LAST), body.id


# Picking bodies for a consultation.

def picked(consultation: Consultation) -> dict[int, InvitedBody]:
    """The bodies picked for ``consultation``, by body id."""
    rows = db.session.scalars(sa.select(InvitedBody).where(InvitedBody.consultation_id == consultation.id))
    return {row.body_id: row for row in rows}


@dataclass(frozen=True)
class PickChange:
    added: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    kept_invited: list[int] = field(default_factory=list)  # unticked, but already invited: they stay


def set_picks(consultation: Consultation, shown: set[int], chosen: set[int], actor) -> PickChange:
    """Pick the ``chosen`` bodies and unpick the ``shown`` ones not chosen; commits and logs a change.

    Only the bodies the planner saw are unpicked (a search shows some of the register). A body whose
    invitation has gone out stays picked: the consultation has invited it, whatever the form says.
    """
    begin_write()
    current = picked(consultation)
    known = set(db.session.scalars(sa.select(Body.id).where(Body.id.in_(shown | chosen))))
    added = sorted((chosen & known) - set(current))
    unticked = sorted(((shown & known) - chosen) & set(current))
    kept = [body_id for body_id in unticked if current[body_id].invited_at is not None]
    removed = [body_id for body_id in unticked if current[body_id].invited_at is None]
    for body_id in added:
        db.session.add(InvitedBody(consultation_id=consultation.id, body_id=body_id))
    for body_id in removed:
        db.session.delete(current[body_id])
    if added or removed:
        audit.record(actor, "consultation.pick_bodies", "consultation", consultation.id,
                     before={"bodies": sorted(current)},
                     after={"bodies": sorted(set(current) - set(removed) | set(added)), "added": added,
                            "removed": removed})
    db.session.commit()
    return PickChange(added, removed, kept)


def _pick_all(consultation: Consultation, bodies: list[Body]) -> list[int]:
    """Pick ``bodies`` for ``consultation`` (those not yet picked); the caller logs and commits."""
    current = picked(consultation)
    added = sorted({body.id for body in bodies} - set(current))
    for body_id in added:
        db.session.add(InvitedBody(consultation_id=consultation.id, body_id=body_id))
    return added


# Importing a register from a file.

@dataclass
class ImportResult:
    """What an import did, or why it did nothing: ``errors`` (one per bad row, or one for the file)."""

    errors: list[str] = field(default_factory=list)
    created: list[Body] = field(default_factory=list)
    updated: list[Body] = field(default_factory=list)
    unchanged: list[Body] = field(default_factory=list)
    picked: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def import_bodies(filename: str, data: bytes, actor=None, consultation: Consultation | None = None) -> ImportResult:
    """Import the bodies of a CSV or XLSX file (columns name, organisation_number, email, category).

    Every row is checked first; any error, and nothing is imported (the result lists them all, as
    "Rad 4: …", the row numbered as a spreadsheet does). A row with an organisation number already in
    the register updates that body; a row without one updates the body without a number that has its
    e-mail address, so that importing a file twice adds nobody twice. With ``consultation``, every
    body of the file is also picked for it. Commits, with one audit entry for the import.
    """
    if len(data) > MAX_IMPORT_BYTES:
        return ImportResult(errors=[str(_("Filen er større enn 2 MB. Del den opp i flere filer."))])
    try:
        rows = read_rows(filename, data, MAX_IMPORT_ROWS)
    except BodyFileRejected as rejection:
        return ImportResult(errors=[str(rejection.reason)])
    if not rows:
        return ImportResult(errors=[str(_("Filen har ingen instanser under overskriftsraden."))])
    entries, errors = _checked_rows(rows)
    if errors:
        return ImportResult(errors=errors)
    begin_write()
    try:
        result, before = _write(entries)
        if consultation is not None:
            result.picked = _pick_all(consultation, result.created + result.updated + result.unchanged)
            db.session.flush()
    except IntegrityError:  # someone registered one of the numbers meanwhile
        db.session.rollback()
        return ImportResult(errors=[str(_("Registeret ble endret av noen andre mens filen ble lest. Prøv igjen."))])
    _log_import(actor, filename, result, before, consultation)
    db.session.commit()
    return result


def _checked_rows(rows: list[FileRow]) -> tuple[list[dict], list[str]]:
    """The values of every row, and an error per problem, as "Rad 4: …" (duplicates in the file too)."""
    entries, errors = [], []
    first_row_of = {}
    for row in rows:
        values, problems = _checked(BodyInput(
            name=row.values["name"], email=row.values["email"], category=row.values["category"],
            organisation_number=row.values.get("organisation_number", "")))
        key = _identity(values)
        if not problems and key in first_row_of:
            problems.append(BodyRejected(None, _("Samme instans som i rad %(row)d.", row=first_row_of[key])))
        first_row_of.setdefault(key, row.number)
        errors += [str(_("Rad %(row)d: %(reason)s", row=row.number, reason=problem.reason)) for problem in problems]
        entries.append(values)
    return entries, errors


def _identity(values: dict) -> tuple[str, str]:
    """What makes two rows the same body: the organisation number, or the e-mail when there is none."""
    if values["organisation_number"]:
        return "number", values["organisation_number"]
    return "email", values["email"].casefold()


def _write(entries: list[dict]) -> tuple[ImportResult, dict[str, dict]]:
    """Add or update a body per row; returns what was done, and each updated body as it was, by id."""
    existing = _existing_bodies(entries)
    result, before = ImportResult(), {}
    for values in entries:
        body = existing.get(_identity(values))
        if body is None:
            body = Body(**values)
            db.session.add(body)
            result.created.append(body)
        elif snapshot(body) == values:
            result.unchanged.append(body)
        else:
            before[str(body.id)] = snapshot(body)
            for name, value in values.items():
                setattr(body, name, value)
            result.updated.append(body)
    db.session.flush()
    return result, before


def _existing_bodies(entries: list[dict]) -> dict[tuple[str, str], Body]:
    """The registered bodies the rows name: by number, or (without one) by e-mail; two queries."""
    numbers = [values["organisation_number"] for values in entries if values["organisation_number"]]
    emails = {values["email"].casefold() for values in entries if not values["organisation_number"]}
    found = {}
    for body in db.session.scalars(sa.select(Body).where(Body.organisation_number.in_(numbers))):
        found["number", body.organisation_number] = body
    if emails:
        for body in db.session.scalars(sa.select(Body).where(Body.organisation_number.is_(None))):
            if body.email.casefold() in emails:
                found.setdefault(("email", body.email.casefold()), body)
    return found


def _log_import(actor, filename: str, result: ImportResult, before: dict[str, dict],
                consultation: Consultation | None) -> None:
    """One entry for the whole file: the ids it added, each updated body as it was, and what was picked."""
    audit.record(actor, "body.import", "body", "import", before=before or None, after={
        "file": filename[:200],
        "created": [body.id for body in result.created],
        "updated": [body.id for body in result.updated],
        "unchanged": [body.id for body in result.unchanged],
        "consultation": consultation.id if consultation is not None else None,
        "picked": result.picked,
    })
