"""What every form in hoering shares: clean input, and a service's rejection where the user will see it."""
from flask_wtf import FlaskForm

from hoering.markup import clean_text


def unix_line_breaks(value):
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


class ServiceForm(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            """Every field drops control characters first: they can break storage and display. Line
            breaks are stored as "\n", whatever the browser sent ("\r\n" from every textarea)."""
            filters = [clean_text, unix_line_breaks, *unbound_field.kwargs.get("filters", ())]
            return unbound_field.bind(form=form, **{**options, "filters": filters})

    def show_rejection(self, rejection) -> None:
        """Put a service's rejection (``field``, ``reason``) on the field it names, or on the form."""
        target = getattr(self, rejection.field, None) if rejection.field else None
        if target is not None:
            target.errors = list(target.errors) + [rejection.reason]
        else:
            self.form_errors.append(rejection.reason)
