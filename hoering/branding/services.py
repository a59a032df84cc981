"""The brand every page shows: the admin's saved settings, else the environment's defaults.

Deployment sets defaults in HOERING_ORGANISATION, HOERING_MAIN_COLOUR, HOERING_LOGO (a file),
HOERING_CONTACT_EMAIL … (README, "Settings"); an admin can change all of it on /admin/merkevare,
and from the first save the stored row is the whole brand. Every process reads the row, so a
change shows at once behind several workers.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app, g
from flask_babel import format_decimal, lazy_gettext as _l
from sqlalchemy.exc import SQLAlchemyError

from hoering.audit import services as audit
from hoering.branding import colours
from hoering.branding.logos import EMPTY, NOT_AN_IMAGE, TOO_LARGE, TOO_MANY_PIXELS, UNSAFE_SVG, Logo, LogoRefused, \
    checked_logo
from hoering.branding.models import (THE_ROW, Branding, MAX_ADDRESS_LENGTH, MAX_EMAIL_LENGTH, MAX_NAME_LENGTH,
                                     MAX_PHONE_LENGTH, MAX_URL_LENGTH)
from hoering.branding.palette import accent_scale
from hoering.clock import utcnow
from hoering.extensions import db
from hoering.rejections import Rejected

LOGO_PROBLEMS = {
    EMPTY: _l("Filen er tom."),
    TOO_LARGE: _l("Logoen kan være høyst 300 kB."),
    TOO_MANY_PIXELS: _l("Logoen kan være høyst 4000 piksler bred og høy."),
    NOT_AN_IMAGE: _l("Logoen må være en SVG- eller PNG-fil."),
    UNSAFE_SVG: _l("SVG-filen inneholder skript, lenker eller annet innhold som ikke er tillatt i en logo. "
                   "Lagre den som en enkel tegning, eller bruk PNG."),
}
_PHONE_CHARACTERS = set("0123456789 +-()")


class BrandRejected(Rejected):
    pass


@dataclass(frozen=True)
class BrandSettings:
    """What an admin types: every field as text ("" for none)."""

    organisation: str = ""
    main_colour: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contact_address: str = ""
    privacy_url: str = ""
    accessibility_url: str = ""
    website_url: str = ""
    dpo_name: str = ""
    dpo_email: str = ""


@dataclass(frozen=True)
class Brand(BrandSettings):
    """The brand a page shows. ``version`` changes with it: the logo's and theme's addresses carry it,
    so browsers may keep both for a year and still never show an old one."""

    logo_media_type: str = ""
    version: str = ""

    @property
    def has_logo(self) -> bool:
        return bool(self.logo_media_type)

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_email or self.contact_phone or self.contact_address)

    @property
    def website_host(self) -> str:
        return urlsplit(self.website_url).hostname or ""


SETTING_NAMES = [field.name for field in fields(BrandSettings)]
ENVIRONMENT_NAMES = {name: "HOERING_" + name.upper() for name in SETTING_NAMES}


def init_app(app) -> None:
    """Check the environment's defaults when the app starts, so a wrong colour or logo file stops
    the deployment instead of showing up on a page later; and give templates ``brand``."""
    defaults = _tidied(BrandSettings(**{name: app.config["BRAND"].get(name, "") for name in SETTING_NAMES}))
    with app.app_context():  # the reasons are translated messages
        problem = next(iter(problems(defaults).items()), None)
        if problem:
            raise ValueError(f"{ENVIRONMENT_NAMES[problem[0]]}: {problem[1]}")
        app.extensions["hoering_default_logo"] = _logo_from_file(app.config["BRAND_LOGO_FILE"])
    app.extensions["hoering_brand_defaults"] = defaults
    # g outlives a request where an app context is already pushed (a test's, a command's): read afresh.
    app.before_request(_forget_brand)
    app.context_processor(lambda: {"brand": current_brand()})


def _forget_brand() -> None:
    g.pop("hoering_brand", None)


def _logo_from_file(path: str) -> Logo | None:
    if not path:
        return None
    try:
        return checked_logo(Path(path).read_bytes())
    except OSError as error:
        raise ValueError(f"HOERING_LOGO: cannot read {path}: {error.strerror}") from None
    except LogoRefused as refusal:
        raise ValueError(f"HOERING_LOGO: {path}: {LOGO_PROBLEMS[refusal.problem]}") from None


def current_brand() -> Brand:
    """Read once per request. With the database out of reach (the error page saying so), the defaults."""
    if "hoering_brand" not in g:
        try:
            row = _saved_row()
        except SQLAlchemyError:
            db.session.rollback()
            current_app.logger.warning("The saved brand could not be read; the defaults are shown", exc_info=True)
            row = None
        g.hoering_brand = _brand_of(row)
    return g.hoering_brand


def _saved_row() -> Branding | None:
    return db.session.get(Branding, THE_ROW)


def _brand_of(row: Branding | None) -> Brand:
    if row is None:
        defaults = current_app.extensions["hoering_brand_defaults"]
        logo = current_app.extensions["hoering_default_logo"]
        settings, media_type, changed = defaults, logo.media_type if logo else "", ""
    else:
        settings = BrandSettings(**{name: getattr(row, name) for name in SETTING_NAMES})
        media_type, changed = row.logo_media_type, row.updated_at.isoformat()
    # The stylesheet's own words count too: a release that draws the scale differently gets a new address.
    theme = _theme_for(settings.main_colour)
    version = hashlib.sha256(repr((asdict(settings), media_type, changed, theme)).encode()).hexdigest()[:12]
    return Brand(**asdict(settings), logo_media_type=media_type, version=version)


def brand_is_saved() -> bool:
    return _saved_row() is not None


def current_logo() -> Logo | None:
    row = _saved_row()
    if row is None:
        return current_app.extensions["hoering_default_logo"]
    return Logo(row.logo, row.logo_media_type) if row.logo else None


def theme_css(brand: Brand) -> str:
    """Designsystemet's accent scale made from the main colour, over the vendored theme's (and so over
    every rule of static/css/hoering.css that names --brand and its kin)."""
    return _theme_for(brand.main_colour)


@lru_cache(maxsize=64)
def _theme_for(main_colour: str) -> str:
    if not main_colour:
        return ""
    steps = "".join(f"  --ds-color-accent-{step}: {value};\n" for step, value in accent_scale(main_colour).items())
    return ":root {\n" + steps + "}\n"


def save_brand(settings: BrandSettings, new_logo: bytes | None, remove_logo: bool, actor) -> Brand:
    """Check everything, then store it with an audit entry; BrandRejected names the first field at fault.

    ``new_logo``: an uploaded file's bytes, or None to keep the logo there is (unless ``remove_logo``).
    """
    settings = _tidied(settings)
    problem = next(iter(problems(settings).items()), None)
    if problem:
        raise BrandRejected(*problem)
    logo = _logo_to_store(new_logo, remove_logo)
    row = _saved_row()
    before = _audited(row) if row else None
    if row is None:
        row = Branding(id=THE_ROW)
        db.session.add(row)
    for name in SETTING_NAMES:
        setattr(row, name, getattr(settings, name))
    row.logo, row.logo_media_type = (logo.data, logo.media_type) if logo else (None, "")
    row.updated_at = utcnow()
    audit.record(actor, "branding.update", "branding", THE_ROW, before=before, after=_audited(row))
    db.session.commit()
    _forget_brand()
    return current_brand()


def _logo_to_store(new_logo: bytes | None, remove_logo: bool) -> Logo | None:
    if new_logo is not None:
        try:
            return checked_logo(new_logo)
        except LogoRefused as refusal:
            raise BrandRejected("logo", LOGO_PROBLEMS[refusal.problem]) from None
    return None if remove_logo else current_logo()


def _audited(row: Branding) -> dict:
    logo = row.logo
    return {**{name: getattr(row, name) for name in SETTING_NAMES},
            "logo": hashlib.sha256(logo).hexdigest()[:16] if logo else None}


def _tidied(settings: BrandSettings) -> BrandSettings:
    tidy = {name: " ".join(getattr(settings, name).split()) for name in SETTING_NAMES}
    tidy["main_colour"] = colours.normalised(tidy["main_colour"]) or tidy["main_colour"]
    return BrandSettings(**tidy)


def problems(settings: BrandSettings) -> dict:
    """Field name to reason, in the form's order; empty when every field is fine. The form shows them
    all at once; save_brand refuses the first."""
    settings = _tidied(settings)
    found = {}
    lengths = {"organisation": MAX_NAME_LENGTH, "contact_email": MAX_EMAIL_LENGTH, "contact_phone": MAX_PHONE_LENGTH,
               "contact_address": MAX_ADDRESS_LENGTH, "privacy_url": MAX_URL_LENGTH,
               "accessibility_url": MAX_URL_LENGTH, "website_url": MAX_URL_LENGTH, "dpo_name": MAX_NAME_LENGTH,
               "dpo_email": MAX_EMAIL_LENGTH}
    colour_problem = colour_refusal(settings.main_colour) if settings.main_colour else None
    if colour_problem:
        found["main_colour"] = colour_problem
    for name, limit in lengths.items():
        if len(getattr(settings, name)) > limit:
            found[name] = _l("Teksten kan være høyst %(n)d tegn.", n=limit)
    if settings.contact_phone and not set(settings.contact_phone) <= _PHONE_CHARACTERS:
        found["contact_phone"] = _l("Skriv telefonnummeret med sifre, for eksempel 12 34 56 78 eller +47 12 34 56 78.")
    for name in ("privacy_url", "accessibility_url", "website_url"):
        if getattr(settings, name) and name not in found and not is_web_address(getattr(settings, name)):
            found[name] = _l("Skriv en hel adresse som begynner med https://, for eksempel https://www.fjordvik.kommune.no/personvern.")
    order = SETTING_NAMES
    return dict(sorted(found.items(), key=lambda item: order.index(item[0])))


def colour_refusal(value: str):
    """Why ``value`` cannot be the main colour, or None."""
    colour = colours.normalised(value)
    if colour is None:
        return _l("Skriv fargen som en heksadesimal kode, for eksempel #1e5b8c.")
    if not colours.readable_with_white(colour):
        return _l("Fargen %(colour)s gir for svak kontrast mot hvit tekst (%(ratio)s:1). Den må være minst "
                  "%(minimum)s:1 (WCAG AA). Velg en mørkere farge.", colour=colour,
                  ratio=format_decimal(int(colours.contrast_ratio(colour) * 100) / 100, "#,##0.00"),
                  minimum=format_decimal(colours.MINIMUM_CONTRAST, "#,##0.0"))
    return None


def is_web_address(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.hostname) and " " not in value
