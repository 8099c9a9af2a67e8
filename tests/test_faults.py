"""Faults on the real core: a thousand random calls, clock changes, a removed mat.

The random run keeps its own model of each mat (what a user who made the calls
would expect) and checks the integration against it after every call and every
step of the clock, so a refusal of a valid call fails as much as a crash does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import pairwise
import json
import math
from pathlib import Path
import random
from typing import Any

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)
import voluptuous as vol

from custom_components.acupressure_mat.const import (
    CONF_LIGHTS,
    DOMAIN,
    EVENT_SESSION_ENDED,
    EVENT_SESSION_STARTED,
    MAX_MINUTES,
)
from custom_components.acupressure_mat.session import MatSessionEngine
from homeassistant.components.light import ATTR_BRIGHTNESS
from homeassistant.const import ENTITY_MATCH_ALL
from homeassistant.core import Event, HassJob, HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
from homeassistant.util.async_ import get_scheduled_timer_handles

from .compat import mat_device
from .conftest import ENTRY_ID, async_setup_mat, let_time_pass

SESSION = "sensor.bedroom_mat_session"
SESSION_END = "sensor.bedroom_mat_session_end"
CALENDAR = "calendar.bedroom_mat_sessions"
LIGHT = "light.ceiling_lights"
SEED = 20261025
OPERATIONS = 1000
START = datetime.fromisoformat("2026-03-10T19:00:00+00:00")
FALSE_START_SECONDS = 120
# A pause this long ends the session (README: "Pausing").
PAUSE_LIMIT = timedelta(minutes=30)
EXCEPTIONS: dict[str, dict[str, str]] = json.loads(
    (
        Path(__file__).parents[1] / "custom_components" / DOMAIN / "strings.json"
    ).read_text()
)["exceptions"]

OK, RANGE, TYPE = "ok", "range", "type"

# (value, what the integration should make of it)
DURATIONS: list[tuple[Any, str]] = [
    (15, OK),
    (20, OK),
    (27, OK),
    (40, OK),
    (30.0, OK),
    ("35", OK),
    (14, RANGE),
    (41, RANGE),
    (0, RANGE),
    (-20, RANGE),
    (20.5, RANGE),
    (1e12, RANGE),
    (math.nan, RANGE),
    (math.inf, RANGE),
    ("twenty", TYPE),
    (None, TYPE),
    ([20], TYPE),
]
BODY_AREAS: list[tuple[Any, str]] = [
    ("back", OK),
    ("neck", OK),
    ("feet", OK),
    ("head", RANGE),
    ("", RANGE),
    ("Back", RANGE),
    (["back"], TYPE),
    ({"area": "back"}, TYPE),
]
RATINGS: list[tuple[Any, str]] = [
    (1, OK),
    (3, OK),
    (5, OK),
    (4.0, OK),
    ("2", OK),
    (0, RANGE),
    (6, RANGE),
    (2.5, RANGE),
    (math.nan, RANGE),
    ("good", TYPE),
    ([3], TYPE),
]
# Extensions: the plan's limit of 40 minutes is checked against the session.
EXTENSIONS: list[tuple[Any, str]] = [
    (1, OK),
    (5, OK),
    (10.0, OK),
    ("15", OK),
    (20, OK),
    (0, RANGE),
    (21, RANGE),
    (-5, RANGE),
    (2.5, RANGE),
    (math.inf, RANGE),
    ("five", TYPE),
    (None, TYPE),
]
FLAGS: list[tuple[Any, str]] = [
    (True, OK),
    (False, OK),
    ("on", OK),
    ("no", OK),
    ("maybe", TYPE),
]


NEXT_ACTIONS = {
    "idle": ["start"],
    "running": ["pause", "extend", "stop", "stop"],
    "paused": ["resume", "resume", "extend", "stop"],
}


@dataclass
class ModelSession:
    """What the user expects of a running or paused session."""

    id: str
    started_at: datetime
    planned: int
    paused_seconds: float = 0.0
    paused_at: datetime | None = None

    @property
    def ends_at(self) -> datetime:
        """The end if it keeps running."""
        return self.started_at + timedelta(
            minutes=self.planned, seconds=self.paused_seconds
        )

    def active_seconds(self, now: datetime) -> float:
        """Time on the mat, pauses excluded."""
        until = self.paused_at or now
        return (until - self.started_at).total_seconds() - self.paused_seconds


@dataclass
class Mat:
    """One mat as the user sees it, and what they expect of it."""

    entry: MockConfigEntry
    session_entity: str
    buttons: str
    recommended_entity: str
    device_id: str
    session: ModelSession | None = None
    # Logged session id -> (outcome, active minutes, ended at)
    logged: dict[str, tuple[str, float, datetime]] = field(default_factory=dict)

    @property
    def engine(self) -> MatSessionEngine:
        """The integration's engine of this mat."""
        engine: MatSessionEngine = self.entry.runtime_data.engine
        return engine

    @property
    def state(self) -> str:
        """The state the user expects."""
        if self.session is None:
            return "idle"
        return "paused" if self.session.paused_at else "running"

    def end(self, now: datetime) -> None:
        """The session ends now (stopped, or its time is up)."""
        session = self.session
        assert session is not None
        active = session.active_seconds(now)
        self.session = None
        if active < FALSE_START_SECONDS:
            return
        outcome = "completed" if active + 1 >= session.planned * 60 else "stopped_early"
        self.logged[session.id] = (outcome, round(active / 60, 1), now)


