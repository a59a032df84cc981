"""The planner's forms for a revised draft: the upload, a correction of a match, publishing, and the
explanations of what changed (one text and one list of comment ids per unit, named by its key)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, StringField
from wtforms.validators import InputRequired

from hoering.consultations.docx_import import MAX_DOCX_BYTES
from hoering.forms import ServiceForm, unix_line_breaks
from hoering.markup import clean_text
from hoering.revisions.explanations import Entry

REMOVED_CHOICE = "fjernet"  # the select's value for "removed"
SAVE_ALL = "alle"


class UploadForm(ServiceForm):
    file = FileField(
        _l("Det reviderte utkastet"),
        description=_l("Word-dokument (.docx, høyst 10 MB) eller Markdown- eller tekstfil (.md, .txt). "
                       "Ingenting publiseres før du har sett over forhåndsvisningen."),
        render_kw={"accept": ".docx,.md,.markdown,.txt"},
    )

    def upload(self) -> tuple[str, bytes] | None:
        """The uploaded file's name and bytes; None when no file was chosen (the field says so). The
        reading stops one byte past the largest draft a file may hold, for the import to refuse it."""
        upload = self.file.data
        if not upload or not getattr(upload, "filename", ""):
            self.file.errors = [_l("Velg filen med det reviderte utkastet.")]
            return None
        return upload.filename, upload.read(MAX_DOCX_BYTES + 1)


class CorrectionForm(ServiceForm):
    """Where the comments of one unit of the current version go: a new unit's index, or "fjernet"."""

    old = HiddenField(validators=[InputRequired()])
    target = StringField(validators=[InputRequired()])

    def target_index(self) -> int | None:
        """The chosen new unit's index; None for "removed". ValueError for anything else."""
        value = (self.target.data or "").strip()
        return None if value == REMOVED_CHOICE else int(value)


class PublishForm(ServiceForm):
    confirm = BooleanField(validators=[InputRequired(_l("Kryss av for å bekrefte at den nye versjonen skal publiseres."))])


class PlainForm(ServiceForm):
    """A form with nothing but its CSRF token (discarding a pending revision)."""


class ExplanationsForm(ServiceForm):
    """The explanations page: one "tekst-<key>" and one "innspill-<key>" per unit, too many and too
    varied to be fields of their own; the button pressed ("lagre") names one unit's key, or "alle"."""

    def entries(self, formdata, keys: list[str]) -> dict[str, Entry]:
        """What was typed for the units to save: the pressed unit's, or every unit's."""
        pressed = formdata.get("lagre", SAVE_ALL)
        wanted = keys if pressed == SAVE_ALL else [key for key in keys if key == pressed]
        return {key: Entry(_cleaned(formdata.get(f"tekst-{key}", "")), _cleaned(formdata.get(f"innspill-{key}", "")))
                for key in wanted}

    @staticmethod
    def typed(formdata, keys: list[str]) -> dict[str, Entry]:
        """Everything typed on the page, to show it again after a refusal."""
        return {key: Entry(formdata.get(f"tekst-{key}", ""), formdata.get(f"innspill-{key}", "")) for key in keys}


def _cleaned(value: str) -> str:
    return unix_line_breaks(clean_text(value or ""))
