"""Debug logging that helps: each decision the mat makes, once, and why.

With `custom_components.acupressure_mat: debug` in the logger settings, a
session, an options change and a morning's sleep reports read as a story of
what the mat decided.
"""

from __future__ import annotations

from datetime import datetime, timedelta
import logging

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import async_fire_time_changed

from custom_components.acupressure_mat.const import (
    CONF_LIGHTS,
    CONF_SLEEP_DURATION_SENSOR,
    DOMAIN,
)
from homeassistant.const import ATTR_UNIT_OF_MEASUREMENT
from homeassistant.core import HomeAssistant
from homeassistant.util import dt as dt_util

from .conftest import async_setup_mat

pytestmark = pytest.mark.usefixtures("demo_lights")

SESSION = "sensor.bedroom_mat_session"
SLEEP_DURATION = "sensor.withings_sleep_duration"
EVENING = datetime(2026, 3, 10, 20, 0, tzinfo=dt_util.get_time_zone("US/Pacific"))


@pytest.fixture
def debug_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """The integration's log at debug level, as the README says to turn it on."""
    caplog.set_level(logging.DEBUG, logger="custom_components.acupressure_mat")
    return caplog


def _lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name.startswith("custom_components.acupressure_mat")
    ]


async def _session(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    await hass.services.async_call(
        DOMAIN,
        "start_session",
        {"duration": 15},
        target={"entity_id": SESSION},
        blocking=True,
    )
    freezer.tick(timedelta(minutes=15))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


async def test_a_session_logs_what_it_did_with_each_light(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    debug_log: pytest.LogCaptureFixture,
) -> None:
    """Each light: dimmed, left off or skipped, and why; put back, and how."""
    freezer.move_to(EVENING)
    lights = ["light.ceiling_lights", "light.bed_light", "light.porch"]
    entry = await async_setup_mat(hass, lights=lights)

    await _session(hass, freezer)

    lines = _lines(debug_log)
    for line in (
        "Bedroom mat: light.ceiling_lights will be dimmed to brightness 51, "
        "its color kept (no color temperature chosen)",
        "Bedroom mat: light.bed_light is off; it stays off",
        "Bedroom mat: light.porch skipped: missing or unavailable",
        "Bedroom mat: repair issue raised for light.porch (option lights)",
        "Bedroom mat: session "
        f"{entry.runtime_data.engine.history.latest.id} ends by itself "
        "(its time is up)",
        "Bedroom mat: light.ceiling_lights after the session: restored as it was",
        "Bedroom mat: announcing announcement_completed on speakers none, "
        "satellites none",
        "Bedroom mat: no speaker or satellite said it; notifying nobody (none chosen)",
        "Bedroom mat: no reminder: no occupancy sensor chosen",
    ):
        assert lines.count(line) == 1, (line, lines)


async def test_an_options_change_logs_what_it_applied(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    debug_log: pytest.LogCaptureFixture,
) -> None:
    """Options applied in place; an issue of an entity no longer chosen withdrawn."""
    freezer.move_to(EVENING)
    entry = await async_setup_mat(hass, lights=["light.porch"])
    await _session(hass, freezer)

    hass.config_entries.async_update_entry(
        entry, options={CONF_LIGHTS: ["light.ceiling_lights"]}
    )
    await hass.async_block_till_done()

    lines = _lines(debug_log)
    assert "Bedroom mat: options applied without reloading" in lines
    assert (
        "Bedroom mat: repair issue for light.porch withdrawn (no longer chosen)"
        in lines
    )


async def test_sleep_reports_log_what_was_filed_or_ignored_and_why(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    debug_log: pytest.LogCaptureFixture,
) -> None:
    """A figure outside the morning, in a wrong unit, unchanged, or filed."""
    freezer.move_to(EVENING)
    minutes = {ATTR_UNIT_OF_MEASUREMENT: "min"}
    hass.states.async_set(SLEEP_DURATION, "400", minutes)
    await async_setup_mat(hass, **{CONF_SLEEP_DURATION_SENSOR: SLEEP_DURATION})

    hass.states.async_set(SLEEP_DURATION, "410", minutes)
    freezer.tick(timedelta(hours=11))
    hass.states.async_set(SLEEP_DURATION, "7", {ATTR_UNIT_OF_MEASUREMENT: "d"})
    hass.states.async_set(SLEEP_DURATION, "430", minutes)
    hass.states.async_set(SLEEP_DURATION, "430", minutes, force_update=True)
    await hass.async_block_till_done()

    lines = _lines(debug_log)
    for line in (
        "duration_minutes '410' of sensor.withings_sleep_duration ignored: "
        "reported outside the morning window (03:00:00-15:00:00)",
        "duration_minutes '7' of sensor.withings_sleep_duration ignored: "
        "unit d is not s, min or h",
        "duration_minutes 430.0 filed for the night of 2026-03-10: a new value",
        "Bedroom mat: night of 2026-03-10: {'duration_minutes': 430.0}",
    ):
        assert line in lines, (line, lines)