@dataclass
class Call:
    """A random call, the mats it reaches and what should come of it."""

    text: str
    run: Callable[[], Awaitable[Any]]
    mats: list[Mat]
    outcome: str
    apply: Callable[[Mat, datetime], None]


def _kind(*kinds: str) -> str:
    """The outcome of arguments: a type error wins over a range error."""
    if TYPE in kinds:
        return TYPE
    return RANGE if RANGE in kinds else OK


# Each action's fields: (name, values, how often the call has it).
FIELDS: dict[str, list[tuple[str, list[tuple[Any, str]], float]]] = {
    "start": [
        ("duration", DURATIONS, 0.7),
        ("body_area", BODY_AREAS, 0.5),
        ("dim_lights", FLAGS, 0.1),
        ("announce", FLAGS, 0.1),
    ],
    "stop": [("rating", RATINGS, 0.5)],
    "pause": [],
    "resume": [],
    "extend": [("minutes", EXTENSIONS, 1.0)],
}


def _random_target(
    rng: random.Random, mats: list[Mat]
) -> tuple[dict[str, Any], list[Mat]]:
    """All mats, both by id, one by device or entity, or no mat at all."""
    mat = rng.choice(mats)
    targets: list[tuple[dict[str, Any], list[Mat]]] = [
        ({"entity_id": ENTITY_MATCH_ALL}, list(mats)),
        ({"entity_id": [m.session_entity for m in mats]}, list(mats)),
        ({"device_id": mat.device_id}, [mat]),
        ({"entity_id": "sensor.no_mat"}, []),
        ({"entity_id": f"{mat.buttons}stop_session"}, []),
        ({"entity_id": mat.session_entity}, [mat]),
        ({"entity_id": mat.session_entity}, [mat]),
    ]
    return rng.choice(targets)


def _random_fields(rng: random.Random, action: str) -> tuple[dict[str, Any], list[str]]:
    """Some of the action's fields, each valid or not, and what each should do."""
    data: dict[str, Any] = {}
    kinds: list[str] = []
    for name, values, often in FIELDS[action]:
        if rng.random() < often:
            data[name], kind = rng.choice(values)
            kinds.append(kind)
    if action == "start" and rng.random() < 0.15:
        data["use_recommended"] = True
        # A duration and the recommendation together are refused.
        kinds.append(RANGE if "duration" in data else OK)
    if rng.random() < 0.05:
        data["unexpected"] = 1
        kinds.append(TYPE)
    return data, kinds


