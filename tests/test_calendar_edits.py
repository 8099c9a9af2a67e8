"""Editing, adding and deleting sessions in the calendar, as its event dialog does.

The dialog sends back every field it shows, changed or not: the title, the
description and the start and end as local wall-clock times to the second.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from unittest.mock import MagicMock

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import CLIENT_ID, MockConfigEntry
from pytest_homeassistant_custom_component.typing import (
    MockHAClientWebSocket,
    WebSocketGenerator,
)

from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.history import SessionHistory
from custom_components.acupressure_mat.models import SessionRecord, SleepNight
from homeassistant.components.calendar import CalendarEvent
from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from .conftest import ENTRY_ID, async_add_mat, let_time_pass

SESSION = "sensor.bedroom_mat_session"
CALENDAR = "calendar.bedroom_mat_sessions"
HISTORY_KEY = f"{DOMAIN}.{ENTRY_ID}.history"


def _local(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(
        2026, 11, day, hour, minute, second, tzinfo=dt_util.get_default_time_zone()
    )


def _wall(moment: datetime) -> str:
    """A time as the dialog sends it: local, to the second, without a zone."""
    return dt_util.as_local(moment).strftime("%Y-%m-%dT%H:%M:%S")


@pytest.fixture
async def mat(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> SessionHistory:
    """Amsterdam; the mat set up on the afternoon of 2 November 2026."""
    await hass.config.async_set_time_zone("Europe/Amsterdam")
    freezer.move_to(_local(2, 17))
    entry = await async_add_mat(hass, mock_config_entry)
    history: SessionHistory = entry.runtime_data.engine.history
    return history


async def _call(hass: HomeAssistant, action: str, **data: Any) -> None:
    await hass.services.async_call(
        DOMAIN, action, data, target={"entity_id": SESSION}, blocking=True
    )


async def _paused_session(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, history: SessionHistory
) -> SessionRecord:
    """21:00: 2 minutes, a 3-minute pause, 2.1 minutes more, stopped: 4.1 minutes.

    It starts a fraction of a second after 21:00, as a session does, and the
    dialog shows and sends whole seconds.
    """
    freezer.move_to(_local(2, 21) + timedelta(microseconds=250_000))
    await _call(hass, "start_session", duration=20)
    await let_time_pass(hass, freezer, minutes=2)
    await _call(hass, "pause_session")
    await let_time_pass(hass, freezer, minutes=3)
    await _call(hass, "resume_session")
    await let_time_pass(hass, freezer, minutes=2, seconds=6)
    await _call(hass, "stop_session")
    record = history.records[-1]
    assert (record.active_minutes, record.outcome) == (4.1, "stopped_early")
    return record


async def _event(hass: HomeAssistant, uid: str) -> CalendarEvent:
    """The session's event, as the calendar panel gets it."""
    calendar = hass.data["entity_components"]["calendar"].get_entity(CALENDAR)
    events: list[CalendarEvent] = [
        event
        for event in await calendar.async_get_events(hass, _local(1, 0), _local(10, 0))
        if event.uid == uid
    ]
    assert len(events) == 1
    return events[0]


async def _ws(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator
) -> MockHAClientWebSocket:
    """A websocket client logged in now (the clock moves past older tokens)."""
    user = await hass.auth.async_get_owner() or await hass.auth.async_create_user(
        "Owner", group_ids=["system-admin"]
    )
    refresh_token = await hass.auth.async_create_refresh_token(user, CLIENT_ID)
    return await hass_ws_client(
        hass, hass.auth.async_create_access_token(refresh_token)
    )


async def _save(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    uid: str,
    **changes: Any,
) -> dict[str, Any]:
    """Save the event dialog with what it showed, and the changes."""
    shown = await _event(hass, uid)
    event = {
        "summary": shown.summary,
        "description": shown.description,
        "dtstart": _wall(shown.start_datetime_local),
        "dtend": _wall(shown.end_datetime_local),
    } | changes
    client = await _ws(hass, hass_ws_client)
    await client.send_json_auto_id(
        {"type": "calendar/event/update", "entity_id": CALENDAR, "uid": uid}
        | {"event": event}
    )
    response: dict[str, Any] = await client.receive_json()
    return response


def _history_writes() -> int:
    """How often the mat's history file was written so far."""
    write: MagicMock = Store._async_write_data  # type: ignore[assignment]
    return sum(1 for call in write.call_args_list if call.args[0].key == HISTORY_KEY)


