"""The mat actions and buttons: what a user sees when they start, stop, pause..."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from copy import deepcopy
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)
from pytest_homeassistant_custom_component.typing import WebSocketGenerator
import voluptuous as vol

from custom_components.acupressure_mat.const import (
    DOMAIN,
    EVENT_SESSION_ENDED,
    EVENT_SESSION_STARTED,
)
from custom_components.acupressure_mat.session import MatSessionEngine
from homeassistant.const import EVENT_STATE_CHANGED, STATE_UNKNOWN
from homeassistant.core import HomeAssistant, ServiceResponse
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
)

from .compat import mat_device
from .conftest import ENTRY_ID, async_setup_mat, let_time_pass

SESSION = "sensor.bedroom_mat_session"
SESSION_END = "sensor.bedroom_mat_session_end"
LAST_SESSION_END = "sensor.bedroom_mat_last_session_end"
ACTIVITY = "event.bedroom_mat_activity"
DURATION = "number.bedroom_mat_session_duration"
BODY_AREA = "select.bedroom_mat_body_area"
STORE_KEY = f"{DOMAIN}.{ENTRY_ID}"
# A whole second, so timestamp sensors (shown to the second) match exactly.
START = datetime.fromisoformat("2026-02-20T21:00:00+00:00")

# Placeholder in parametrized targets for an area created by the test.
EMPTY_AREA = "<an area with no mat>"


@pytest.fixture(autouse=True)
def start_time(freezer: FrozenDateTimeFactory) -> None:
    """Every test starts at a whole second."""
    freezer.move_to(START)


def _engine(entry: MockConfigEntry) -> MatSessionEngine:
    engine: MatSessionEngine = entry.runtime_data.engine
    return engine


async def _call(
    hass: HomeAssistant,
    service: str,
    data: dict[str, Any] | None = None,
    target: dict[str, Any] | None = None,
    *,
    return_response: bool = False,
) -> ServiceResponse:
    return await hass.services.async_call(
        DOMAIN,
        service,
        data or {},
        target={"entity_id": SESSION} if target is None else target,
        blocking=True,
        return_response=return_response,
    )


async def _press(hass: HomeAssistant, button: str) -> None:
    await hass.services.async_call(
        "button", "press", {"entity_id": f"button.bedroom_mat_{button}"}, blocking=True
    )


async def _idle(hass: HomeAssistant) -> None:
    """Leave the mat idle."""


async def _running(hass: HomeAssistant) -> None:
    await _call(hass, "start_session", {"duration": 20})


async def _running_35(hass: HomeAssistant) -> None:
    await _call(hass, "start_session", {"duration": 35})


async def _running_40(hass: HomeAssistant) -> None:
    await _call(hass, "start_session", {"duration": 40})


async def _paused(hass: HomeAssistant) -> None:
    await _call(hass, "start_session", {"duration": 20})
    await _call(hass, "pause_session")


SETUPS: dict[str, Callable[[HomeAssistant], Awaitable[None]]] = {
    "idle": _idle,
    "running": _running,
    "running_35": _running_35,
    "running_40": _running_40,
    "paused": _paused,
}


@dataclass(frozen=True)
class Seen:
    """What a user and the store see of the mat's session."""

    state: str
    attributes: dict[str, Any]
    last_updated: datetime
    session: dict[str, Any] | None
    stored: dict[str, Any] | None
    records: int
    activity: str | None


def _seen(
    hass: HomeAssistant, entry: MockConfigEntry, hass_storage: dict[str, Any]
) -> Seen:
    state = hass.states.get(SESSION)
    assert state is not None
    engine = _engine(entry)
    return Seen(
        state=state.state,
        attributes=dict(state.attributes),
        last_updated=state.last_updated,
        session=engine.session.as_dict() if engine.session else None,
        stored=deepcopy(hass_storage.get(STORE_KEY)),
        records=len(engine.history.records),
        activity=hass.states.get(ACTIVITY).attributes.get("event_type"),
    )


# --- start ---------------------------------------------------------------


