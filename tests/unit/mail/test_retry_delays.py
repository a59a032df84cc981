"""MAIL_RETRY_DELAYS: the waits before each further attempt after a transient failure."""
import pytest

from hoering.config import retry_delays_from, settings_from


def test_the_default_is_four_attempts_in_all():
    assert settings_from({})["MAIL_RETRY_DELAYS"] == (10, 60, 300)


@pytest.mark.parametrize("value, delays", [("0,0", (0, 0)), (" 5 , 30 ", (5, 30)), ("", ())])
def test_the_setting_is_read_as_seconds(value, delays):
    assert retry_delays_from(value) == delays


@pytest.mark.parametrize("value", ["10,-1", "ti sekunder"])
def test_a_setting_that_makes_no_sense_stops_the_start(value):
    with pytest.raises(ValueError):
        retry_delays_from(value)


def test_without_mail_server_nothing_is_sent_and_the_outbox_is_in_the_instance_folder():
    settings = settings_from({})
    assert settings["MAIL_SERVER"] == "" and settings["MAIL_OUTBOX"].endswith("instance/outbox")
    assert settings_from({"MAIL_USE_TLS": "true"})["MAIL_USE_TLS"] is True
