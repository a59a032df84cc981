"""Every route declares who may use it; a route without a rule is a bug the test suite finds.

``@public`` marks a page anyone may see. ``@requires(ROLE, ...)`` lets in a logged-in user holding
any of the roles (admins hold every right); ``@requires()`` with no role lets in any logged-in staff
member. Anonymous visitors are sent to the login page, staff without the role get 403. The rule is
kept on the view function as ``access_rule`` so the route-walking test can read it.
"""
from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user

from hoering.accounts.models import ADMIN
from hoering.extensions import login_manager

PUBLIC = frozenset({"public"})
ANY_STAFF = frozenset({"any staff"})


def public(view):
    view.access_rule = PUBLIC
    return view


def requires(*roles: str):
    allowed = frozenset(roles) | {ADMIN} if roles else ANY_STAFF

    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if allowed is not ANY_STAFF and not current_user.has_any_role(allowed):
                abort(403)
            return view(*args, **kwargs)

        guarded.access_rule = allowed
        return guarded

    return decorate
