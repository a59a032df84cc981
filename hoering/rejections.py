"""The one shape of a refusal a service gives: which form field is to blame, and why, in words.

Services raise a subclass (CommentRejected, AccountRejected …); views put ``reason`` on ``field``
with ServiceForm.show_rejection, or flash it. ``reason`` is usually a lazily translated message.
"""


class Rejected(ValueError):
    def __init__(self, field: str | None, reason) -> None:
        super().__init__(str(reason))
        self.field = field
        self.reason = reason