def _random_call(rng: random.Random, hass: HomeAssistant, mats: list[Mat]) -> Call:
    """Pick an action, a target and fields, valid or not."""
    action = rng.choice(["start", "stop", "pause", "resume", "extend"])
    if rng.random() < 0.5:
        # Mostly what a user would do next, so that sessions get somewhere.
        action = rng.choice(NEXT_ACTIONS[rng.choice(mats).state])
    if rng.random() < 0.3:
        return _button_call(hass, rng.choice(mats), action)
    target, reached = _random_target(rng, mats)
    data, kinds = _random_fields(rng, action)
    outcome = _kind(*kinds)
    extend_by = float(data["minutes"]) if action == "extend" and outcome == OK else 0
    if outcome == OK and not (
        reached and all(_allowed(mat, action, extend_by) for mat in reached)
    ):
        outcome = RANGE
    # Each mat's own recommendation, as its sensor shows it before the call.
    recommended = {
        mat.session_entity: int(hass.states.get(mat.recommended_entity).state)
        for mat in reached
    }

    def planned(mat: Mat) -> int:
        # No mat's duration is set here, so it follows the recommendation.
        if data.get("use_recommended") or "duration" not in data:
            return recommended[mat.session_entity]
        return int(float(data["duration"]))

    async def run() -> Any:
        return await hass.services.async_call(
            DOMAIN, f"{action}_session", data, target=target, blocking=True
        )

    return Call(
        text=f"{action}_session {data} -> {target}",
        run=run,
        mats=reached,
        outcome=outcome,
        apply=_applier(action, planned, extend_by),
    )


def _button_call(hass: HomeAssistant, mat: Mat, action: str) -> Call:
    """Press one of a mat's buttons: start (the recommended length), stop, +5..."""
    allowed = _allowed(mat, action, 5)
    recommended = int(hass.states.get(mat.recommended_entity).state)

    async def run() -> None:
        await hass.services.async_call(
            "button",
            "press",
            {"entity_id": f"{mat.buttons}{action}_session"},
            blocking=True,
        )

    return Call(
        text=f"press {mat.buttons}{action}_session",
        run=run,
        mats=[mat],
        outcome=OK if allowed else RANGE,
        apply=_applier(action, lambda _mat: recommended, 5),
    )


def _allowed(mat: Mat, action: str, extend_by: float) -> bool:
    """Whether the mat's state allows the action."""
    session = mat.session
    if action == "start":
        return session is None
    if action == "pause":
        return mat.state == "running"
    if action == "resume":
        return mat.state == "paused"
    if action == "extend":
        return session is not None and session.planned + extend_by <= MAX_MINUTES
    return session is not None


def _applier(
    action: str, planned: Callable[[Mat], int], extend_by: float | None
) -> Callable[[Mat, datetime], None]:
    """What an accepted call does to the user's expectation of a mat."""

    def apply(mat: Mat, now: datetime) -> None:
        if action == "start":
            # The id is filled in from the started event.
            mat.session = ModelSession(id="", started_at=now, planned=planned(mat))
            return
        session = mat.session
        assert session is not None
        if action == "stop":
            mat.end(now)
        elif action == "pause":
            session.paused_at = now
        elif action == "resume":
            assert session.paused_at is not None
            session.paused_seconds += (now - session.paused_at).total_seconds()
            session.paused_at = None
        else:
            assert extend_by is not None
            session.planned += int(extend_by)

    return apply


def _snapshot(
    hass: HomeAssistant, mats: list[Mat], hass_storage: dict[str, Any]
) -> dict[str, Any]:
    """Everything a refused call must leave alone."""
    registry = er.async_get(hass)
    snapshot: dict[str, Any] = {
        "storage": deepcopy(
            {k: v for k, v in hass_storage.items() if k.startswith(DOMAIN)}
        )
    }
    for mat in mats:
        engine = mat.engine
        snapshot[mat.session_entity] = {
            "session": engine.session.as_dict() if engine.session else None,
            "settings": engine.settings.as_dict(),
            "records": [r.as_dict() for r in engine.history.records],
            "states": {
                entry.entity_id: (state.state, dict(state.attributes))
                if (state := hass.states.get(entry.entity_id))
                else None
                for entry in er.async_entries_for_config_entry(
                    registry, mat.entry.entry_id
                )
                # Home Assistant notes every press, accepted or not.
                if entry.domain != "button"
            },
        }
    return snapshot


