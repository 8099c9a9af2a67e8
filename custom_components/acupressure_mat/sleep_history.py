"""The nights of sleep the recorder already holds, for seeding a new sleep entity.

The recorder keeps changes only, but a sensor back from unavailable with its old
value is a change there too: the same rule as live reports applies.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Final

from homeassistant.components.recorder import history as recorder_history
from homeassistant.core import HomeAssistant, State
from homeassistant.helpers.recorder import get_instance
from homeassistant.util import dt as dt_util

from .sleep_nights import NightFiler
from .sleep_readings import has_value

SEED_DAYS: Final = 60


def _recorded_states(
    hass: HomeAssistant, entity_ids: list[str], start: datetime
) -> list[State]:
    """The entities' recorded states since start, oldest first (runs in the recorder).

    Each entity's list starts with its state at start, where there is one: that
    state was its sensor's value before the window.
    """
    states = [
        state
        for entity_id in entity_ids
        for state in recorder_history.state_changes_during_period(
            hass, start, entity_id=entity_id, include_start_time_state=True
        ).get(entity_id, [])
    ]
    states.sort(key=lambda state: state.last_updated)
    return states


async def async_recorded_states(
    hass: HomeAssistant, entity_ids: list[str]
) -> tuple[datetime, list[State]]:
    """The start of the last SEED_DAYS and the entities' recorded states since."""
    start = dt_util.utcnow() - timedelta(days=SEED_DAYS)
    states = await get_instance(hass).async_add_executor_job(
        _recorded_states, hass, entity_ids, start
    )
    return start, states


def recorded_nights(
    states: list[State], start: datetime, fields: dict[str, list[str]]
) -> tuple[dict[date, dict[str, Any]], dict[str, str]]:
    """The nights recorded states file since start, and each entity's last state.

    fields names the night figures each entity feeds.
    """
    filer = NightFiler()
    last_states: dict[str, str] = {}
    nights: dict[date, dict[str, Any]] = {}
    # Oldest first, so a later report of the same night wins.
    for state in states:
        if state.last_updated > start:
            filed = filer.readings(
                state,
                fields[state.entity_id],
                state.last_updated,
                last_states.get(state.entity_id),
            )
            for evening, values in filed.items():
                nights.setdefault(evening, {}).update(values)
        if has_value(state):
            last_states[state.entity_id] = state.state
    return nights, last_states
