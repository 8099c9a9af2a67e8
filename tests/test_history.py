"""The session log: rating, deleting, history queries, the calendar and statistics."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
    do_adhoc_statistics,
)

from custom_components.acupressure_mat.const import DOMAIN, EVENT_SESSION_RATED
from custom_components.acupressure_mat.logbook import async_describe_events
from homeassistant.components.calendar.const import DOMAIN as CALENDAR_DOMAIN
from homeassistant.components.recorder.core import Recorder
from homeassistant.components.recorder.statistics import statistics_during_period
from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.recorder import get_instance
from homeassistant.util import dt as dt_util

from .conftest import ENTRY_ID

SESSION = "sensor.bedroom_mat_session"
CALENDAR = "calendar.bedroom_mat_sessions"
HISTORY_KEY = f"{DOMAIN}.{ENTRY_ID}.history"
STORE_KEY = f"{DOMAIN}.{ENTRY_ID}"
STREAK = "sensor.bedroom_mat_streak"
COUNT = "sensor.bedroom_mat_session_count"
TOTAL = "sensor.bedroom_mat_total_minutes"


async def _call(
    hass: HomeAssistant, action: str, response: bool = False, **data: Any
) -> Any:
    result: Any = await hass.services.async_call(
        DOMAIN,
        action,
        data,
        target={"entity_id": SESSION},
        blocking=True,
        return_response=response,
    )
    return result[SESSION] if response and result else None


async def _session(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    minutes: int = 20,
    stop_after: int | None = None,
) -> str:
    """Run one session; returns its id."""
    response = await _call(hass, "start_session", response=True, duration=minutes)
    freezer.tick(timedelta(minutes=stop_after or minutes))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    if stop_after is not None:
        await _call(hass, "stop_session")
    return str(response["session_id"])


@pytest.fixture
def evening(freezer: FrozenDateTimeFactory) -> datetime:
    """Start at 21:00 UTC on 2026-11-02."""
    start = datetime(2026, 11, 2, 21, 0, tzinfo=dt_util.UTC)
    freezer.move_to(start)
    return start


async def test_rate_latest_by_default(
    hass: HomeAssistant,
    evening: datetime,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    hass_storage: dict[str, Any],
) -> None:
    """A rating goes to the latest session, is written at once and fires an event."""
    first = await _session(hass, freezer)
    second = await _session(hass, freezer, minutes=25)
    rated = async_capture_events(hass, EVENT_SESSION_RATED)
    await _call(hass, "rate_session", rating=4, notes="  warm back {{ states }}  ")

    history = init_integration.runtime_data.engine.history
    assert history.get(second).rating == 4
    assert history.get(second).notes == "warm back {{ states }}"
    assert history.get(first).rating is None
    stored = {r["id"]: r for r in hass_storage[HISTORY_KEY]["data"]["records"]}
    assert stored[second]["rating"] == 4
    assert stored[second]["notes"] == "warm back {{ states }}"
    assert [e.data["rating"] for e in rated] == [4]
    assert rated[0].data["session_id"] == second

    describers: dict[str, Any] = {}
    async_describe_events(
        hass, lambda _domain, kind, fn: describers.__setitem__(kind, fn)
    )
    assert describers[EVENT_SESSION_RATED](rated[0])["message"] == (
        "rated the session 4 out of 5"
    )

    await _call(hass, "rate_session", rating=2, session_id=first)
    assert history.get(first).rating == 2


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"rating": 0}, "rating_out_of_range"),
        ({"rating": 6}, "rating_out_of_range"),
        ({"rating": 3.5}, "rating_out_of_range"),
        ({"rating": 3, "notes": "x" * 501}, "notes_too_long"),
        ({"rating": 3, "session_id": "nope"}, "session_not_found"),
    ],
)
async def test_rate_refused(
    hass: HomeAssistant,
    evening: datetime,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    data: dict[str, Any],
    key: str,
) -> None:
    """A bad rating is refused and changes nothing."""
    session_id = await _session(hass, freezer)
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "rate_session", **data)
    assert err.value.translation_key == key
    record = init_integration.runtime_data.engine.history.get(session_id)
    assert record is not None
    assert record.rating is None
    assert record.notes is None


async def test_rate_with_nothing_logged(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Rating with no session logged says so."""
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "rate_session", rating=3)
    assert err.value.translation_key == "no_sessions_logged"
    assert "Bedroom mat has no logged session yet" in str(err.value)