def _check_refusal(err: Exception, expected: str) -> None:
    """A refusal is a schema error or a translated error whose message renders."""
    if expected == TYPE:
        assert isinstance(err, vol.Invalid), err
        return
    assert isinstance(err, ServiceValidationError), err
    assert err.translation_domain == DOMAIN
    assert err.translation_key in EXCEPTIONS, err.translation_key
    message = EXCEPTIONS[err.translation_key]["message"]
    message.format(**(err.translation_placeholders or {}))


def _check_mat(hass: HomeAssistant, mat: Mat, now: datetime, context: str) -> None:
    """The integration agrees with the user's expectation of the mat."""
    engine = mat.engine
    state = hass.states.get(mat.session_entity)
    assert state is not None
    assert state.state in ("idle", "running", "paused"), context
    assert state.state == engine.state == mat.state, context
    session, expected = engine.session, mat.session
    if expected is None:
        assert session is None, context
    else:
        assert session is not None, context
        assert session.id == expected.id, context
        assert session.planned_minutes == expected.planned <= MAX_MINUTES, context
        assert session.paused_at == expected.paused_at, context
        assert session.paused_seconds == pytest.approx(expected.paused_seconds)
        # Never past 40 minutes of active time from the start plus the pauses.
        assert session.ends_at == expected.ends_at, context
        assert session.ends_at <= session.started_at + timedelta(
            minutes=MAX_MINUTES, seconds=session.paused_seconds
        )
        assert session.active_seconds(now) <= MAX_MINUTES * 60
    records = engine.history.records
    logged = {r.id: (r.outcome, r.active_minutes, r.ended_at) for r in records}
    assert len(logged) == len(records), f"{context}: a session logged twice"
    assert logged == mat.logged, context
    # One session at a time: logged sessions never overlap.
    for earlier, later in pairwise(records):
        assert earlier.ended_at <= later.started_at, context


def _integration_timers(hass: HomeAssistant) -> list[Any]:
    """Timers in the loop that would call into the integration."""
    found = []
    for handle in get_scheduled_timer_handles(hass.loop):
        if handle.cancelled():
            continue
        parts: tuple[Any, ...] = (getattr(handle, "_callback", None), *handle._args)
        for part in parts:
            job = getattr(part, "job", part)
            target = job.target if isinstance(job, HassJob) else job
            target = getattr(target, "func", target)
            if getattr(target, "__module__", "").startswith(
                f"custom_components.{DOMAIN}"
            ):
                found.append(handle)
    return found


async def _add_mat(
    hass: HomeAssistant, name: str, entry_id: str, options: dict[str, Any]
) -> Mat:
    entry = await async_setup_mat(hass, title=name, entry_id=entry_id, **options)
    device = mat_device(hass, entry_id)
    slug = name.lower().replace(" ", "_")
    return Mat(
        entry=entry,
        session_entity=f"sensor.{slug}_session",
        buttons=f"button.{slug}_",
        recommended_entity=f"sensor.{slug}_recommended_duration",
        device_id=device.id,
    )


