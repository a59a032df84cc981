"""The caseworker's forms."""
from hoering.forms import ServiceForm


class RunForm(ServiceForm):
    """Start a run of the analysis: nothing but the CSRF token."""
