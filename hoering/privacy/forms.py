"""The admin's form for an access request: the address it concerns."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField

from hoering.forms import ServiceForm, stripped


class AccessRequestForm(ServiceForm):
    # The address is checked by the service (access_requests.checked_address), whose rejection the
    # view puts here: one rule for the page and the command.
    email = EmailField(_l("E-postadresse"), filters=[stripped],
                       description=_l("Adressen personen har brukt. Store og små bokstaver spiller ingen rolle."))