async def test_thousand_random_calls(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """Random calls, valid or not, with time passing: the mats stay consistent."""
    freezer.move_to(START)
    mats = [
        await _add_mat(hass, "Bedroom mat", ENTRY_ID, {}),
        await _add_mat(hass, "Living room mat", "01JMATENTRY0000000000000002", {}),
    ]
    started = async_capture_events(hass, EVENT_SESSION_STARTED)
    ended = async_capture_events(hass, EVENT_SESSION_ENDED)
    rng = random.Random(SEED)  # noqa: S311 (reproducible, not a secret)
    outcomes: dict[str, int] = {OK: 0, RANGE: 0, TYPE: 0}

    for number in range(OPERATIONS):
        call = _random_call(rng, hass, mats)
        context = f"call {number}: {call.text}"
        before = _snapshot(hass, mats, hass_storage)
        seen_started = len(started)
        now = dt_util.utcnow()
        refusal: Exception | None = None
        try:
            await call.run()
        except (vol.Invalid, ServiceValidationError) as err:
            refusal = err
        await hass.async_block_till_done()
        if refusal is None:
            assert call.outcome == OK, f"{context}: accepted, {call.outcome} expected"
            _accepted(call, mats, started[seen_started:], now)
        else:
            assert call.outcome != OK, f"{context}: refused ({refusal!r})"
            _check_refusal(refusal, call.outcome)
            assert _snapshot(hass, mats, hass_storage) == before, context
        outcomes[call.outcome] += 1
        for mat in mats:
            _check_mat(hass, mat, dt_util.utcnow(), context)

        step = rng.choice([0, 0, 1, 30, 119, 121, 300, 600, 900, 1500])
        if step:
            await let_time_pass(hass, freezer, seconds=step)
            for mat in mats:
                _time_passed(mat, dt_util.utcnow())
                _check_mat(hass, mat, dt_util.utcnow(), f"{context}, then {step} s")

    # Every kind of call was tried many times.
    assert min(outcomes.values()) > 100, outcomes
    _check_events(started, ended, mats)
    # Tidy up: nothing of the integration may stay scheduled.
    for mat in mats:
        assert await hass.config_entries.async_unload(mat.entry.entry_id)
    await hass.async_block_till_done()
    assert not _integration_timers(hass)


def _accepted(
    call: Call, mats: list[Mat], started: list[Event[Any]], now: datetime
) -> None:
    """Expect what an accepted call does; started sessions get their ids."""
    for mat in call.mats:
        call.apply(mat, now)
    for event in started:
        mat = next(m for m in mats if m.session_entity == event.data["entity_id"])
        assert mat.session is not None
        mat.session.id = event.data["session_id"]


def _time_passed(mat: Mat, now: datetime) -> None:
    """A session ends at its planned end, or, paused, at its pause limit."""
    session = mat.session
    if session is None:
        return
    due = session.paused_at + PAUSE_LIMIT if session.paused_at else session.ends_at
    if due <= now:
        mat.end(due)


def _check_events(
    started: list[Event[Any]], ended: list[Event[Any]], mats: list[Mat]
) -> None:
    """Each session started once, ended at most once, logged once unless false."""
    started_ids = [e.data["session_id"] for e in started]
    ended_ids = [e.data["session_id"] for e in ended]
    assert len(started_ids) == len(set(started_ids))
    assert len(ended_ids) == len(set(ended_ids)), "a session ended twice"
    assert set(ended_ids) <= set(started_ids)
    running = {m.session.id for m in mats if m.session is not None}
    assert set(started_ids) == set(ended_ids) | running
    logged = {r.id for m in mats for r in m.engine.history.records}
    real = {e.data["session_id"] for e in ended if not e.data["false_start"]}
    assert logged == real
    # Every way a session ends happened often enough to mean something.
    ways = Counter(
        "false_start" if e.data["false_start"] else e.data["outcome"] for e in ended
    )
    assert (
        min(ways[way] for way in ("false_start", "completed", "stopped_early")) > 5
    ), ways


async def _start(hass: HomeAssistant, minutes: int) -> None:
    await hass.services.async_call(
        DOMAIN,
        "start_session",
        {"duration": minutes},
        target={"entity_id": SESSION},
        blocking=True,
    )


AUTUMN = "2026-10-25T00:50:00+00:00"  # 02:50 CEST; at 03:00 back to 02:00 CET
SPRING = "2026-03-29T00:50:00+00:00"  # 01:50 CET; at 02:00 forward to 03:00 CEST


@pytest.mark.parametrize(
    ("start", "calendar"),
    [
        pytest.param(AUTUMN, False, id="autumn"),
        pytest.param(AUTUMN, True, id="autumn-calendar"),
        pytest.param(SPRING, True, id="spring-calendar"),
    ],
)
async def test_session_across_daylight_saving_change(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    start: str,
    calendar: bool,
) -> None:
    """A 30-minute session lasts 30 minutes when the clocks change under it."""
    await hass.config.async_set_time_zone("Europe/Amsterdam")
    started_at = datetime.fromisoformat(start)
    freezer.move_to(started_at)
    if not calendar:
        er.async_get(hass).async_get_or_create(
            "calendar",
            DOMAIN,
            f"{ENTRY_ID}-sessions",
            disabled_by=er.RegistryEntryDisabler.USER,
        )
    mat = await _add_mat(hass, "Bedroom mat", ENTRY_ID, {})
    await _start(hass, 30)
    planned_end = started_at + timedelta(minutes=30)
    assert hass.states.get(SESSION_END).state == planned_end.isoformat()

    await let_time_pass(hass, freezer, seconds=29 * 60 + 59)
    assert hass.states.get(SESSION).state == "running"
    await let_time_pass(hass, freezer, seconds=1)
    assert hass.states.get(SESSION).state == "idle"
    [record] = mat.engine.history.records
    assert record.outcome == "completed"
    assert record.active_minutes == 30
    assert record.ended_at == planned_end
    if calendar:
        response = await hass.services.async_call(
            "calendar",
            "get_events",
            {"start_date_time": started_at - timedelta(hours=1), "duration": "03:00"},
            target={"entity_id": CALENDAR},
            blocking=True,
            return_response=True,
        )
        events: Any = response
        [event] = events[CALENDAR]["events"]
        assert datetime.fromisoformat(event["start"]) == started_at


async def test_clock_jumps_forward(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A clock set 3 hours ahead mid-session ends it, logged once as completed."""
    freezer.move_to(START)
    mat = await _add_mat(hass, "Bedroom mat", ENTRY_ID, {})
    ended = async_capture_events(hass, EVENT_SESSION_ENDED)
    await _start(hass, 20)
    await let_time_pass(hass, freezer, seconds=5 * 60)

    freezer.move_to(START + timedelta(hours=3, minutes=5))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()

    assert hass.states.get(SESSION).state == "idle"
    [record] = mat.engine.history.records
    assert record.outcome == "completed"
    assert record.ended_at == START + timedelta(minutes=20)
    assert not record.ended_while_offline
    assert [e.data["outcome"] for e in ended] == ["completed"]


async def test_clock_jumps_backward(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A clock set 3 hours back mid-session breaks nothing; the session still ends.

    The end is an instant on the clock: the countdown keeps pointing at it and the
    session ends when the clock reaches it again.
    """
    freezer.move_to(START)
    mat = await _add_mat(hass, "Bedroom mat", ENTRY_ID, {})
    ended = async_capture_events(hass, EVENT_SESSION_ENDED)
    await _start(hass, 20)
    await let_time_pass(hass, freezer, seconds=5 * 60)

    freezer.move_to(START + timedelta(minutes=5) - timedelta(hours=3))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert hass.states.get(SESSION).state == "running"
    planned_end = START + timedelta(minutes=20)
    assert hass.states.get(SESSION_END).state == planned_end.isoformat()

    freezer.move_to(planned_end)
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert hass.states.get(SESSION).state == "idle"
    [record] = mat.engine.history.records
    assert record.outcome == "completed"
    assert record.ended_at == planned_end
    assert [e.data["outcome"] for e in ended] == ["completed"]


@pytest.mark.usefixtures("demo_lights")
async def test_remove_mat_mid_session_restores_lights(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """Removing a mat mid-session leaves no timer and no light dimmed."""
    before = hass.states.get(LIGHT)
    assert before is not None
    assert before.state == "on"
    mat = await _add_mat(hass, "Bedroom mat", ENTRY_ID, {CONF_LIGHTS: [LIGHT]})
    await _start(hass, 20)
    await hass.async_block_till_done()
    dimmed = hass.states.get(LIGHT)
    assert dimmed.attributes[ATTR_BRIGHTNESS] < before.attributes[ATTR_BRIGHTNESS]

    await hass.config_entries.async_remove(mat.entry.entry_id)
    await hass.async_block_till_done()

    assert hass.states.get(SESSION) is None
    assert not any(key.startswith(DOMAIN) for key in hass_storage)
    assert not _integration_timers(hass)
    after = hass.states.get(LIGHT)
    assert after.state == "on"
    assert after.attributes[ATTR_BRIGHTNESS] == before.attributes[ATTR_BRIGHTNESS]


async def test_remove_mat_mid_session_leaves_no_timer(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """Removing a mat mid-session stops its countdown and deletes its files."""
    mat = await _add_mat(hass, "Bedroom mat", ENTRY_ID, {})
    await _start(hass, 20)
    assert _integration_timers(hass)

    await hass.config_entries.async_remove(mat.entry.entry_id)
    await hass.async_block_till_done()

    assert not _integration_timers(hass)
    assert not any(key.startswith(DOMAIN) for key in hass_storage)
