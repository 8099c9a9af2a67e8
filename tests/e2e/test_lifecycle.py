"""A mat in a real Home Assistant: set up, a session across a restart and a crash.

Home Assistant runs under libfaketime at ten times real speed, and between two
runs its clock moves on by the time it was "down", so a 15-minute session with
a restart in the middle takes about twenty seconds. The product has no switch
for this: it sees a clock, as it always does.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from .harness import (
    DOMAIN,
    CommandError,
    EventStream,
    HomeAssistant,
    WebSocket,
    parse_time,
)

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

RATE = 10
# How late Home Assistant may end a session, in its own seconds: a busy event
# loop at ten times speed, not a lost timer (that would be minutes).
END_TOLERANCE = timedelta(seconds=5)
EVENT_WAIT = 20.0  # wall seconds for an event that is due now
# Home Assistant is down for most of the session and back this long before its end.
RESTART_BEFORE_END = timedelta(minutes=3)
NOTES = "Warm after ten minutes"

STARTED = f"{DOMAIN}_session_started"
ENDED = f"{DOMAIN}_session_ended"
RATED = f"{DOMAIN}_session_rated"


@dataclass
class Mat:
    """The mat under test and what the test learnt of it so far."""

    ha: HomeAssistant
    entities: dict[str, str]
    installed_at: datetime
    session_id: str = ""
    started_at: datetime | None = None
    ends_at: datetime | None = None

    @property
    def session(self) -> str:
        """The mat-session entity."""
        return self.entities["sensor.session"]

    @property
    def target(self) -> dict[str, str]:
        """An action's target: the mat-session entity."""
        return {"entity_id": self.session}

    async def state(self, key: str) -> dict[str, Any]:
        """The state of the mat's entity `<platform>.<translation key>`."""
        return await self.ha.state(self.entities[key])

    async def history(self, ws: WebSocket) -> dict[str, Any]:
        """The get_history action's answer for this mat."""
        response = await ws.call_service(
            DOMAIN, "get_history", target=self.target, return_response=True
        )
        history: dict[str, Any] = response[self.session]
        return history

    async def logbook(self, expected: list[str]) -> list[str]:
        """The mat's logbook lines, once all `expected` messages are in.

        The recorder commits every few seconds of Home Assistant's time: poll briefly.
        """
        lines: list[str] = []
        start = quote(self.installed_at.isoformat())
        for _ in range(100):
            end = quote((await self.ha.now() + timedelta(minutes=1)).isoformat())
            entries = await self.ha.http("GET", f"/api/logbook/{start}?end_time={end}")
            lines = [
                entry["message"]
                for entry in entries
                if entry.get("entity_id") == self.session
                and entry.get("domain") == DOMAIN
            ]
            if all(message in lines for message in expected):
                return lines
            await asyncio.sleep(0.2)
        pytest.fail(f"logbook lacks {expected}: {lines}")


async def _events(ws: WebSocket) -> dict[str, EventStream]:
    return {kind: await ws.subscribe_events(kind) for kind in (STARTED, ENDED, RATED)}


def _same_second(value: datetime, expected: datetime) -> bool:
    """Timestamp sensors show whole seconds."""
    return abs(value - expected) < timedelta(seconds=1)


async def test_session_survives_restart_and_crash(
    home_assistant: HomeAssistant, libfaketime: Path
) -> None:
    """Onboard, add a mat, run a session through a restart, a crash and downtime."""
    mat = await _install(home_assistant)
    await _start_session(mat)

    # A graceful stop mid-session; back three minutes before the session's end.
    assert await mat.ha.stop() == 0
    assert mat.ha.clock is not None
    assert mat.ends_at is not None
    await mat.ha.start(
        at=max(
            mat.ha.clock.now() + timedelta(minutes=1), mat.ends_at - RESTART_BEFORE_END
        ),
        rate=RATE,
    )
    await _session_resumes_and_ends_on_time(mat)
    await _rate_and_set_up_the_next_session(mat)
    await _calendar_and_logbook(mat)

    # A crash right after the end and the rating.
    await mat.ha.kill()
    await mat.ha.start(at=mat.ha.clock.now() + timedelta(minutes=1), rate=RATE)
    await _nothing_lost(mat)

    await _session_ends_while_down(mat)
    assert await mat.ha.stop() == 0
    assert mat.ha.problems_in_logs() == []