async def test_delete_session(
    hass: HomeAssistant,
    evening: datetime,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    hass_storage: dict[str, Any],
) -> None:
    """Deleting removes the record from the log and the file."""
    first = await _session(hass, freezer)
    second = await _session(hass, freezer)
    await _call(hass, "delete_session", session_id=first)
    history = init_integration.runtime_data.engine.history
    assert [r.id for r in history.records] == [second]
    assert [r["id"] for r in hass_storage[HISTORY_KEY]["data"]["records"]] == [second]
    assert hass.states.get("sensor.bedroom_mat_session_count").state == "1"

    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "delete_session", session_id=first)
    assert err.value.translation_key == "session_not_found"


async def test_get_history(
    hass: HomeAssistant,
    evening: datetime,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Newest first, limited, with a summary over the whole range."""
    ids = []
    for day in range(5):
        freezer.move_to(evening + timedelta(days=day))
        ids.append(
            await _session(
                hass, freezer, minutes=20, stop_after=10 if day == 1 else None
            )
        )
    await _call(hass, "rate_session", rating=4, session_id=ids[0])
    await _call(hass, "rate_session", rating=2, session_id=ids[4])

    result = await _call(hass, "get_history", response=True, limit=2)
    assert [s["id"] for s in result["sessions"]] == [ids[4], ids[3]]
    assert result["summary"] == {
        "count": 5,
        "total_minutes": 90.0,
        "mean_minutes": 18.0,
        "mean_rating": 3.0,
        "completion_rate": 0.8,
    }
    ranged = await _call(
        hass,
        "get_history",
        response=True,
        start=(evening + timedelta(days=1)).isoformat(),
        end=(evening + timedelta(days=3)).isoformat(),
    )
    assert [s["id"] for s in ranged["sessions"]] == [ids[2], ids[1]]
    assert ranged["summary"]["count"] == 2
    assert ranged["sessions"][1]["outcome"] == "stopped_early"

    freezer.move_to(evening + timedelta(days=40))
    old = await _call(hass, "get_history", response=True)
    assert old["sessions"] == []
    assert old["summary"]["count"] == 0
    assert old["summary"]["mean_minutes"] is None


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (
            {"start": "2026-11-05T00:00:00", "end": "2026-11-01T00:00:00"},
            "history_range_empty",
        ),
        ({"limit": 0}, "history_limit_out_of_range"),
    ],
)
async def test_get_history_refused(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    data: dict[str, Any],
    key: str,
) -> None:
    """A bad range or limit is refused with what is allowed."""
    with pytest.raises(ServiceValidationError) as err:
        await _call(hass, "get_history", response=True, **data)
    assert err.value.translation_key == key


async def test_calendar_events(
    hass: HomeAssistant,
    evening: datetime,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Each session is an event with its figures; the running one too."""
    first = await _session(hass, freezer, minutes=25)
    await _call(hass, "rate_session", rating=5, notes="lovely")
    freezer.move_to(evening + timedelta(days=1))
    await _call(hass, "start_session", duration=30, body_area="neck")

    result: Any = await hass.services.async_call(
        CALENDAR_DOMAIN,
        "get_events",
        {
            "start_date_time": evening - timedelta(hours=1),
            "end_date_time": evening + timedelta(days=2),
        },
        target={"entity_id": CALENDAR},
        blocking=True,
        return_response=True,
    )
    events = result[CALENDAR]["events"]
    assert [e["summary"] for e in events] == [
        "Mat session: 25 min, back",
        "Mat session: 30 min, neck (running)",
    ]
    assert events[0]["description"] == (
        "Completed 25 min.\nRating: 5/5.\nNotes: lovely"
    )
    assert hass.states.get(CALENDAR).state == "on"
    assert hass.states.get(CALENDAR).attributes["message"] == (
        "Mat session: 30 min, neck (running)"
    )

    # Deleting the running session's event is refused; a logged one goes.
    engine = init_integration.runtime_data.engine
    running_id = engine.session.id
    with pytest.raises(ServiceValidationError):
        await engine_calendar(hass).async_delete_event(running_id)
    await engine_calendar(hass).async_delete_event(first)
    assert engine.history.records == []


def engine_calendar(hass: HomeAssistant) -> Any:
    """The calendar entity object, as the calendar websocket API calls it."""
    component = hass.data["entity_components"][CALENDAR_DOMAIN]
    return component.get_entity(CALENDAR)


async def test_calendar_edit_over_websocket(
    hass: HomeAssistant,
    evening: datetime,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
    hass_ws_client: Any,
) -> None:
    """Editing an event in the calendar panel edits the log."""
    session_id = await _session(hass, freezer)
    client = await hass_ws_client(hass)
    start = evening + timedelta(minutes=5)
    await client.send_json_auto_id(
        {
            "type": "calendar/event/update",
            "entity_id": CALENDAR,
            "uid": session_id,
            "event": {
                "summary": "Mat session: 20 min, back",
                "dtstart": start.isoformat(),
                "dtend": (start + timedelta(minutes=15)).isoformat(),
                "description": "Completed 20 min.\nmoved by hand",
            },
        }
    )
    response = await client.receive_json()
    assert response["success"], response
    record = init_integration.runtime_data.engine.history.get(session_id)
    assert record is not None
    assert record.started_at == start
    assert record.active_minutes == 15.0
    assert record.notes == "moved by hand"

    await client.send_json_auto_id(
        {
            "type": "calendar/event/update",
            "entity_id": CALENDAR,
            "uid": session_id,
            "event": {
                "summary": "Mat session: 15 min, back",
                "dtstart": start.isoformat(),
                "dtend": (start + timedelta(minutes=90)).isoformat(),
            },
        }
    )
    response = await client.receive_json()
    assert not response["success"]
    assert "2 to 40 minutes on the mat" in response["error"]["message"]

    await client.send_json_auto_id(
        {"type": "calendar/event/delete", "entity_id": CALENDAR, "uid": session_id}
    )
    response = await client.receive_json()
    assert response["success"], response
    assert init_integration.runtime_data.engine.history.records == []


async def test_statistics_sensors_and_streak(
    hass: HomeAssistant,
    evening: datetime,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Totals grow with each session; the streak counts evenings in a row."""
    for day in (0, 1, 2, 4, 5):
        freezer.move_to(evening + timedelta(days=day))
        await _session(hass, freezer, minutes=15 + day)

    assert hass.states.get("sensor.bedroom_mat_session_count").state == "5"
    assert hass.states.get("sensor.bedroom_mat_total_minutes").state == "87.0"
    assert hass.states.get("sensor.bedroom_mat_last_session_minutes").state == "20.0"
    assert hass.states.get("sensor.bedroom_mat_streak").state == "2"
    total = hass.states.get("sensor.bedroom_mat_total_minutes")
    assert total.attributes["state_class"] == "total"
    assert total.attributes["unit_of_measurement"] == "min"

    # The next evening, before its session, last night still counts.
    freezer.move_to(evening + timedelta(days=6))
    await _call(hass, "start_session", duration=15)
    await _call(hass, "stop_session")
    assert hass.states.get("sensor.bedroom_mat_streak").state == "2"
    # Two evenings later with no session, the streak is broken.
    freezer.move_to(evening + timedelta(days=8))
    await _session(hass, freezer)
    assert hass.states.get("sensor.bedroom_mat_streak").state == "1"


async def test_bedtime_saved(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
) -> None:
    """The bedtime is 22:30 by default and saved in the store when it changes."""
    assert hass.states.get("time.bedroom_mat_bedtime").state == "22:30:00"
    await hass.services.async_call(
        "time",
        "set_value",
        {"time": "23:15:00"},
        target={"entity_id": "time.bedroom_mat_bedtime"},
        blocking=True,
    )
    assert hass.states.get("time.bedroom_mat_bedtime").state == "23:15:00"
    assert hass_storage[STORE_KEY]["data"]["settings"]["bedtime"] == "23:15"


async def test_migrates_version_1_history(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    mock_config_entry: MockConfigEntry,
) -> None:
    """A version 1 log (records only) loads and is written back as version 2."""
    hass_storage[HISTORY_KEY] = {
        "version": 1,
        "minor_version": 1,
        "key": HISTORY_KEY,
        "data": {
            "records": [
                {
                    "id": "01OLD",
                    "started_at": "2026-10-01T21:00:00+00:00",
                    "ended_at": "2026-10-01T21:20:00+00:00",
                    "planned_minutes": 20,
                    "active_minutes": 20.0,
                    "body_area": "back",
                    "outcome": "completed",
                }
            ]
        },
    }
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(ENTRY_ID)
    await hass.async_block_till_done()
    assert hass.states.get("sensor.bedroom_mat_session_count").state == "1"
    await hass.services.async_call(
        DOMAIN,
        "rate_session",
        {"rating": 3},
        target={"entity_id": SESSION},
        blocking=True,
    )
    stored = hass_storage[HISTORY_KEY]
    assert stored["version"] == 2
    assert stored["data"]["nights"] == {}
    assert stored["data"]["records"][0]["rating"] == 3


async def test_calendar_describes_outcome_and_night(
    hass: HomeAssistant,
    evening: datetime,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """An early stop, the night's figures and an offline end show in the event."""
    history = init_integration.runtime_data.engine.history
    await _session(hass, freezer, minutes=20, stop_after=12)
    await history.async_file_sleep(
        evening.date(),
        duration_minutes=425,
        score=81,
        latency_minutes=9,
        onset="23:05",
    )
    record = history.records[-1]
    await history.async_update(record.id, ended_while_offline=True)

    events = await engine_calendar(hass).async_get_events(
        hass, evening - timedelta(hours=1), evening + timedelta(hours=2)
    )
    assert [e.description for e in events] == [
        "Stopped early after 12 min of 20.\n"
        "Ended while Home Assistant was off.\n"
        "Night after: slept 7 h 05 min, sleep score 81, fell asleep in 9 min, "
        "asleep at 23:05."
    ]


async def test_session_logged_after_its_night_was_filed(
    hass: HomeAssistant,
    evening: datetime,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A session logged once its night is known carries that night at once."""
    history = init_integration.runtime_data.engine.history
    await history.async_file_sleep(evening.date(), score=77)
    await _session(hass, freezer)
    assert history.records[-1].sleep is not None
    assert history.records[-1].sleep.score == 77


async def test_calendar_refuses_all_day_edit(
    hass: HomeAssistant,
    evening: datetime,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A session cannot become an all-day event."""
    session_id = await _session(hass, freezer)
    with pytest.raises(ServiceValidationError) as err:
        await engine_calendar(hass).async_update_event(
            session_id, {"dtstart": evening.date(), "dtend": evening.date()}
        )
    assert err.value.translation_key == "calendar_event_all_day"
    record = init_integration.runtime_data.engine.history.get(session_id)
    assert record is not None
    assert record.started_at == evening


async def test_streak_ends_when_an_evening_passes_without_a_session(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Two skipped evenings break the streak by themselves, at 03:00, once."""
    await hass.config.async_set_time_zone("Europe/Amsterdam")
    zone = dt_util.get_default_time_zone()
    freezer.move_to(datetime(2026, 11, 2, 18, 0, tzinfo=zone))
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(ENTRY_ID)
    await hass.async_block_till_done()
    for day in (2, 3, 4):
        freezer.move_to(datetime(2026, 11, day, 21, 0, tzinfo=zone))
        await _session(hass, freezer)
    assert hass.states.get(STREAK).state == "3"
    writes = async_capture_events(hass, EVENT_STATE_CHANGED)

    # The evening of the 5th goes by without a session: last night still counts...
    freezer.move_to(datetime(2026, 11, 6, 2, 59, tzinfo=zone))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert hass.states.get(STREAK).state == "3"
    # ...until its night is over.
    freezer.move_to(datetime(2026, 11, 6, 3, 0, 1, tzinfo=zone))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert hass.states.get(STREAK).state == "0"

    freezer.move_to(datetime(2026, 11, 7, 3, 0, 1, tzinfo=zone))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    streak_changes = [e for e in writes if e.data["entity_id"] == STREAK]
    assert [e.data["new_state"].state for e in streak_changes] == ["0"]


async def test_long_term_statistics_after_a_delete(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> None:
    """Deleting a session takes its minutes off the statistics; it is no reset."""
    start = datetime(2026, 11, 2, 21, 0, tzinfo=dt_util.UTC)
    freezer.move_to(start)
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(ENTRY_ID)
    await hass.async_block_till_done()
    first = await _session(hass, freezer)
    for _ in range(2):
        await _session(hass, freezer)
    # 22:00, the third session ends: three sessions, 60 minutes.
    await async_wait_recording_done(hass)
    do_adhoc_statistics(hass, start=start + timedelta(hours=1))
    await async_wait_recording_done(hass)

    freezer.move_to(start + timedelta(hours=1, minutes=6))
    await _call(hass, "delete_session", session_id=first)
    await async_wait_recording_done(hass)
    do_adhoc_statistics(hass, start=start + timedelta(hours=1, minutes=5))
    await async_wait_recording_done(hass)

    ids = {COUNT, TOTAL}
    statistics = await get_instance(hass).async_add_executor_job(
        statistics_during_period,
        hass,
        start,
        None,
        ids,
        "5minute",
        None,
        {"state", "sum"},
    )
    # The first period saw the third session end; the second, one deleted. A
    # meter reset would have added the whole new value (3 + 2) instead.
    assert [(row["state"], row["sum"]) for row in statistics[COUNT]] == [
        (3, 1),
        (2, 0),
    ]
    assert [(row["state"], row["sum"]) for row in statistics[TOTAL]] == [
        (60, 20),
        (40, 0),
    ]
