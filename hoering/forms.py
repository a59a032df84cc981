"""What every form in hoering shares: putting a service's rejection where the user will see it."""
from flask_wtf import FlaskForm


class ServiceForm(FlaskForm):
    def show_rejection(self, rejection) -> None:
        """Put a service's rejection (``field``, ``reason``) on the field it names, or on the form."""
        target = getattr(self, rejection.field, None) if rejection.field else None
        if target is not None:
            target.errors = list(target.errors) + [rejection.reason]
        else:
            self.form_errors.append(rejection.reason)