async def test_saving_the_dialog_unchanged_changes_nothing(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mat: SessionHistory,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """The generated description is not taken for notes, however often it is saved."""
    record = await _paused_session(hass, freezer, mat)
    await _call(hass, "rate_session", rating=4, notes="warm back")
    rated = mat.get(record.id)
    writes = _history_writes()

    for _ in range(3):
        assert (await _save(hass, hass_ws_client, record.id))["success"]

    assert mat.get(record.id) == rated
    assert rated is not None
    assert rated.notes == "warm back"
    assert _history_writes() == writes


async def test_notes_and_rating_are_edited_in_the_description(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mat: SessionHistory,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """Text of one's own becomes the notes; the rating line is the rating."""
    record = await _paused_session(hass, freezer, mat)
    shown = (await _event(hass, record.id)).description
    assert shown == "Stopped early after 4.1 min of 20."

    await _save(hass, hass_ws_client, record.id, description=f"{shown}\nfelt warm")
    assert (await _event(hass, record.id)).description == (
        "Stopped early after 4.1 min of 20.\nNotes: felt warm"
    )

    edited = "Stopped early after 4.1 min of 20.\nrating:2\nNotes: felt warm\ntoo long"
    assert (await _save(hass, hass_ws_client, record.id, description=edited))["success"]
    saved = mat.get(record.id)
    assert saved is not None
    assert (saved.rating, saved.notes) == (2, "felt warm\ntoo long")

    # Deleting the lines takes the rating and the notes away.
    await _save(hass, hass_ws_client, record.id, description="")
    saved = mat.get(record.id)
    assert saved is not None
    assert (saved.rating, saved.notes) == (None, None)


@pytest.mark.parametrize(
    ("description", "key"),
    [
        ("Completed 20 min.", "calendar_description_read_only"),
        ("Stopped early after 4.1 min of 20.\nRating: 7/5.", "rating_out_of_range"),
        ("Rating: lovely", "rating_out_of_range"),
        ("Notes: " + "x" * 501, "notes_too_long"),
    ],
)
async def test_description_edits_refused(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mat: SessionHistory,
    hass_ws_client: WebSocketGenerator,
    description: str,
    key: str,
) -> None:
    """An edited line of the mat's own, or a bad rating, is refused with a reason."""
    record = await _paused_session(hass, freezer, mat)
    hass.config.language = "en"

    response = await _save(hass, hass_ws_client, record.id, description=description)

    assert not response["success"]
    assert mat.get(record.id) == record
    messages = {
        "calendar_description_read_only": 'The line "Completed 20 min." is written',
        "rating_out_of_range": "A rating is a whole number from 1 to 5",
        "notes_too_long": "Notes are at most 500 characters",
    }
    assert response["error"]["message"].startswith(messages[key])


async def test_moving_a_session_keeps_its_minutes_and_takes_the_new_nights_sleep(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mat: SessionHistory,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """Moved to the next evening: 4.1 minutes stay 4.1, the night is the new one."""
    record = await _paused_session(hass, freezer, mat)
    await mat.async_file_sleep(date(2026, 11, 2), score=70)
    await mat.async_file_sleep(date(2026, 11, 3), score=85)
    before = mat.get(record.id)
    assert before is not None
    assert before.sleep == SleepNight(score=70)
    freezer.move_to(_local(4, 9))

    response = await _save(
        hass,
        hass_ws_client,
        record.id,
        dtstart=_wall(_local(3, 21, 30)),
        dtend=_wall(_local(3, 21, 37, 6)),
    )

    assert response["success"], response
    moved = mat.get(record.id)
    assert moved is not None
    assert moved.started_at == _local(3, 21, 30)
    assert moved.active_minutes == 4.1
    # The 3-minute pause moved with it.
    assert moved.ended_at - moved.started_at == record.ended_at - record.started_at
    assert moved.outcome == "stopped_early"
    assert moved.sleep == SleepNight(score=85)


async def test_a_new_length_keeps_the_pauses_and_sets_the_outcome(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mat: SessionHistory,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """A later end adds minutes on the mat; reaching the plan makes it completed."""
    record = await _paused_session(hass, freezer, mat)
    freezer.move_to(_local(2, 23))

    # 23 minutes from start to end, 3 of them paused: 20 on the mat.
    response = await _save(
        hass, hass_ws_client, record.id, dtend=_wall(_local(2, 21, 23))
    )
    assert response["success"], response
    longer = mat.get(record.id)
    assert longer is not None
    assert (longer.active_minutes, longer.outcome) == (20.0, "completed")
    assert (await _event(hass, record.id)).summary == "Mat session: 20 min, back"

    await _save(hass, hass_ws_client, record.id, dtend=_wall(_local(2, 21, 13)))
    shorter = mat.get(record.id)
    assert shorter is not None
    assert (shorter.active_minutes, shorter.outcome) == (10.0, "stopped_early")
    assert hass.states.get("sensor.bedroom_mat_total_minutes").state == "10.0"


async def test_the_title_sets_minutes_and_body_area(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mat: SessionHistory,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """New minutes in the title move the end; the pauses stay."""
    record = await _paused_session(hass, freezer, mat)
    freezer.move_to(_local(2, 23))

    response = await _save(
        hass, hass_ws_client, record.id, summary="Mat session: 25 min, neck"
    )

    assert response["success"], response
    edited = mat.get(record.id)
    assert edited is not None
    assert (edited.active_minutes, edited.body_area, edited.outcome) == (
        25.0,
        "neck",
        "completed",
    )
    assert edited.ended_at - edited.started_at == timedelta(minutes=28)


@pytest.mark.parametrize("title", ["Yoga", "Mat session: back and neck", ""])
async def test_a_title_that_says_nothing_readable_is_refused(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mat: SessionHistory,
    hass_ws_client: WebSocketGenerator,
    title: str,
) -> None:
    """Never silently dropped: the user is told what a title can change."""
    record = await _paused_session(hass, freezer, mat)

    response = await _save(hass, hass_ws_client, record.id, summary=title)

    assert not response["success"]
    assert "A session's title reads like" in response["error"]["message"]
    assert mat.get(record.id) == record


@pytest.mark.parametrize(
    ("dtstart", "dtend", "message"),
    [
        # Onto the next session (21:30 to 21:50).
        ((2, 21, 25), (2, 21, 32, 6), "overlap the one that started at 2026-11-02"),
        # Not over yet.
        ((2, 22, 0), (2, 22, 7, 6), "Only a session that is over can be logged"),
        # 60 minutes from start to end.
        ((2, 21, 0), (2, 22, 0), "these times give 57.0"),
    ],
)
async def test_times_that_do_not_fit_are_refused(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mat: SessionHistory,
    hass_ws_client: WebSocketGenerator,
    dtstart: tuple[int, ...],
    dtend: tuple[int, ...],
    message: str,
) -> None:
    """Nothing is half-applied."""
    record = await _paused_session(hass, freezer, mat)
    freezer.move_to(_local(2, 21, 30))
    await _call(hass, "start_session", duration=20)
    await let_time_pass(hass, freezer, minutes=20)
    freezer.move_to(_local(2, 22, 5))

    response = await _save(
        hass,
        hass_ws_client,
        record.id,
        dtstart=_wall(_local(*dtstart)),
        dtend=_wall(_local(*dtend)),
    )

    assert not response["success"]
    assert message in response["error"]["message"]
    assert mat.get(record.id) == record


async def test_a_recurring_or_all_day_event_is_refused(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mat: SessionHistory,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """A session has times and happens once."""
    record = await _paused_session(hass, freezer, mat)

    repeating = await _save(hass, hass_ws_client, record.id, rrule="FREQ=DAILY")
    all_day = await _save(
        hass, hass_ws_client, record.id, dtstart="2026-11-02", dtend="2026-11-03"
    )

    assert "cannot repeat" in repeating["error"]["message"]
    assert "all-day" in all_day["error"]["message"]
    assert mat.get(record.id) == record


async def _create(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator, **event: Any
) -> dict[str, Any]:
    client = await _ws(hass, hass_ws_client)
    await client.send_json_auto_id(
        {"type": "calendar/event/create", "entity_id": CALENDAR, "event": event}
    )
    response: dict[str, Any] = await client.receive_json()
    return response


async def test_adding_an_event_logs_a_session(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mat: SessionHistory,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """The dialog's one-hour default is no session: the title's minutes win."""
    freezer.move_to(_local(3, 9))
    await mat.async_file_sleep(date(2026, 11, 2), score=77)

    response = await _create(
        hass,
        hass_ws_client,
        summary="Mat session: 20 min, neck",
        description="Rating: 4\nat my sister's",
        dtstart=_wall(_local(2, 21)),
        dtend=_wall(_local(2, 22)),
    )

    assert response["success"], response
    record = mat.records[-1]
    assert record.started_at == _local(2, 21)
    assert (record.active_minutes, record.planned_minutes, record.outcome) == (
        20.0,
        20,
        "completed",
    )
    assert (record.body_area, record.rating, record.notes) == (
        "neck",
        4,
        "at my sister's",
    )
    assert record.sleep == SleepNight(score=77)
    assert hass.states.get("sensor.bedroom_mat_session_count").state == "1"


async def test_an_added_event_without_minutes_lasts_from_start_to_end(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mat: SessionHistory,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """The mat's body area; a one-hour event is too long to be a session."""
    freezer.move_to(_local(3, 9))

    too_long = await _create(
        hass,
        hass_ws_client,
        summary="Mat session",
        dtstart=_wall(_local(2, 21)),
        dtend=_wall(_local(2, 22)),
    )
    response = await _create(
        hass,
        hass_ws_client,
        summary="Mat session",
        dtstart=_wall(_local(2, 21)),
        dtend=_wall(_local(2, 21, 12)),
    )

    assert "2 to 40 minutes on the mat; 60 was given" in too_long["error"]["message"]
    assert response["success"], response
    record = mat.records[-1]
    assert (record.active_minutes, record.planned_minutes, record.outcome) == (
        12.0,
        15,
        "stopped_early",
    )
    assert (record.body_area, record.rating, record.notes) == ("back", None, None)
    assert len(mat.records) == 1
