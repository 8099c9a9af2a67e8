"""Saved options apply in place: no entity reloads, a running session goes on.

Before, every save reloaded the mat: each of its entities became unavailable
and came back, about 27 logbook lines that buried the real history.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat.const import CONF_SLEEP_DURATION_SENSOR, DOMAIN
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import (
    ATTR_UNIT_OF_MEASUREMENT,
    EVENT_STATE_CHANGED,
    STATE_UNAVAILABLE,
)
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util

from .conftest import ENTRY_ID, async_setup_mat, let_time_pass

pytestmark = pytest.mark.usefixtures("demo_lights")

SESSION = "sensor.bedroom_mat_session"
SESSION_END = "sensor.bedroom_mat_session_end"
CEILING = "light.ceiling_lights"
KITCHEN = "light.kitchen_lights"
SLEEP_DURATION = "sensor.withings_sleep_duration"
# 20:00 in Home Assistant's time zone (US/Pacific in tests).
EVENING = datetime(2026, 3, 10, 20, 0, tzinfo=dt_util.get_time_zone("US/Pacific"))


async def _save_options(
    hass: HomeAssistant, entry: MockConfigEntry, **changes: Any
) -> None:
    """Save the options form as a user does: every field as shown, some changed."""
    form = await hass.config_entries.options.async_init(entry.entry_id)
    wanted = {**entry.options, **changes}
    user_input = {
        str(section_key): {
            str(key): wanted[str(key)]
            for key in form_section.schema.schema
            if str(key) in wanted
        }
        for section_key, form_section in form["data_schema"].schema.items()
    }
    result = await hass.config_entries.options.async_configure(
        form["flow_id"], user_input
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY, result
    assert {key: entry.options.get(key) for key in changes} == changes


def _brightness(hass: HomeAssistant, entity_id: str) -> int | None:
    brightness: int | None = hass.states.get(entity_id).attributes.get("brightness")
    return brightness


async def test_a_running_session_is_untouched_by_saved_options(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    entity_registry: er.EntityRegistry,
) -> None:
    """Lights stay dimmed, the end stays, no entity goes unavailable; next time, new."""
    freezer.move_to(EVENING)
    entry = await async_setup_mat(hass, lights=[CEILING], brightness_pct=20)
    ceiling, kitchen = _brightness(hass, CEILING), _brightness(hass, KITCHEN)
    await hass.services.async_call(
        DOMAIN,
        "start_session",
        {"duration": 20},
        target={"entity_id": SESSION},
        blocking=True,
    )
    await hass.async_block_till_done()
    await let_time_pass(hass, freezer, minutes=5)
    assert _brightness(hass, CEILING) == 51
    end = hass.states.get(SESSION_END).state
    mat_entities = {
        e.entity_id
        for e in er.async_entries_for_config_entry(entity_registry, ENTRY_ID)
    }
    changes: list[Event[EventStateChangedData]] = []

    @callback
    def _mat_changed(event: Event[EventStateChangedData]) -> None:
        if event.data["entity_id"] in mat_entities:
            changes.append(event)

    hass.bus.async_listen(EVENT_STATE_CHANGED, _mat_changed)

    await _save_options(hass, entry, lights=[CEILING, KITCHEN], brightness_pct=60)

    assert entry.state is ConfigEntryState.LOADED
    assert changes == []
    assert not [
        s
        for s in hass.states.async_all()
        if s.entity_id in mat_entities
        if s.state == STATE_UNAVAILABLE
    ]
    assert hass.states.get(SESSION).state == "running"
    assert hass.states.get(SESSION_END).state == end
    assert _brightness(hass, CEILING) == 51
    assert _brightness(hass, KITCHEN) == kitchen

    # The session ends as planned and puts back what it dimmed.
    await let_time_pass(hass, freezer, minutes=15)
    assert hass.states.get(SESSION).state == "idle"
    assert _brightness(hass, CEILING) == ceiling

    # The next session takes the new options: both lights, at 60 %.
    await hass.services.async_call(
        DOMAIN,
        "start_session",
        {"duration": 20},
        target={"entity_id": SESSION},
        blocking=True,
    )
    await hass.async_block_till_done()
    assert (_brightness(hass, CEILING), _brightness(hass, KITCHEN)) == (153, 153)


async def test_a_new_sleep_sensor_is_followed_at_once(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A sleep sensor chosen now files the next morning's figure, no reload needed."""
    freezer.move_to(EVENING)
    minutes = {ATTR_UNIT_OF_MEASUREMENT: "min"}
    hass.states.async_set(SLEEP_DURATION, "400", minutes)
    entry = await async_setup_mat(hass)

    await _save_options(hass, entry, **{CONF_SLEEP_DURATION_SENSOR: SLEEP_DURATION})
    await let_time_pass(hass, freezer, hours=11)
    hass.states.async_set(SLEEP_DURATION, "430", minutes)
    await hass.async_block_till_done()

    history = entry.runtime_data.engine.history
    assert {
        evening.isoformat(): night.duration_minutes
        for evening, night in history.nights.items()
    } == {"2026-03-10": 430}
    assert entry.state is ConfigEntryState.LOADED
