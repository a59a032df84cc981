"""The shapes of a service's refusal: Rejected names the form field to blame and why, in words;
Missing says that what was asked for is not there (a page shows "not found").

Services raise a subclass (CommentRejected, AccountRejected, ConsultationNotFound …); views put
``reason`` on ``field`` with ServiceForm.show_rejection, or flash it. ``reason`` is usually a lazily
translated message. hoering.errors answers Missing with a 404 page.
"""


class Rejected(ValueError):
    def __init__(self, field: str | None, reason) -> None:
        super().__init__(str(reason))
        self.field = field
        self.reason = reason


class Missing(LookupError):
    """Nothing answers to that name (a slug, an anchor) where the reader may look."""
