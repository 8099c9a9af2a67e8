"""The logbook's story of a session: one plain line for each thing that happened.

Each line is the description of one of the mat's bus events. The events carry
the context of the call that caused them, so the logbook names the user or the
automation behind each line. The sentences are whole templates under "common"
in strings.json (see texts.py), read in Home Assistant's language.
"""

from __future__ import annotations

from collections.abc import Callable
import math
from typing import Any, Final

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
    EVENT_SESSION_EXTENDED,
    EVENT_SESSION_PAUSED,
    EVENT_SESSION_RATED,
    EVENT_SESSION_REMINDER,
    EVENT_SESSION_RESUMED,
    EVENT_SESSION_STARTED,
    MAX_PAUSE,
    OUTCOME_COMPLETED,
)
from .texts import text

# A stop this soon after the start is told without a count of seconds.
AT_ONCE_SECONDS: Final = 10

type Line = tuple[str, dict[str, object]]


def _started(data: dict[str, Any]) -> Line:
    # One sentence per body area, so each language can say it its own way.
    return f"logbook_started_{data['body_area']}", {"minutes": data["minutes"]}


def _paused(data: dict[str, Any]) -> Line:
    return "logbook_paused", {"minutes": math.ceil(data["minutes"])}


def _resumed(data: dict[str, Any]) -> Line:
    return "logbook_resumed", {"minutes": math.ceil(data["minutes"])}


def _extended(data: dict[str, Any]) -> Line:
    return "logbook_extended", {
        "added": data["added_minutes"],
        "minutes": data["minutes"],
    }


def _ended(data: dict[str, Any]) -> Line:
    if data.get("false_start"):
        seconds = data["seconds"]
        if seconds < AT_ONCE_SECONDS:
            return "logbook_false_start_at_once", {}
        return "logbook_false_start", {"seconds": seconds}
    minutes = round(data["minutes"])
    if data.get("paused_too_long"):
        return "logbook_paused_too_long", {
            "pause_limit": int(MAX_PAUSE.total_seconds() // 60),
            "minutes": minutes,
            "planned": data["planned_minutes"],
        }
    if data["outcome"] == OUTCOME_COMPLETED:
        if data.get("ended_while_offline"):
            return "logbook_completed_offline", {"minutes": minutes}
        return "logbook_completed", {"minutes": minutes}
    return "logbook_stopped_early", {
        "minutes": minutes,
        "planned": data["planned_minutes"],
    }


def _rated(data: dict[str, Any]) -> Line:
    return "logbook_rated", {"rating": data["rating"]}


def _reminder(_data: dict[str, Any]) -> Line:
    return "logbook_reminder", {}


LINES: Final[dict[str, Callable[[dict[str, Any]], Line]]] = {
    EVENT_SESSION_STARTED: _started,
    EVENT_SESSION_PAUSED: _paused,
    EVENT_SESSION_RESUMED: _resumed,
    EVENT_SESSION_EXTENDED: _extended,
    EVENT_SESSION_ENDED: _ended,
    EVENT_SESSION_RATED: _rated,
    EVENT_SESSION_REMINDER: _reminder,
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
        key, placeholders = LINES[str(event.event_type)](data)
        return {
            LOGBOOK_ENTRY_NAME: data[CONF_NAME],
            LOGBOOK_ENTRY_MESSAGE: text(hass, key, **placeholders),
            LOGBOOK_ENTRY_ENTITY_ID: data[ATTR_ENTITY_ID],
        }

    for event_type in LINES:
        async_describe_event(DOMAIN, event_type, describe)