async def _install(ha: HomeAssistant) -> Mat:
    """A new installation, onboarded, with a mat added through the config flow."""
    installed_at = datetime.now(UTC).replace(microsecond=0)
    await ha.start(at=installed_at, rate=RATE)
    await ha.onboard()
    entry_id = await ha.add_mat()
    mat = Mat(ha, await ha.mat_entities(entry_id), installed_at)
    assert mat.session == "sensor.bedroom_mat_session"
    assert {
        "sensor.session_end",
        "sensor.total_minutes",
        "sensor.session_count",
        "number.duration",
        "select.body_area",
        "button.start",
        "button.stop",
        "button.pause",
        "button.resume",
        "button.extend",
        "calendar.sessions",
        "event.activity",
    } <= mat.entities.keys()
    assert (await ha.state(mat.session))["state"] == "idle"
    return mat


async def _start_session(mat: Mat) -> None:
    """A refusal, then a 15-minute session started with an action over the websocket."""
    ws = await mat.ha.websocket()
    events = await _events(ws)

    with pytest.raises(CommandError) as refused:
        await ws.call_service(
            DOMAIN, "start_session", {"duration": 41}, target=mat.target
        )
    assert refused.value.code == "service_validation_error"
    assert "15 to 40" in refused.value.message
    assert "41" in refused.value.message
    assert (await mat.ha.state(mat.session))["state"] == "idle"

    response = await ws.call_service(
        DOMAIN,
        "start_session",
        {"duration": 15, "body_area": "back"},
        target=mat.target,
        return_response=True,
    )
    started = response[mat.session]
    assert started["planned_minutes"] == 15
    mat.session_id = started["session_id"]
    mat.ends_at = parse_time(started["ends_at"])

    event = await events[STARTED].next(EVENT_WAIT)
    assert event["data"]["entity_id"] == mat.session
    assert event["data"]["session_id"] == mat.session_id
    assert event["data"]["minutes"] == 15
    assert event["data"]["body_area"] == "back"
    # The event follows the start once the session is stored.
    mat.started_at = mat.ends_at - timedelta(minutes=15)
    fired = parse_time(event["time_fired"])
    assert mat.started_at <= fired <= mat.started_at + END_TOLERANCE, fired

    state = await mat.ha.state(mat.session)
    assert state["state"] == "running"
    assert state["attributes"]["planned_minutes"] == 15
    assert state["attributes"]["body_area"] == "back"
    end = await mat.state("sensor.session_end")
    assert _same_second(parse_time(end["state"]), mat.ends_at)
    activity = await mat.state("event.activity")
    assert activity["attributes"]["event_type"] == "started"


async def _session_resumes_and_ends_on_time(mat: Mat) -> None:
    """After the restart: the same end, and the end comes on Home Assistant's clock."""
    assert mat.ends_at is not None
    assert mat.ha.clock is not None
    state = await mat.ha.state(mat.session)
    assert state["state"] == "running", state
    end = await mat.state("sensor.session_end")
    assert _same_second(parse_time(end["state"]), mat.ends_at), end

    ws = await mat.ha.websocket()
    events = await _events(ws)
    remaining = mat.ends_at - await mat.ha.now()
    assert timedelta(0) < remaining < RESTART_BEFORE_END, remaining
    ended = await events[ENDED].next(mat.ha.clock.wall_seconds(remaining) + EVENT_WAIT)
    ended_at = parse_time(ended["time_fired"])
    due = mat.ends_at
    assert due - timedelta(seconds=1) <= ended_at <= due + END_TOLERANCE, (
        f"ended at {ended_at}, due at {due}"
    )
    assert ended["data"]["session_id"] == mat.session_id
    assert ended["data"]["outcome"] == "completed"
    assert not ended["data"]["ended_while_offline"]
    assert (await mat.ha.state(mat.session))["state"] == "idle"
    assert float((await mat.state("sensor.session_count"))["state"]) == 1
    assert float((await mat.state("sensor.total_minutes"))["state"]) == 15


