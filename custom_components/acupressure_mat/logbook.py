"""Logbook lines for mat sessions: one each for a start, an end and a rating."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from homeassistant.components.logbook.const import (
    LOGBOOK_ENTRY_ENTITY_ID,
    LOGBOOK_ENTRY_MESSAGE,
    LOGBOOK_ENTRY_NAME,
)
from homeassistant.const import ATTR_ENTITY_ID, CONF_NAME
from homeassistant.core import Event, HomeAssistant, callback

from .const import (
    DOMAIN,
    EVENT_SESSION_ENDED,
    EVENT_SESSION_RATED,
    EVENT_SESSION_STARTED,
    OUTCOME_COMPLETED,
)


def _minutes(value: float) -> str:
    return f"{value:g} minute" if value == 1 else f"{value:g} minutes"


def _started(data: dict[str, Any]) -> str:
    return f"started a {data['minutes']:g} minute {data['body_area']} session"


def _ended(data: dict[str, Any]) -> str:
    minutes = _minutes(data["minutes"])
    if data.get("false_start"):
        return f"stopped the session after {minutes} (a false start, not logged)"
    if data["outcome"] == OUTCOME_COMPLETED:
        message = f"completed {minutes}"
    else:
        message = f"stopped early after {minutes} of {data['planned_minutes']}"
    if data.get("ended_while_offline"):
        message += " (ended while Home Assistant was off)"
    return message


def _rated(data: dict[str, Any]) -> str:
    return f"rated the session {data['rating']} out of 5"


_MESSAGES: dict[str, Callable[[dict[str, Any]], str]] = {
    EVENT_SESSION_STARTED: _started,
    EVENT_SESSION_ENDED: _ended,
    EVENT_SESSION_RATED: _rated,
}


@callback
def async_describe_events(
    hass: HomeAssistant,
    async_describe_event: Callable[[str, str, Callable[[Event], dict[str, str]]], None],
) -> None:
    """Describe the mat's bus events in plain words."""

    @callback
    def describe(event: Event) -> dict[str, str]:
        data = dict(event.data)
        return {
            LOGBOOK_ENTRY_NAME: data[CONF_NAME],
            LOGBOOK_ENTRY_MESSAGE: _MESSAGES[str(event.event_type)](data),
            LOGBOOK_ENTRY_ENTITY_ID: data[ATTR_ENTITY_ID],
        }

    for event_type in _MESSAGES:
        async_describe_event(DOMAIN, event_type, describe)
