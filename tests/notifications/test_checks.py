"""The settings check of NOTIFICATIONS_REQUIRED_CHANNELS."""

from __future__ import annotations

import pytest

from notifications.checks import required_channels_are_known
from tests.notifications.conftest import PING


@pytest.mark.parametrize("entry", [f"{PING}:email", f"{PING}:robot"])
def test_a_known_event_and_channel_passes(settings, entry):
    settings.NOTIFICATIONS_REQUIRED_CHANNELS = [entry]
    assert required_channels_are_known() == []


@pytest.mark.parametrize("entry", [f"{PING}:sms", "no_such_event:email", PING, ""])
def test_an_unknown_event_or_channel_is_an_error_naming_the_entry(settings, entry):
    settings.NOTIFICATIONS_REQUIRED_CHANNELS = [entry]
    [error] = required_channels_are_known()
    assert error.id == "notifications.E001" and repr(entry) in error.msg
