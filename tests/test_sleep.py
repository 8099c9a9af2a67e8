"""Sleep entities filed under the right night, whatever their source."""

from __future__ import annotations

from collections.abc import Generator
from datetime import date, datetime, time, timedelta
from typing import Any
from unittest.mock import MagicMock

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    async_fire_time_changed,
    mock_config_flow,
)
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)

from custom_components.acupressure_mat.const import (
    CONF_SLEEP_DURATION_SENSOR,
    CONF_SLEEP_LATENCY_SENSOR,
    CONF_SLEEP_SCORE_SENSOR,
    CONF_SLEEP_START_ENTITY,
    DOMAIN,
)
from custom_components.acupressure_mat.history import SLEEP_SAVE_DELAY, SessionHistory
from custom_components.acupressure_mat.models import SleepNight
from homeassistant.components.recorder.core import Recorder
from homeassistant.config_entries import ConfigEntryState, ConfigFlow
from homeassistant.const import (
    ATTR_UNIT_OF_MEASUREMENT,
    EVENT_HOMEASSISTANT_FINAL_WRITE,
    STATE_UNAVAILABLE,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from .conftest import ENTRY_ID, mat_entry
from .devices import sleep_tracker
from .devices.sleep_tracker import POLL_INTERVAL, SLEEP_CLOUD, Night, SleepCloud

DURATION = "sensor.withings_sleep_duration"
SCORE = "sensor.withings_sleep_score"
LATENCY = "sensor.withings_time_to_sleep"
START = "sensor.fitbit_sleep_start"
START_EVENT = "event.sleep_as_android_sleep_tracking"

ALL_SENSORS = {
    CONF_SLEEP_DURATION_SENSOR: DURATION,
    CONF_SLEEP_SCORE_SENSOR: SCORE,
    CONF_SLEEP_LATENCY_SENSOR: LATENCY,
}
# Amsterdam is at +01:00 in March until the 29th.
AMSTERDAM = "Europe/Amsterdam"
TODAY = date(2026, 3, 10)
LAST_EVENING = date(2026, 3, 9)
SECONDS = {ATTR_UNIT_OF_MEASUREMENT: "s"}
MINUTES = {ATTR_UNIT_OF_MEASUREMENT: "min"}
HISTORY_KEY = f"{DOMAIN}.{ENTRY_ID}.history"

TRACKER = {
    CONF_SLEEP_DURATION_SENSOR: sleep_tracker.DURATION,
    CONF_SLEEP_SCORE_SENSOR: sleep_tracker.SCORE,
    CONF_SLEEP_LATENCY_SENSOR: sleep_tracker.LATENCY,
}
# 7 h, score 80, 10 minutes to fall asleep.
NIGHT = Night(duration_seconds=25200, score=80, latency_seconds=600)
NIGHT_FILED = SleepNight(duration_minutes=420, score=80, latency_minutes=10)
DAY_BEFORE = LAST_EVENING - timedelta(days=1)


@pytest.fixture
def cloud() -> Generator[SleepCloud]:
    """A sleep tracker's cloud account, its integration ready to set up."""
    with mock_config_flow(SLEEP_CLOUD, ConfigFlow):
        yield SleepCloud()


def _history_writes() -> int:
    """How often the mat's history file was written so far."""
    write: MagicMock = Store._async_write_data  # type: ignore[assignment]
    return sum(1 for call in write.call_args_list if call.args[0].key == HISTORY_KEY)


async def _poll_until(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, day: date, clock: str
) -> None:
    """Let the tracker poll once a minute until a local time."""
    until = datetime.combine(
        day, time.fromisoformat(clock), tzinfo=dt_util.get_default_time_zone()
    )
    while dt_util.utcnow() < until:
        freezer.tick(POLL_INTERVAL)
        async_fire_time_changed(hass)
        await hass.async_block_till_done()


async def _tracker_with_a_filed_night(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, cloud: SleepCloud
) -> SessionHistory:
    """The tracker syncs the night after DAY_BEFORE at 07:00 and the mat files it."""
    await _at(hass, freezer, LAST_EVENING, "06:50")
    await sleep_tracker.async_setup_sleep_tracker(hass, cloud)
    history = await _set_up_mat(hass, TRACKER)
    cloud.sync(NIGHT)
    await _poll_until(hass, freezer, LAST_EVENING, "07:05")
    assert history.nights == {DAY_BEFORE: NIGHT_FILED}
    return history


async def _set_up_mat(hass: HomeAssistant, options: dict[str, Any]) -> SessionHistory:
    entry = mat_entry(entry_id=ENTRY_ID, **options)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done(wait_background_tasks=True)
    history: SessionHistory = entry.runtime_data.engine.history
    return history


async def _at(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, day: date, clock: str
) -> None:
    """Travel to a local time in Amsterdam.

    A time zone away from UTC shows that nights are filed by local time. It is
    set here, not in an autouse fixture, which would create hass before the
    recorder fixture.
    """
    if hass.config.time_zone != AMSTERDAM:
        await hass.config.async_set_time_zone(AMSTERDAM)
    freezer.move_to(
        datetime.combine(
            day, time.fromisoformat(clock), tzinfo=dt_util.get_default_time_zone()
        )
    )
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


async def _report(
    hass: HomeAssistant,
    entity_id: str,
    state: str,
    attributes: dict[str, Any] | None = None,
) -> None:
    hass.states.async_set(entity_id, state, attributes)
    await hass.async_block_till_done()


@pytest.mark.parametrize(
    ("option", "entity_id", "state", "unit", "night"),
    [
        # Withings: seconds.
        (
            CONF_SLEEP_DURATION_SENSOR,
            DURATION,
            "25230",
            "s",
            {"duration_minutes": 420.5},
        ),
        # Fitbit, Garmin: minutes.
        (CONF_SLEEP_DURATION_SENSOR, DURATION, "431", "min", {"duration_minutes": 431}),
        (CONF_SLEEP_DURATION_SENSOR, DURATION, "7.25", "h", {"duration_minutes": 435}),
        (CONF_SLEEP_LATENCY_SENSOR, LATENCY, "720", "s", {"latency_minutes": 12}),
        (CONF_SLEEP_LATENCY_SENSOR, LATENCY, "0", "min", {"latency_minutes": 0}),
        (CONF_SLEEP_LATENCY_SENSOR, LATENCY, "0.25", "h", {"latency_minutes": 15}),
        (CONF_SLEEP_SCORE_SENSOR, SCORE, "82", None, {"score": 82}),
        (CONF_SLEEP_SCORE_SENSOR, SCORE, "100", "%", {"score": 100}),
    ],
)
async def test_figures_in_each_unit_file_under_the_evening_before(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    option: str,
    entity_id: str,
    state: str,
    unit: str | None,
    night: dict[str, Any],
) -> None:
    await _at(hass, freezer, TODAY, "02:00")
    history = await _set_up_mat(hass, {option: entity_id})
    await _at(hass, freezer, TODAY, "07:30")

    await _report(hass, entity_id, state, {ATTR_UNIT_OF_MEASUREMENT: unit})

    assert history.nights == {LAST_EVENING: SleepNight(**night)}


async def test_three_sensors_at_different_hours_fill_one_night(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await _at(hass, freezer, TODAY, "01:00")
    history = await _set_up_mat(hass, ALL_SENSORS)

    await _at(hass, freezer, TODAY, "04:00")
    await _report(hass, LATENCY, "900", SECONDS)
    await _at(hass, freezer, TODAY, "07:30")
    await _report(hass, SCORE, "78")
    await _at(hass, freezer, TODAY, "14:00")
    await _report(hass, DURATION, "27000", SECONDS)
    # From 15:00 the figures are not last night's any more.
    await _at(hass, freezer, TODAY, "16:00")
    await _report(hass, DURATION, "3600", SECONDS)
    await _report(hass, SCORE, "20")

    assert history.nights == {
        LAST_EVENING: SleepNight(duration_minutes=450, score=78, latency_minutes=15)
    }


async def test_a_report_before_3_is_not_a_night(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await _at(hass, freezer, TODAY, "00:30")
    history = await _set_up_mat(hass, ALL_SENSORS)

    await _at(hass, freezer, TODAY, "02:59")
    await _report(hass, SCORE, "78")

    assert history.nights == {}


async def test_a_polling_tracker_repeating_last_nights_figures_files_no_night(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, cloud: SleepCloud
) -> None:
    """A night without a measurement: the polls after 03:00 re-write old figures."""
    history = await _tracker_with_a_filed_night(hass, freezer, cloud)
    await _poll_until(hass, freezer, LAST_EVENING, "07:06")
    freezer.tick(timedelta(seconds=SLEEP_SAVE_DELAY))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    writes = _history_writes()
    polls = cloud.polls

    # The tracker was not worn: every poll of the next morning re-writes the same.
    await _at(hass, freezer, TODAY, "02:50")
    await _poll_until(hass, freezer, TODAY, "04:00")
    await _at(hass, freezer, TODAY, "11:00")
    await _poll_until(hass, freezer, TODAY, "11:30")

    state = hass.states.get(sleep_tracker.SCORE)
    assert state.state == "80"
    assert state.last_changed < state.last_reported
    assert cloud.polls - polls > 90
    assert history.nights == {DAY_BEFORE: NIGHT_FILED}
    # Nothing changed, so nothing was written.
    assert _history_writes() == writes


async def test_a_figure_equal_to_last_nights_counts_in_a_measured_night(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, cloud: SleepCloud
) -> None:
    """Another sensor's new value shows the night was measured: the same score counts.

    The tracker writes the unchanged score before the changed duration.
    """
    history = await _tracker_with_a_filed_night(hass, freezer, cloud)
    await _at(hass, freezer, TODAY, "03:30")

    cloud.sync(Night(duration_seconds=27000, score=80, latency_seconds=600))
    await _poll_until(hass, freezer, TODAY, "07:35")

    assert history.nights == {
        DAY_BEFORE: NIGHT_FILED,
        LAST_EVENING: SleepNight(duration_minutes=450, score=80, latency_minutes=10),
    }


async def test_a_night_like_the_one_before_in_every_figure_is_not_filed(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, cloud: SleepCloud
) -> None:
    """Nothing tells it from no measurement at all (the README says so)."""
    history = await _tracker_with_a_filed_night(hass, freezer, cloud)
    await _at(hass, freezer, TODAY, "07:00")

    cloud.sync(NIGHT)
    await _poll_until(hass, freezer, TODAY, "07:10")

    assert history.nights == {DAY_BEFORE: NIGHT_FILED}


async def test_a_tracker_back_from_an_outage_brings_no_new_night(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, cloud: SleepCloud
) -> None:
    """Unavailable overnight, back in the morning with the old figures."""
    history = await _tracker_with_a_filed_night(hass, freezer, cloud)
    cloud.online = False
    await _at(hass, freezer, TODAY, "01:00")
    assert hass.states.get(sleep_tracker.SCORE).state == STATE_UNAVAILABLE

    cloud.online = True
    await _at(hass, freezer, TODAY, "08:00")
    await _poll_until(hass, freezer, TODAY, "08:05")

    state = hass.states.get(sleep_tracker.SCORE)
    assert state.state == "80"
    assert state.last_changed == dt_util.parse_datetime("2026-03-10T07:00:00+00:00")
    assert history.nights == {DAY_BEFORE: NIGHT_FILED}


async def test_a_reloaded_mat_remembers_what_the_sensors_showed(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    cloud: SleepCloud,
    hass_storage: dict[str, Any],
) -> None:
    """After a reload (or a restart) the first poll's old figures are not new."""
    await _tracker_with_a_filed_night(hass, freezer, cloud)
    await _at(hass, freezer, TODAY, "08:00")

    assert await hass.config_entries.async_reload(ENTRY_ID)
    await hass.async_block_till_done()
    await _poll_until(hass, freezer, TODAY, "08:05")

    entry = hass.config_entries.async_get_entry(ENTRY_ID)
    assert entry is not None
    assert entry.runtime_data.engine.history.nights == {DAY_BEFORE: NIGHT_FILED}
    assert hass_storage[HISTORY_KEY]["data"]["sleep_states"] == {
        sleep_tracker.SCORE: "80",
        sleep_tracker.DURATION: "25200",
        sleep_tracker.LATENCY: "600",
    }


async def test_a_polls_figures_are_written_together(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    cloud: SleepCloud,
    hass_storage: dict[str, Any],
) -> None:
    """Three figures of one poll make one write, a few seconds later."""
    await _tracker_with_a_filed_night(hass, freezer, cloud)
    freezer.tick(timedelta(seconds=SLEEP_SAVE_DELAY))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    await _at(hass, freezer, TODAY, "06:59:30")
    writes = _history_writes()

    cloud.sync(Night(duration_seconds=27000, score=74, latency_seconds=900))
    await _poll_until(hass, freezer, TODAY, "07:00")
    assert _history_writes() == writes
    freezer.tick(timedelta(seconds=SLEEP_SAVE_DELAY))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()

    assert _history_writes() == writes + 1
    assert hass_storage[HISTORY_KEY]["data"]["nights"][LAST_EVENING.isoformat()] == {
        "duration_minutes": 450,
        "score": 74,
        "latency_minutes": 15,
        "onset": None,
    }
    await _poll_until(hass, freezer, TODAY, "08:00")
    assert _history_writes() == writes + 1


async def test_figures_waiting_to_be_written_are_written_when_home_assistant_stops(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    hass_storage: dict[str, Any],
) -> None:
    """Home Assistant's final write stage writes what waits, and so does an unload."""
    await _at(hass, freezer, TODAY, "06:00")
    await _set_up_mat(hass, ALL_SENSORS)

    await _report(hass, SCORE, "78")
    assert HISTORY_KEY not in hass_storage
    hass.bus.async_fire(EVENT_HOMEASSISTANT_FINAL_WRITE)
    await hass.async_block_till_done()
    assert (
        hass_storage[HISTORY_KEY]["data"]["nights"][LAST_EVENING.isoformat()]["score"]
        == 78
    )

    await _report(hass, SCORE, "81")
    assert await hass.config_entries.async_unload(ENTRY_ID)
    assert (
        hass_storage[HISTORY_KEY]["data"]["nights"][LAST_EVENING.isoformat()]["score"]
        == 81
    )


async def test_a_changed_figure_replaces_the_nights_earlier_one(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await _at(hass, freezer, TODAY, "06:00")
    history = await _set_up_mat(hass, ALL_SENSORS)
    await _report(hass, SCORE, "70")
    await _at(hass, freezer, TODAY, "09:00")

    await _report(hass, SCORE, "74")

    assert history.nights == {LAST_EVENING: SleepNight(score=74)}


@pytest.mark.parametrize(
    ("entity_id", "state", "attributes"),
    [
        (DURATION, "unknown", SECONDS),
        (DURATION, STATE_UNAVAILABLE, SECONDS),
        (DURATION, "abc", SECONDS),
        (DURATION, "nan", SECONDS),
        (DURATION, "420", {ATTR_UNIT_OF_MEASUREMENT: "km"}),
        (DURATION, "420", {}),
        (DURATION, "-5", MINUTES),
        (DURATION, "0", MINUTES),
        (DURATION, "1441", MINUTES),
        (LATENCY, "-5", MINUTES),
        (LATENCY, "361", MINUTES),
        (SCORE, "101", {}),
        (SCORE, "-5", {}),
        (SCORE, "unknown", {}),
        (SCORE, "inf", {}),
    ],
)
async def test_invalid_states_are_ignored(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    entity_id: str,
    state: str,
    attributes: dict[str, Any],
) -> None:
    await _at(hass, freezer, TODAY, "06:00")
    history = await _set_up_mat(hass, ALL_SENSORS)

    await _report(hass, entity_id, state, attributes)

    assert history.nights == {}


@pytest.mark.parametrize(
    ("clock", "day", "state", "evening"),
    [
        # Fitbit syncs in the morning: last night's start.
        ("07:00", TODAY, "23:10", LAST_EVENING),
        ("07:00", TODAY, "00:40:12", LAST_EVENING),
        # A tracker that reports at bedtime: tonight.
        ("23:30", TODAY, "23:25", TODAY),
        ("01:10", TODAY, "01:05", LAST_EVENING),
        ("16:00", TODAY, "22:50", TODAY),
    ],
)
async def test_sleep_start_as_clock_text(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    clock: str,
    day: date,
    state: str,
    evening: date,
) -> None:
    await _at(hass, freezer, TODAY, "00:00")
    history = await _set_up_mat(hass, {CONF_SLEEP_START_ENTITY: START})
    await _at(hass, freezer, day, clock)

    await _report(hass, START, state)

    assert history.nights == {evening: SleepNight(onset=state[:5])}


@pytest.mark.parametrize(
    ("clock", "state", "evening", "onset"),
    [
        # 22:10 UTC is 23:10 in Amsterdam, reported at any hour.
        ("23:15", "2026-03-09T22:10:00+00:00", LAST_EVENING, "23:10"),
        ("16:00", "2026-03-09T22:10:00+00:00", LAST_EVENING, "23:10"),
        # Past midnight it still belongs to the evening before.
        ("08:00", "2026-03-09T23:40:30+00:00", LAST_EVENING, "00:40"),
        ("23:00", "2026-03-10T21:55:00+00:00", TODAY, "22:55"),
    ],
)
async def test_sleep_start_as_timestamp(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    clock: str,
    state: str,
    evening: date,
    onset: str,
) -> None:
    await _at(hass, freezer, TODAY, "00:00")
    history = await _set_up_mat(hass, {CONF_SLEEP_START_ENTITY: START})
    await _at(hass, freezer, TODAY, clock)

    await _report(hass, START, state, {"device_class": "timestamp"})

    assert history.nights == {evening: SleepNight(onset=onset)}


@pytest.mark.parametrize(
    ("attributes", "filed"),
    [
        ({"event_type": "started", "event_types": ["started", "stopped"]}, True),
        ({"event_type": "sleep_tracking_started"}, True),
        ({}, True),
        ({"event_type": "stopped"}, False),
        ({"event_type": "paused"}, False),
    ],
)
async def test_sleep_start_as_event_entity(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    attributes: dict[str, Any],
    filed: bool,
) -> None:
    await _at(hass, freezer, TODAY, "00:00")
    history = await _set_up_mat(hass, {CONF_SLEEP_START_ENTITY: START_EVENT})
    await _at(hass, freezer, TODAY, "23:20")

    await _report(hass, START_EVENT, dt_util.utcnow().isoformat(), attributes)

    expected = {TODAY: SleepNight(onset="23:20")} if filed else {}
    assert history.nights == expected


@pytest.mark.parametrize(
    ("entity_id", "state"),
    [
        (START, "unknown"),
        (START, "late"),
        (START, "25:70"),
        (START_EVENT, "unknown"),
        (START_EVENT, "23:10"),
    ],
)
async def test_invalid_sleep_starts_are_ignored(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, entity_id: str, state: str
) -> None:
    await _at(hass, freezer, TODAY, "07:00")
    history = await _set_up_mat(hass, {CONF_SLEEP_START_ENTITY: entity_id})

    await _report(hass, entity_id, state)

    assert history.nights == {}


async def test_a_repeated_timestamp_is_filed_once(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await _at(hass, freezer, TODAY, "07:00")
    history = await _set_up_mat(hass, {CONF_SLEEP_START_ENTITY: START})
    saves: list[None] = []
    history.async_add_listener(lambda: saves.append(None))

    for attributes in ({"friendly_name": "a"}, {"friendly_name": "b"}):
        await _report(hass, START, "2026-03-09T22:10:00+00:00", attributes)

    assert history.nights == {LAST_EVENING: SleepNight(onset="23:10")}
    assert len(saves) == 1


async def test_a_night_joins_the_evenings_session(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await _at(hass, freezer, LAST_EVENING, "21:30")
    history = await _set_up_mat(hass, ALL_SENSORS)
    await hass.services.async_call(
        DOMAIN,
        "start_session",
        {"duration": 20},
        target={"entity_id": "sensor.bedroom_mat_session"},
        blocking=True,
    )
    await _at(hass, freezer, LAST_EVENING, "21:50")
    await _at(hass, freezer, TODAY, "07:30")

    await _report(hass, SCORE, "88")

    assert history.records[-1].sleep == SleepNight(score=88)


async def test_unloading_stops_listening(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await _at(hass, freezer, TODAY, "07:00")
    history = await _set_up_mat(hass, ALL_SENSORS)
    entry = hass.config_entries.async_get_entry(ENTRY_ID)
    assert entry is not None

    await hass.config_entries.async_unload(ENTRY_ID)
    await _report(hass, SCORE, "80")

    assert entry.state is ConfigEntryState.NOT_LOADED
    assert history.nights == {}


async def test_a_removed_sensor_is_ignored(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await _at(hass, freezer, TODAY, "07:00")
    history = await _set_up_mat(hass, ALL_SENSORS)
    await _report(hass, SCORE, "80")

    hass.states.async_remove(SCORE)
    await hass.async_block_till_done()

    assert history.nights == {LAST_EVENING: SleepNight(score=80)}


async def test_without_the_recorder_nothing_is_seeded(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await _at(hass, freezer, TODAY, "07:00")

    history = await _set_up_mat(hass, ALL_SENSORS)

    # Not marked seeded: once the recorder runs, the next load seeds.
    assert history.seeded == set()


async def test_a_mat_without_sleep_entities_watches_nothing(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await _at(hass, freezer, TODAY, "07:00")
    history = await _set_up_mat(hass, {})

    await _report(hass, SCORE, "80")

    assert history.nights == {}


async def test_sixty_days_of_recorder_history_seed_the_nights(
    recorder_mock: Recorder, hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Seeded from the real recorder: each valid morning figure files its night."""
    recorded: list[tuple[date, str, str, str, dict[str, Any]]] = [
        # Older than 60 days: not read.
        (TODAY - timedelta(days=61), "07:00", DURATION, "30000", SECONDS),
        (TODAY - timedelta(days=59), "07:00", DURATION, "25200", SECONDS),
        (TODAY - timedelta(days=59), "07:05", SCORE, "71", {}),
        # A later report of the same night wins.
        (TODAY - timedelta(days=20), "06:00", DURATION, "24000", SECONDS),
        (TODAY - timedelta(days=20), "09:00", DURATION, "26400", SECONDS),
        (TODAY - timedelta(days=20), "09:00", SCORE, "84", {}),
        # Outside the morning window, or invalid: not a night's figure.
        (TODAY - timedelta(days=20), "18:00", DURATION, "3600", SECONDS),
        (TODAY - timedelta(days=10), "08:00", DURATION, STATE_UNAVAILABLE, SECONDS),
        # Back from unavailable with the value it had: not a new night.
        (TODAY - timedelta(days=10), "08:30", DURATION, "3600", SECONDS),
        (TODAY - timedelta(days=9), "08:00", SCORE, "120", {}),
        (TODAY - timedelta(days=3), "08:00", START, "2026-03-06T22:40:00+00:00", {}),
        (TODAY - timedelta(days=2), "08:00", START, "00:15", {}),
    ]
    for day, clock, entity_id, state, attributes in recorded:
        await _at(hass, freezer, day, clock)
        await _report(hass, entity_id, state, attributes)
    await async_wait_recording_done(hass)
    await _at(hass, freezer, TODAY, "12:00")

    history = await _set_up_mat(hass, {**ALL_SENSORS, CONF_SLEEP_START_ENTITY: START})

    assert history.nights == {
        TODAY - timedelta(days=60): SleepNight(duration_minutes=420, score=71),
        TODAY - timedelta(days=21): SleepNight(duration_minutes=440, score=84),
        TODAY - timedelta(days=4): SleepNight(onset="23:40"),
        TODAY - timedelta(days=3): SleepNight(onset="00:15"),
    }
    assert history.seeded == {DURATION, SCORE, LATENCY, START}

    # Seeded once: what the recorder got while the mat was unloaded stays unread.
    assert await hass.config_entries.async_unload(ENTRY_ID)
    await _at(hass, freezer, TODAY - timedelta(days=5), "08:00")
    await _report(hass, SCORE, "66")
    await async_wait_recording_done(hass)
    await _at(hass, freezer, TODAY, "12:00")
    assert await hass.config_entries.async_setup(ENTRY_ID)
    await hass.async_block_till_done(wait_background_tasks=True)
    entry = hass.config_entries.async_get_entry(ENTRY_ID)
    assert entry is not None
    assert TODAY - timedelta(days=6) not in entry.runtime_data.engine.history.nights