async def test_start_uses_duration_entity(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Without a duration, the session lasts what the duration entity says."""
    await hass.services.async_call(
        "number", "set_value", {"entity_id": DURATION, "value": 30}, blocking=True
    )
    response = await _call(hass, "start_session", return_response=True)

    assert response is not None
    result = response[SESSION]
    assert isinstance(result, dict)
    assert result["planned_minutes"] == 30
    assert result["ends_at"] == (START + timedelta(minutes=30)).isoformat()
    assert hass.states.get(SESSION_END).state == result["ends_at"]
    state = hass.states.get(SESSION)
    assert state.state == "running"
    assert state.attributes["planned_minutes"] == 30
    assert state.attributes["body_area"] == "back"
    assert "remaining_minutes" not in state.attributes


async def test_start_with_duration_and_body_area(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Explicit fields win; the response tells the session and its end."""
    response = await _call(
        hass,
        "start_session",
        {"duration": 25, "body_area": "feet"},
        return_response=True,
    )

    engine = _engine(init_integration)
    assert engine.session is not None
    assert response == {
        SESSION: {
            "session_id": engine.session.id,
            "ends_at": "2026-02-20T21:25:00+00:00",
            "planned_minutes": 25,
            # No sleep filed for last night (see test_blueprint for one).
            "last_night": None,
        }
    }
    state = hass.states.get(SESSION)
    assert state.state == "running"
    assert state.attributes["planned_minutes"] == 25
    assert state.attributes["body_area"] == "feet"
    assert hass.states.get(SESSION_END).state == "2026-02-20T21:25:00+00:00"
    assert hass.states.get(ACTIVITY).attributes["event_type"] == "started"
    # Settings for the next session are not changed by one call's fields; a new
    # mat's duration follows the recommendation.
    assert hass.states.get(DURATION).state == "15"
    assert hass.states.get(BODY_AREA).state == "back"


async def test_start_with_recommended_duration(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """With an empty log the recommendation is the beginner's 15 minutes."""
    response = await _call(
        hass, "start_session", {"use_recommended": True}, return_response=True
    )
    assert response is not None
    result = response[SESSION]
    assert isinstance(result, dict)
    assert result["planned_minutes"] == 15
    assert hass.states.get(SESSION).attributes["planned_minutes"] == 15
    assert hass.states.get(SESSION_END).state == "2026-02-20T21:15:00+00:00"


async def test_start_without_response(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A plain call (as automations make) starts the session too."""
    assert await _call(hass, "start_session") is None
    assert hass.states.get(SESSION).state == "running"
    # A new mat's duration entity shows the recommended 15 minutes.
    assert hass.states.get(SESSION).attributes["planned_minutes"] == 15


async def test_start_by_device(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    device_registry: dr.DeviceRegistry,
) -> None:
    """Targeting the mat's device reaches its session entity."""
    device = mat_device(hass, ENTRY_ID)
    await _call(hass, "start_session", target={"device_id": device.id})
    assert hass.states.get(SESSION).state == "running"


async def test_started_event(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """The started event tells which mat, which session, how long and where."""
    started = async_capture_events(hass, EVENT_SESSION_STARTED)
    await _call(hass, "start_session", {"duration": 15, "body_area": "neck"})
    await hass.async_block_till_done()

    engine = _engine(init_integration)
    assert engine.session is not None
    assert len(started) == 1
    assert started[0].data["entity_id"] == SESSION
    assert started[0].data["session_id"] == engine.session.id
    assert started[0].data["minutes"] == 15
    assert started[0].data["body_area"] == "neck"


# --- refusals ------------------------------------------------------------


@pytest.mark.parametrize(
    ("setup", "service", "data", "key", "message"),
    [
        pytest.param(
            "idle",
            "start_session",
            {"duration": 14},
            "duration_out_of_range",
            "Sessions last 15 to 40 whole minutes; 14 was asked",
            id="start-14",
        ),
        pytest.param(
            "idle",
            "start_session",
            {"duration": 41},
            "duration_out_of_range",
            "Sessions last 15 to 40 whole minutes; 41 was asked",
            id="start-41",
        ),
        pytest.param(
            "idle",
            "start_session",
            {"duration": 20.5},
            "duration_out_of_range",
            "Sessions last 15 to 40 whole minutes; 20.5 was asked",
            id="start-20.5",
        ),
        pytest.param(
            "idle",
            "start_session",
            {"duration": -1},
            "duration_out_of_range",
            "Sessions last 15 to 40 whole minutes; -1 was asked",
            id="start-minus-1",
        ),
        pytest.param(
            "idle",
            "start_session",
            {"duration": "41"},
            "duration_out_of_range",
            "Sessions last 15 to 40 whole minutes; 41 was asked",
            id="start-41-as-text",
        ),
        pytest.param(
            "idle",
            "start_session",
            {"duration": 20, "use_recommended": True},
            "duration_and_recommended",
            "Give a duration or use the recommended duration, not both",
            id="start-duration-and-recommended",
        ),
        pytest.param(
            "idle",
            "start_session",
            {"body_area": "arm"},
            "invalid_body_area",
            "The body area must be one of back, neck, feet; arm was asked",
            id="start-arm",
        ),
        pytest.param(
            "running",
            "start_session",
            {},
            "session_active",
            "Bedroom mat already has a session running. "
            "Stop it before starting another",
            id="start-while-running",
        ),
        pytest.param(
            "paused",
            "start_session",
            {"duration": 30},
            "session_paused",
            "Bedroom mat has a paused session. "
            "Resume it, or stop it before starting another",
            id="start-while-paused",
        ),
        pytest.param(
            "idle",
            "pause_session",
            {},
            "pause_no_session",
            "Bedroom mat has no session to pause; start one first",
            id="pause-while-idle",
        ),
        pytest.param(
            "paused",
            "pause_session",
            {},
            "pause_wrong_state",
            "The session on Bedroom mat is already paused",
            id="pause-while-paused",
        ),
        pytest.param(
            "idle",
            "resume_session",
            {},
            "resume_no_session",
            "Bedroom mat has no session to resume; start one first",
            id="resume-while-idle",
        ),
        pytest.param(
            "running",
            "resume_session",
            {},
            "resume_wrong_state",
            "The session on Bedroom mat is running, not paused: "
            "there is nothing to resume",
            id="resume-while-running",
        ),
        pytest.param(
            "idle",
            "extend_session",
            {"minutes": 5},
            "extend_no_session",
            "Bedroom mat has no session to extend; start one first",
            id="extend-while-idle",
        ),
        pytest.param(
            "running",
            "extend_session",
            {"minutes": 0},
            "extend_out_of_range",
            "A session can be extended by 1 to 20 whole minutes; 0 was asked",
            id="extend-0",
        ),
        pytest.param(
            "running",
            "extend_session",
            {"minutes": 21},
            "extend_out_of_range",
            "A session can be extended by 1 to 20 whole minutes; 21 was asked",
            id="extend-21",
        ),
        pytest.param(
            "paused",
            "extend_session",
            {"minutes": 2.5},
            "extend_out_of_range",
            "A session can be extended by 1 to 20 whole minutes; 2.5 was asked",
            id="extend-2.5-while-paused",
        ),
        pytest.param(
            "running_35",
            "extend_session",
            {"minutes": 6},
            "extend_past_max",
            "A session lasts at most 40 minutes. This one is planned for 35, "
            "so at most 5 more can be added; 6 was asked",
            id="extend-past-40",
        ),
        pytest.param(
            "idle",
            "stop_session",
            {},
            "stop_no_session",
            "Bedroom mat has no session to stop",
            id="stop-while-idle",
        ),
        pytest.param(
            "running",
            "stop_session",
            {"rating": 6},
            "rating_out_of_range",
            "A rating is a whole number from 1 to 5; 6 was given",
            id="stop-rating-6",
        ),
        pytest.param(
            "paused",
            "stop_session",
            {"rating": 3.5},
            "rating_out_of_range",
            "A rating is a whole number from 1 to 5; 3.5 was given",
            id="stop-rating-3.5-while-paused",
        ),
    ],
)
async def test_refusal(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    setup: str,
    service: str,
    data: dict[str, Any],
    key: str,
    message: str,
) -> None:
    """Each refusal says what was wrong and what is allowed, and changes nothing."""
    await SETUPS[setup](hass)
    before = _seen(hass, init_integration, hass_storage)

    with pytest.raises(ServiceValidationError) as exc:
        await _call(hass, service, data)
    await hass.async_block_till_done()

    assert exc.value.translation_domain == DOMAIN
    assert exc.value.translation_key == key
    assert str(exc.value) == message
    assert _seen(hass, init_integration, hass_storage) == before


@pytest.mark.parametrize("setup", ["idle", "running"])
@pytest.mark.parametrize(
    "target",
    [
        pytest.param({"entity_id": "sensor.no_such_mat"}, id="unknown-entity"),
        pytest.param({"entity_id": "light.bedroom"}, id="light"),
        pytest.param({"entity_id": SESSION_END}, id="mat-timestamp-sensor"),
        pytest.param(
            {"entity_id": "button.bedroom_mat_start_session"}, id="mat-button"
        ),
        pytest.param({"entity_id": "none"}, id="entity-none"),
        pytest.param({"area_id": EMPTY_AREA}, id="area-without-mat"),
        pytest.param({"area_id": "no_such_area"}, id="unknown-area"),
    ],
)
@pytest.mark.parametrize(
    ("service", "data"),
    [
        ("start_session", {}),
        ("stop_session", {}),
        ("pause_session", {}),
        ("extend_session", {"minutes": 5}),
    ],
)
async def test_target_reaches_no_mat(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    area_registry: ar.AreaRegistry,
    setup: str,
    target: dict[str, Any],
    service: str,
    data: dict[str, Any],
) -> None:
    """A call that reaches no mat is a translated error, not a silent no-op."""
    hass.states.async_set("light.bedroom", "on")
    if target.get("area_id") == EMPTY_AREA:
        target = {"area_id": area_registry.async_create("Kitchen").id}
    await SETUPS[setup](hass)
    before = _seen(hass, init_integration, hass_storage)

    with pytest.raises(ServiceValidationError) as exc:
        await _call(hass, service, data, target)
    await hass.async_block_till_done()

    assert exc.value.translation_key == "no_mat_targeted"
    assert str(exc.value) == (
        "The action reached no acupressure mat. "
        "Target a mat's session entity, its device or its area"
    )
    assert _seen(hass, init_integration, hass_storage) == before


async def test_no_target_is_translated(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    """A call without any target is a translated error and starts nothing."""
    before = _seen(hass, init_integration, hass_storage)
    with pytest.raises(ServiceValidationError) as exc:
        await hass.services.async_call(DOMAIN, "start_session", {}, blocking=True)
    assert exc.value.translation_key == "no_mat_targeted"
    await hass.async_block_till_done()
    assert _seen(hass, init_integration, hass_storage) == before


@pytest.mark.parametrize(
    ("service", "data", "match"),
    [
        ("start_session", {"duration": "abc"}, "expected float"),
        # The wording differs between releases; both name the unknown field.
        ("start_session", {"duration": 20, "color": "red"}, "color"),
        ("extend_session", {}, "required key not provided"),
        ("extend_session", {"minutes": "many"}, "expected float"),
        ("stop_session", {"rating": "great"}, "expected float"),
    ],
)
async def test_schema_refuses_wrong_types(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    service: str,
    data: dict[str, Any],
    match: str,
) -> None:
    """Wrong types are refused by the schema, before any mat is touched."""
    await _running(hass)
    before = _seen(hass, init_integration, hass_storage)
    with pytest.raises(vol.Invalid, match=match):
        await _call(hass, service, data)
    await hass.async_block_till_done()
    assert _seen(hass, init_integration, hass_storage) == before


# --- the websocket path of the frontend ----------------------------------


async def test_websocket_error_is_translated(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """The frontend shows the translated sentence, not the key."""
    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {
            "type": "call_service",
            "domain": DOMAIN,
            "service": "start_session",
            "service_data": {"duration": 41},
            "target": {"entity_id": SESSION},
        }
    )
    msg = await client.receive_json()

    assert not msg["success"]
    error = msg["error"]
    assert error["code"] == "service_validation_error"
    assert error["translation_domain"] == DOMAIN
    assert error["translation_key"] == "duration_out_of_range"
    # Home Assistant drops the sentence's final full stop.
    assert error["message"].endswith(
        "Sessions last 15 to 40 whole minutes; 41 was asked"
    )
    assert hass.states.get(SESSION).state == "idle"


async def test_websocket_wrong_type(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """A duration that is not a number is a format error naming the field."""
    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {
            "type": "call_service",
            "domain": DOMAIN,
            "service": "start_session",
            "service_data": {"duration": "abc"},
            "target": {"entity_id": SESSION},
        }
    )
    msg = await client.receive_json()

    assert not msg["success"]
    assert msg["error"]["code"] == "invalid_format"
    assert "duration" in msg["error"]["message"]
    assert hass.states.get(SESSION).state == "idle"


# --- pause, resume, extend -------------------------------------------------


async def test_pause_and_resume(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Pausing stops the countdown; resuming moves the end by the pause."""
    await _call(hass, "start_session", {"duration": 20})
    assert hass.states.get(SESSION_END).state == "2026-02-20T21:20:00+00:00"
    await let_time_pass(hass, freezer, 5)

    await _call(hass, "pause_session")
    state = hass.states.get(SESSION)
    assert state.state == "paused"
    assert state.attributes["remaining_minutes"] == 15.0
    assert state.attributes["planned_minutes"] == 20
    assert hass.states.get(SESSION_END).state == STATE_UNKNOWN
    assert hass.states.get(ACTIVITY).attributes["event_type"] == "paused"

    await let_time_pass(hass, freezer, 3)
    await _call(hass, "resume_session")
    state = hass.states.get(SESSION)
    assert state.state == "running"
    assert "remaining_minutes" not in state.attributes
    assert hass.states.get(SESSION_END).state == "2026-02-20T21:23:00+00:00"
    assert hass.states.get(ACTIVITY).attributes["event_type"] == "resumed"


async def test_pause_and_resume_are_stored(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """Start, pause and resume are in the store at once (a crash loses nothing)."""
    await _call(hass, "start_session", {"duration": 20, "body_area": "neck"})
    stored = hass_storage[STORE_KEY]["data"]["session"]
    assert stored["planned_minutes"] == 20
    assert stored["body_area"] == "neck"
    assert stored["started_at"] == START.isoformat()
    assert stored["paused_at"] is None

    await let_time_pass(hass, freezer, 5)
    await _call(hass, "pause_session")
    stored = hass_storage[STORE_KEY]["data"]["session"]
    assert stored["paused_at"] == "2026-02-20T21:05:00+00:00"

    await let_time_pass(hass, freezer, 3)
    await _call(hass, "resume_session")
    stored = hass_storage[STORE_KEY]["data"]["session"]
    assert stored["paused_at"] is None
    assert stored["paused_seconds"] == 180.0

    await _call(hass, "extend_session", {"minutes": 4})
    assert hass_storage[STORE_KEY]["data"]["session"]["planned_minutes"] == 24


async def test_several_pauses_add_up(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Two pauses of 3 and 4 minutes move the end by 7 minutes."""
    await _call(hass, "start_session", {"duration": 20})
    await let_time_pass(hass, freezer, 5)
    await _call(hass, "pause_session")
    await let_time_pass(hass, freezer, 3)
    await _call(hass, "resume_session")
    await let_time_pass(hass, freezer, 5)
    await _call(hass, "pause_session")
    assert hass.states.get(SESSION).attributes["remaining_minutes"] == 10.0
    await let_time_pass(hass, freezer, 4)
    await _call(hass, "resume_session")
    assert hass.states.get(SESSION_END).state == "2026-02-20T21:27:00+00:00"

    await let_time_pass(hass, freezer, 10)

    assert hass.states.get(SESSION).state == "idle"
    [record] = _engine(init_integration).history.records
    assert record.active_minutes == 20.0
    assert record.ended_at == START + timedelta(minutes=27)


async def test_paused_time_does_not_count(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Start 20, run 5, pause 10, resume: the session ends 15 minutes later."""
    await _call(hass, "start_session", {"duration": 20})
    await let_time_pass(hass, freezer, 5)
    await _call(hass, "pause_session")
    await let_time_pass(hass, freezer, 10)
    # Still paused: the original end passed without ending it.
    await let_time_pass(hass, freezer, 10)
    assert hass.states.get(SESSION).state == "paused"
    await _call(hass, "resume_session")
    await let_time_pass(hass, freezer, 14)
    assert hass.states.get(SESSION).state == "running"

    await let_time_pass(hass, freezer, 1)

    assert hass.states.get(SESSION).state == "idle"
    [record] = _engine(init_integration).history.records
    assert record.outcome == "completed"
    assert record.active_minutes == 20.0
    assert record.ended_at == START + timedelta(minutes=40)


async def test_extend_while_running_moves_the_end(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Extending a running session moves its end and its plan."""
    await _call(hass, "start_session", {"duration": 20})
    await _call(hass, "extend_session", {"minutes": 7})

    state = hass.states.get(SESSION)
    assert state.state == "running"
    assert state.attributes["planned_minutes"] == 27
    assert hass.states.get(SESSION_END).state == "2026-02-20T21:27:00+00:00"
    assert hass.states.get(ACTIVITY).attributes["event_type"] == "extended"

    await let_time_pass(hass, freezer, 20)
    assert hass.states.get(SESSION).state == "running"
    await let_time_pass(hass, freezer, 7)
    assert hass.states.get(SESSION).state == "idle"
    [record] = _engine(init_integration).history.records
    assert (record.planned_minutes, record.active_minutes) == (27, 27.0)
    assert record.outcome == "completed"


async def test_extend_to_the_maximum(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """From 35 minutes, 5 more reach the 40 minute maximum."""
    await _call(hass, "start_session", {"duration": 35})
    await _call(hass, "extend_session", {"minutes": 5})
    assert hass.states.get(SESSION).attributes["planned_minutes"] == 40
    assert hass.states.get(SESSION_END).state == "2026-02-20T21:40:00+00:00"


async def test_extend_while_paused_adds_to_remaining(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Extending a paused session adds to what is left, and it stays paused."""
    await _call(hass, "start_session", {"duration": 20})
    await let_time_pass(hass, freezer, 5)
    await _call(hass, "pause_session")
    await let_time_pass(hass, freezer, 2)
    await _call(hass, "extend_session", {"minutes": 10})

    state = hass.states.get(SESSION)
    assert state.state == "paused"
    assert state.attributes["planned_minutes"] == 30
    assert state.attributes["remaining_minutes"] == 25.0
    assert hass.states.get(SESSION_END).state == STATE_UNKNOWN

    await _call(hass, "resume_session")
    # Resumed at 21:07 with 25 minutes left.
    assert hass.states.get(SESSION_END).state == "2026-02-20T21:32:00+00:00"


# --- stop -----------------------------------------------------------------


async def test_stop_early_is_logged(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Stopped after 10 of 20 minutes: logged as stopped early."""
    ended = async_capture_events(hass, EVENT_SESSION_ENDED)
    await _call(hass, "start_session", {"duration": 20})
    await let_time_pass(hass, freezer, 10)
    await _call(hass, "stop_session")
    await hass.async_block_till_done()

    assert hass.states.get(SESSION).state == "idle"
    assert hass.states.get(SESSION).attributes.get("planned_minutes") is None
    assert hass.states.get(SESSION_END).state == STATE_UNKNOWN
    [record] = _engine(init_integration).history.records
    assert record.outcome == "stopped_early"
    assert record.active_minutes == 10.0
    assert record.planned_minutes == 20
    assert record.rating is None
    assert _engine(init_integration).session is None
    assert hass.states.get(ACTIVITY).attributes["event_type"] == "stopped_early"
    assert [e.data["outcome"] for e in ended] == ["stopped_early"]
    assert ended[0].data["false_start"] is False
    assert hass.states.get(LAST_SESSION_END).state == "2026-02-20T21:10:00+00:00"


async def test_stop_with_rating(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A rating given on stop is logged with the session."""
    await _call(hass, "start_session", {"duration": 20})
    await let_time_pass(hass, freezer, 10)
    await _call(hass, "stop_session", {"rating": 4})

    [record] = _engine(init_integration).history.records
    assert record.rating == 4


async def test_stop_while_paused(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A paused session can be stopped; the pause does not count."""
    await _call(hass, "start_session", {"duration": 20})
    await let_time_pass(hass, freezer, 6)
    await _call(hass, "pause_session")
    await let_time_pass(hass, freezer, 20)
    await _call(hass, "stop_session")

    assert hass.states.get(SESSION).state == "idle"
    [record] = _engine(init_integration).history.records
    assert record.outcome == "stopped_early"
    assert record.active_minutes == 6.0


async def test_stop_false_start(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Stopped within its first 2 minutes: a false start, not logged."""
    ended = async_capture_events(hass, EVENT_SESSION_ENDED)
    await _call(hass, "start_session", {"duration": 20})
    await let_time_pass(hass, freezer, 1.5)
    await _call(hass, "stop_session", {"rating": 2})
    await hass.async_block_till_done()

    assert hass.states.get(SESSION).state == "idle"
    assert _engine(init_integration).history.records == []
    assert hass.states.get(LAST_SESSION_END).state == STATE_UNKNOWN
    assert len(ended) == 1
    assert ended[0].data["false_start"] is True
    assert ended[0].data["entity_id"] == SESSION


# --- to the end -------------------------------------------------------------


async def test_session_runs_to_its_end(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """At the end: idle, logged as completed, events fired, last end shown."""
    ended = async_capture_events(hass, EVENT_SESSION_ENDED)
    await _call(hass, "start_session", {"duration": 20})
    session_id = _engine(init_integration).session.id

    await let_time_pass(hass, freezer, 20)

    assert hass.states.get(SESSION).state == "idle"
    assert hass.states.get(SESSION_END).state == STATE_UNKNOWN
    [record] = _engine(init_integration).history.records
    assert record.id == session_id
    assert record.outcome == "completed"
    assert record.active_minutes == 20.0
    assert record.ended_at == START + timedelta(minutes=20)
    assert len(ended) == 1
    assert ended[0].data["outcome"] == "completed"
    assert ended[0].data["entity_id"] == SESSION
    assert ended[0].data["session_id"] == session_id
    assert ended[0].data["false_start"] is False
    assert hass.states.get(ACTIVITY).attributes["event_type"] == "completed"
    assert hass.states.get(LAST_SESSION_END).state == "2026-02-20T21:20:00+00:00"
    assert _engine(init_integration).session is None
    assert hass_storage[STORE_KEY]["data"]["session"] is None


async def test_no_state_writes_while_running(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A running session writes state on start and end only, not each minute."""
    mat_entities = {
        entry.entity_id
        for entry in er.async_entries_for_config_entry(entity_registry, ENTRY_ID)
    }
    assert {SESSION, SESSION_END, ACTIVITY} <= mat_entities
    await _call(hass, "start_session", {"duration": 20})
    await hass.async_block_till_done()
    changes = async_capture_events(hass, EVENT_STATE_CHANGED)

    for _ in range(19):
        await let_time_pass(hass, freezer, 1)

    assert [
        e.data["entity_id"] for e in changes if e.data["entity_id"] in mat_entities
    ] == []
    assert hass.states.get(SESSION).state == "running"

    await let_time_pass(hass, freezer, 1)
    assert hass.states.get(SESSION).state == "idle"
    changed = {e.data["entity_id"] for e in changes}
    assert {SESSION, SESSION_END, LAST_SESSION_END, ACTIVITY} <= changed


# --- buttons ------------------------------------------------------------------


async def test_buttons(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """The buttons start, pause, resume, extend and stop like the actions."""
    await hass.services.async_call(
        "select",
        "select_option",
        {"entity_id": BODY_AREA, "option": "feet"},
        blocking=True,
    )
    await hass.services.async_call(
        "number", "set_value", {"entity_id": DURATION, "value": 20}, blocking=True
    )
    await _press(hass, "start_session")
    state = hass.states.get(SESSION)
    assert state.state == "running"
    assert state.attributes["planned_minutes"] == 20
    assert state.attributes["body_area"] == "feet"

    await let_time_pass(hass, freezer, 4)
    await _press(hass, "pause_session")
    assert hass.states.get(SESSION).state == "paused"
    assert hass.states.get(SESSION).attributes["remaining_minutes"] == 16.0

    await let_time_pass(hass, freezer, 2)
    await _press(hass, "resume_session")
    assert hass.states.get(SESSION).state == "running"
    assert hass.states.get(SESSION_END).state == "2026-02-20T21:22:00+00:00"

    await _press(hass, "extend_session")
    assert hass.states.get(SESSION).attributes["planned_minutes"] == 25
    assert hass.states.get(SESSION_END).state == "2026-02-20T21:27:00+00:00"

    await let_time_pass(hass, freezer, 6)
    await _press(hass, "stop_session")
    assert hass.states.get(SESSION).state == "idle"
    [record] = _engine(init_integration).history.records
    assert record.outcome == "stopped_early"
    assert record.active_minutes == 10.0
    assert record.planned_minutes == 25
    assert record.body_area == "feet"


@pytest.mark.parametrize(
    ("setup", "button", "key", "message"),
    [
        (
            "running",
            "start_session",
            "session_active",
            "Bedroom mat already has a session running. "
            "Stop it before starting another",
        ),
        (
            "idle",
            "stop_session",
            "stop_no_session",
            "Bedroom mat has no session to stop",
        ),
        (
            "idle",
            "pause_session",
            "pause_no_session",
            "Bedroom mat has no session to pause; start one first",
        ),
        (
            "paused",
            "pause_session",
            "pause_wrong_state",
            "The session on Bedroom mat is already paused",
        ),
        (
            "running",
            "resume_session",
            "resume_wrong_state",
            "The session on Bedroom mat is running, not paused: "
            "there is nothing to resume",
        ),
        (
            "idle",
            "extend_session",
            "extend_no_session",
            "Bedroom mat has no session to extend; start one first",
        ),
        (
            "running_40",
            "extend_session",
            "extend_past_max",
            "A session lasts at most 40 minutes. This one is planned for 40, "
            "so at most 0 more can be added; 5 was asked",
        ),
    ],
)
async def test_button_refusal(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_storage: dict[str, Any],
    setup: str,
    button: str,
    key: str,
    message: str,
) -> None:
    """A press that does not apply says why and changes nothing."""
    await SETUPS[setup](hass)
    before = _seen(hass, init_integration, hass_storage)

    with pytest.raises(ServiceValidationError) as exc:
        await _press(hass, button)
    await hass.async_block_till_done()

    assert exc.value.translation_key == key
    assert str(exc.value) == message
    assert _seen(hass, init_integration, hass_storage) == before


# --- settings ---------------------------------------------------------------


async def test_settings_are_saved_at_once(
    hass: HomeAssistant, init_integration: MockConfigEntry, hass_storage: dict[str, Any]
) -> None:
    """Duration and body area are in the store as soon as they are set."""
    await hass.services.async_call(
        "number", "set_value", {"entity_id": DURATION, "value": 25}, blocking=True
    )
    assert hass_storage[STORE_KEY]["data"]["settings"]["duration"] == 25
    await hass.services.async_call(
        "select",
        "select_option",
        {"entity_id": BODY_AREA, "option": "neck"},
        blocking=True,
    )

    assert hass_storage[STORE_KEY]["data"]["settings"] == {
        "duration": 25,
        "body_area": "neck",
        "bedtime": "22:30",
    }
    assert hass_storage[STORE_KEY]["data"]["session"] is None
    assert hass.states.get(DURATION).state == "25"
    assert hass.states.get(BODY_AREA).state == "neck"

    await _call(hass, "start_session")
    state = hass.states.get(SESSION)
    assert state.attributes["planned_minutes"] == 25
    assert state.attributes["body_area"] == "neck"
    stored = hass_storage[STORE_KEY]["data"]["session"]
    assert stored["planned_minutes"] == 25
    assert stored["body_area"] == "neck"


# --- several mats -------------------------------------------------------------


@dataclass
class Mats:
    """Three mats: two in the bedroom area, one in the office."""

    bedroom: MockConfigEntry
    living_room: MockConfigEntry
    office: MockConfigEntry
    area_id: str


@pytest.fixture
async def mats(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    area_registry: ar.AreaRegistry,
    device_registry: dr.DeviceRegistry,
) -> Mats:
    """The Bedroom and Living room mats share an area; the Office mat does not."""
    living_room = await async_setup_mat(
        hass, title="Living room mat", entry_id="01JMATENTRY0000000000000002"
    )
    office = await async_setup_mat(
        hass, title="Office mat", entry_id="01JMATENTRY0000000000000003"
    )
    shared = area_registry.async_create("Relaxation corner")
    other = area_registry.async_create("Office")
    for entry, area in (
        (init_integration, shared),
        (living_room, shared),
        (office, other),
    ):
        device = mat_device(hass, entry.entry_id)
        device_registry.async_update_device(device.id, area_id=area.id)
    return Mats(init_integration, living_room, office, shared.id)


LIVING_ROOM = "sensor.living_room_mat_session"
OFFICE = "sensor.office_mat_session"


async def test_start_by_area_starts_every_mat_there(
    hass: HomeAssistant, mats: Mats
) -> None:
    """An area target starts each mat in it and leaves the others alone."""
    response = await _call(
        hass,
        "start_session",
        {"duration": 15},
        {"area_id": mats.area_id},
        return_response=True,
    )

    assert response is not None
    assert set(response) == {SESSION, LIVING_ROOM}
    assert hass.states.get(SESSION).state == "running"
    assert hass.states.get(LIVING_ROOM).state == "running"
    assert hass.states.get(LIVING_ROOM).attributes["planned_minutes"] == 15
    assert hass.states.get(OFFICE).state == "idle"
    assert _engine(mats.office).session is None


async def test_start_by_area_is_all_or_nothing(
    hass: HomeAssistant, mats: Mats, hass_storage: dict[str, Any]
) -> None:
    """One mat in the area already runs: none is started."""
    await _call(hass, "start_session", target={"entity_id": LIVING_ROOM})
    started = async_capture_events(hass, EVENT_SESSION_STARTED)

    with pytest.raises(ServiceValidationError) as exc:
        await _call(hass, "start_session", target={"area_id": mats.area_id})
    await hass.async_block_till_done()

    assert exc.value.translation_key == "session_active"
    assert str(exc.value) == (
        "Living room mat already has a session running. Stop it before starting another"
    )
    assert hass.states.get(SESSION).state == "idle"
    assert _engine(mats.bedroom).session is None
    assert hass_storage.get(STORE_KEY, {}).get("data", {}).get("session") is None
    assert hass.states.get(LIVING_ROOM).state == "running"
    assert started == []


async def test_stop_by_area_is_all_or_nothing(
    hass: HomeAssistant, mats: Mats, freezer: FrozenDateTimeFactory
) -> None:
    """Stopping an area where one mat is idle stops none of them."""
    await _call(hass, "start_session", target={"entity_id": LIVING_ROOM})
    await let_time_pass(hass, freezer, 10)

    with pytest.raises(ServiceValidationError) as exc:
        await _call(hass, "stop_session", target={"area_id": mats.area_id})

    assert exc.value.translation_key == "stop_no_session"
    assert str(exc.value) == "Bedroom mat has no session to stop"
    assert hass.states.get(LIVING_ROOM).state == "running"
    assert _engine(mats.living_room).history.records == []


async def test_start_all_mats(hass: HomeAssistant, mats: Mats) -> None:
    """entity_id all reaches every mat."""
    await _call(hass, "start_session", target={"entity_id": "all"})
    assert {
        hass.states.get(entity_id).state for entity_id in (SESSION, LIVING_ROOM, OFFICE)
    } == {"running"}
