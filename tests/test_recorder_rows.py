"""What one session costs the recorder: a row for each state that really changes.

The recorder stores a row for every state change (of the state or of its
attributes); a write that changes nothing is only "reported" and stores none.
So the state changes of one session are its state rows. Core's timer writes 2
(active, idle). The mat writes a row where a dashboard, the card or the
statistics read a new value, and nothing while the session runs.
"""

from __future__ import annotations

from collections import Counter

from freezegun.api import FrozenDateTimeFactory
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)

from custom_components.acupressure_mat.const import CONF_SLEEP_SCORE_SENSOR, DOMAIN
from homeassistant.components.recorder import history
from homeassistant.components.recorder.core import Recorder
from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback

from .conftest import EVENING, async_setup_mat, let_time_pass

SESSION = "sensor.bedroom_mat_session"
SLEEP_EFFECT = "sensor.bedroom_mat_sleep_effect"
NEXT_SESSION_START = "sensor.bedroom_mat_next_session_start"
SLEEP_SCORE = "sensor.withings_sleep_score"

# The start and the end of a session, entity by entity; each is a new value.
ROWS_OF_A_SESSION = {
    SESSION: 2,  # running, idle
    "sensor.bedroom_mat_session_end": 2,  # the end, unknown
    "calendar.bedroom_mat_sessions": 2,  # on, off
    "event.bedroom_mat_activity": 2,  # started, completed
    "sensor.bedroom_mat_last_session_end": 1,
    "sensor.bedroom_mat_total_minutes": 1,  # statistics
    "sensor.bedroom_mat_session_count": 1,  # statistics
    "sensor.bedroom_mat_streak": 1,  # one more evening
}


async def _session_writes(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> Counter[str]:
    """The state changes of one 20 minute session, by entity, minute by minute."""
    writes: Counter[str] = Counter()

    @callback
    def _changed(event: Event[EventStateChangedData]) -> None:
        writes[event.data["entity_id"]] += 1

    unsubscribe = hass.bus.async_listen(EVENT_STATE_CHANGED, _changed)
    await hass.services.async_call(
        DOMAIN,
        "start_session",
        {"duration": 20},
        target={"entity_id": SESSION},
        blocking=True,
    )
    for _ in range(20):
        await let_time_pass(hass, freezer, 1)
    unsubscribe()
    return writes


async def test_a_session_writes_a_row_per_new_value(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """The second evening's session (the first rows are behind): its exact rows."""
    freezer.move_to(EVENING)
    await async_setup_mat(hass)
    await _session_writes(hass, freezer)
    await let_time_pass(hass, freezer, 24 * 60 - 20)

    writes = await _session_writes(hass, freezer)

    assert dict(writes) == ROWS_OF_A_SESSION
    assert sum(writes.values()) == 12


async def test_a_running_session_writes_nothing(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Between the start and the end no state changes, not even an attribute."""
    await async_setup_mat(hass)
    await hass.services.async_call(
        DOMAIN,
        "start_session",
        {"duration": 20},
        target={"entity_id": SESSION},
        blocking=True,
    )
    changes: list[str] = []

    @callback
    def _changed(event: Event[EventStateChangedData]) -> None:
        changes.append(event.data["entity_id"])

    unsubscribe = hass.bus.async_listen(EVENT_STATE_CHANGED, _changed)
    for _ in range(19 * 60):
        await let_time_pass(hass, freezer, seconds=1)
    unsubscribe()

    assert changes == []


async def test_what_only_the_card_reads_is_not_recorded(
    recorder_mock: Recorder, hass: HomeAssistant
) -> None:
    """The sleep effect's band and verdict, the start's minutes: shown, not kept."""
    # A sleep score sensor enables the sleep effect.
    hass.states.async_set(SLEEP_SCORE, "80")
    await async_setup_mat(hass, **{CONF_SLEEP_SCORE_SENSOR: SLEEP_SCORE})
    await async_wait_recording_done(hass)
    live = {
        entity_id: hass.states.get(entity_id)
        for entity_id in (SLEEP_EFFECT, NEXT_SESSION_START)
    }
    assert {"band_low", "band_high", "method", "verdict"} <= set(
        live[SLEEP_EFFECT].attributes
    )

    recorded = await recorder_mock.async_add_executor_job(
        history.get_last_state_changes, hass, 1, SLEEP_EFFECT
    ) | await recorder_mock.async_add_executor_job(
        history.get_last_state_changes, hass, 1, NEXT_SESSION_START
    )

    assert set(recorded[SLEEP_EFFECT][0].attributes) == set(
        live[SLEEP_EFFECT].attributes
    ) - {"band_low", "band_high", "method", "verdict"}
    assert "recommended_minutes" in live[NEXT_SESSION_START].attributes
    assert "recommended_minutes" not in recorded[NEXT_SESSION_START][0].attributes
    assert "based_on" in recorded[NEXT_SESSION_START][0].attributes