async def _rate_and_set_up_the_next_session(mat: Mat) -> None:
    """A rating, and the next session's length and body area set from the UI."""
    ws = await mat.ha.websocket()
    events = await _events(ws)
    await ws.call_service(
        DOMAIN, "rate_session", {"rating": 4, "notes": NOTES}, target=mat.target
    )
    rated = await events[RATED].next(EVENT_WAIT)
    assert rated["data"]["session_id"] == mat.session_id
    assert rated["data"]["rating"] == 4
    await ws.call_service(
        "number",
        "set_value",
        {"value": 25},
        target={"entity_id": mat.entities["number.duration"]},
    )
    await ws.call_service(
        "select",
        "select_option",
        {"option": "neck"},
        target={"entity_id": mat.entities["select.body_area"]},
    )


async def _calendar_and_logbook(mat: Mat) -> None:
    """The calendar API returns the session; the logbook API tells it once each."""
    assert mat.started_at is not None
    assert mat.ends_at is not None
    start = quote(mat.installed_at.isoformat())
    end = quote((mat.ends_at + timedelta(hours=1)).isoformat())
    calendar = await mat.ha.http(
        "GET",
        f"/api/calendars/{mat.entities['calendar.sessions']}?start={start}&end={end}",
    )
    assert len(calendar) == 1, calendar
    assert _same_second(parse_time(calendar[0]["start"]["dateTime"]), mat.started_at)
    assert _same_second(parse_time(calendar[0]["end"]["dateTime"]), mat.ends_at)
    assert "15" in calendar[0]["summary"], calendar

    started, completed = "started a 15 minute back session", "completed 15 minutes"
    lines = await mat.logbook([started, completed, "rated the session 4 out of 5"])
    assert lines.count(started) == 1, lines
    assert lines.count(completed) == 1, lines
    assert [line for line in lines if line.startswith("rated")] == [
        "rated the session 4 out of 5"
    ], lines


async def _nothing_lost(mat: Mat) -> None:
    """After the crash: the log, the rating and the settings are all there."""
    ws = await mat.ha.websocket()
    history = await mat.history(ws)
    assert len(history["sessions"]) == 1, history
    record = history["sessions"][0]
    assert record["id"] == mat.session_id
    assert record["outcome"] == "completed"
    assert record["rating"] == 4
    assert record["notes"] == NOTES
    assert record["planned_minutes"] == 15
    assert record["active_minutes"] == 15
    assert record["body_area"] == "back"
    assert not record["ended_while_offline"]
    assert history["summary"]["count"] == 1
    assert history["summary"]["total_minutes"] == 15
    assert float((await mat.state("number.duration"))["state"]) == 25
    assert (await mat.state("select.body_area"))["state"] == "neck"
    assert (await mat.ha.state(mat.session))["state"] == "idle"


async def _session_ends_while_down(mat: Mat) -> None:
    """The start button uses the settings; the session's end passes while HA is off."""
    assert mat.ha.clock is not None
    ws = await mat.ha.websocket()
    events = await _events(ws)
    await ws.call_service(
        "button", "press", target={"entity_id": mat.entities["button.start"]}
    )
    event = await events[STARTED].next(EVENT_WAIT)
    assert event["data"]["minutes"] == 25
    assert event["data"]["body_area"] == "neck"
    session_id = event["data"]["session_id"]
    due = (await mat.state("sensor.session_end"))["state"]

    assert await mat.ha.stop() == 0
    await mat.ha.start(at=mat.ha.clock.now() + timedelta(minutes=40), rate=RATE)
    assert (await mat.ha.state(mat.session))["state"] == "idle"
    history = await mat.history(await mat.ha.websocket())
    newest = history["sessions"][0]
    assert newest["id"] == session_id
    assert newest["outcome"] == "completed"
    assert newest["ended_while_offline"]
    assert newest["active_minutes"] == 25
    assert _same_second(parse_time(newest["ended_at"]), parse_time(due))
    assert history["summary"]["count"] == 2
    offline = "completed 25 minutes while Home Assistant was off"
    assert (await mat.logbook([offline])).count(offline) == 1
