"""How the moderation's findings are shown to the citizen and the moderators."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from hoering.moderation import personal_data

# What the personal-data guard found, as the citizen and the moderators read it.
PERSONAL_DATA_LABELS = {
    personal_data.NATIONAL_ID: _l("fødselsnummer eller D-nummer"),
    personal_data.POSSIBLE_NATIONAL_ID: _l("mulig fødselsnummer"),
    personal_data.PHONE: _l("telefonnummer"),
    personal_data.EMAIL: _l("e-postadresse"),
    personal_data.BANK_ACCOUNT: _l("kontonummer"),
}
