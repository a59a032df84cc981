"""Staff accounts: strong password hashes, roles, and an audit entry for every change."""
import pytest
import sqlalchemy as sa

from hoering.accounts import services
from hoering.audit.models import AuditEntry
from hoering.extensions import db


def test_passwords_are_stored_as_scrypt_hashes_and_checked(app):
    user = services.create_user("Kari@Fjordvik.example.no", "Kari", "riktig hest batteri stift", ["planner"])
    assert user.email == "kari@fjordvik.example.no"
    assert user.password_hash.startswith("scrypt:")
    assert services.authenticate("KARI@fjordvik.example.no", "riktig hest batteri stift") == user
    assert services.authenticate("kari@fjordvik.example.no", "feil") is None
    assert services.authenticate("ukjent@fjordvik.example.no", "riktig hest batteri stift") is None


def test_an_inactive_user_cannot_log_in(app):
    admin = services.create_user("admin@fjordvik.example.no", "Admin", "et langt nok passord", ["admin"])
    user = services.create_user("per@fjordvik.example.no", "Per", "et langt nok passord", ["moderator"])
    services.update_user(user, ["moderator"], active=False, actor=admin)
    assert services.authenticate("per@fjordvik.example.no", "et langt nok passord") is None


@pytest.mark.parametrize(
    "email, password, roles, field",
    [
        ("ikke-en-adresse", "et langt nok passord", ["planner"], "email"),
        ("ny@fjordvik.example.no", "kort", ["planner"], "password"),
        ("ny@fjordvik.example.no", "et langt nok passord", ["sjef"], "roles"),
    ],
)
def test_bad_account_input_is_refused_with_the_field_to_blame(app, email, password, roles, field):
    with pytest.raises(services.AccountRejected) as rejected:
        services.create_user(email, "Ny", password, roles)
    assert rejected.value.field == field


def test_the_same_email_cannot_be_used_twice(app):
    services.create_user("kari@fjordvik.example.no", "Kari", "et langt nok passord", ["planner"])
    with pytest.raises(services.AccountRejected):
        services.create_user("KARI@fjordvik.example.no", "Kari 2", "et langt nok passord", ["planner"])


def test_a_user_can_hold_several_roles_and_changes_are_audited(app):
    admin = services.create_user("admin@fjordvik.example.no", "Admin", "et langt nok passord", ["admin"])
    user = services.create_user("kari@fjordvik.example.no", "Kari", "et langt nok passord", ["planner"], actor=admin)
    services.update_user(user, ["planner", "caseworker"], active=True, actor=admin)
    assert user.roles == {"planner", "caseworker"}
    entries = list(db.session.scalars(sa.select(AuditEntry).where(AuditEntry.target_id == str(user.id))))
    assert [(e.action, e.actor) for e in entries] == [
        ("user.create", "admin@fjordvik.example.no"),
        ("user.update", "admin@fjordvik.example.no"),
    ]
    assert entries[1].before["roles"] == ["planner"] and entries[1].after["roles"] == ["caseworker", "planner"]
    assert "password_hash" not in entries[0].after


def test_an_admin_cannot_lock_themselves_out(app):
    admin = services.create_user("admin@fjordvik.example.no", "Admin", "et langt nok passord", ["admin"])
    with pytest.raises(services.AccountRejected):
        services.update_user(admin, ["planner"], active=True, actor=admin)
    with pytest.raises(services.AccountRejected):
        services.update_user(admin, ["admin"], active=False, actor=admin)
    assert admin.roles == {"admin"} and admin.active


def test_flask_users_create_makes_a_staff_user_with_roles(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "create", "Per@Fjordvik.example.no", "--role", "planner", "--role",
                                 "moderator", "--name", "Per", "--password", "et langt nok passord"])
    assert result.exit_code == 0, result.output
    assert services.find_user("per@fjordvik.example.no").roles == {"planner", "moderator"}
    refused = runner.invoke(args=["users", "create", "kort@fjordvik.example.no", "--role", "planner",
                                  "--password", "kort"])
    assert refused.exit_code != 0 and "minst 12 tegn" in refused.output
    assert services.find_user("kort@fjordvik.example.no") is None


def test_a_session_belongs_to_the_user_only_while_its_token_is_current(app):
    user = services.create_user("kari@fjordvik.example.no", "Kari", "et langt nok passord", ["planner"])
    session_id = user.get_id()
    assert services.load_user(session_id) == user
    services.log_out(user)
    assert services.load_user(session_id) is None
    assert services.load_user(user.get_id()) == user
    for forged in [str(user.id), f"{user.id}:", f"{user.id}:feil", "x:y", ""]:
        assert services.load_user(forged) is None, forged


def test_a_new_password_is_checked_logged_without_the_password_and_ends_sessions(app):
    admin = services.create_user("admin@fjordvik.example.no", "Admin", "et langt nok passord", ["admin"])
    user = services.create_user("kari@fjordvik.example.no", "Kari", "et langt nok passord", ["planner"])
    session_id = user.get_id()
    with pytest.raises(services.AccountRejected):
        services.set_password(user, "kort", actor=admin)
    services.set_password(user, "et helt nytt passord", actor=admin)
    assert services.load_user(session_id) is None
    assert services.authenticate("kari@fjordvik.example.no", "et helt nytt passord") == user
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.action == "user.password"))
    assert entry.actor == "admin@fjordvik.example.no" and "passord" not in str(entry.before) + str(entry.after)


def test_flask_users_set_password_gives_a_new_password(app):
    services.create_user("per@fjordvik.example.no", "Per", "et langt nok passord", ["planner"])
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "set-password", "per@fjordvik.example.no", "--password",
                                 "et helt nytt passord"])
    assert result.exit_code == 0, result.output
    assert services.authenticate("per@fjordvik.example.no", "et helt nytt passord") is not None
    unknown = runner.invoke(args=["users", "set-password", "ukjent@fjordvik.example.no", "--password",
                                  "et helt nytt passord"])
    assert unknown.exit_code != 0
