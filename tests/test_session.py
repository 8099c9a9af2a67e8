"""The session engine: the pause limit, and the engine standing alone."""

from __future__ import annotations

import ast
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)

from custom_components.acupressure_mat.const import DOMAIN, EVENT_SESSION_ENDED
from homeassistant.const import EVENT_HOMEASSISTANT_STARTED, EVENT_STATE_CHANGED
from homeassistant.core import CoreState, Event, HomeAssistant, State, callback

from .conftest import ENTRY_ID, async_setup_mat, let_time_pass
from .devices.adaptive_lighting import async_setup_adaptive_lighting

SESSION = "sensor.bedroom_mat_session"
ACTIVITY = "event.bedroom_mat_activity"
CEILING = "light.ceiling_lights"  # a demo light, on
STORE_KEY = f"{DOMAIN}.{ENTRY_ID}"
START = datetime.fromisoformat("2026-02-20T21:00:00+00:00")
INTEGRATION = Path(__file__).parent.parent / "custom_components" / DOMAIN


@pytest.fixture(autouse=True)
def start_time(freezer: FrozenDateTimeFactory) -> None:
    """An evening in February, whatever the machine's clock says."""
    freezer.move_to(START)


async def _set_up(hass: HomeAssistant, **options: Any) -> MockConfigEntry:
    return await async_setup_mat(hass, **options)


async def _call(hass: HomeAssistant, action: str, **data: Any) -> None:
    await hass.services.async_call(
        DOMAIN, action, data, target={"entity_id": SESSION}, blocking=True
    )
    await hass.async_block_till_done()


def _look(hass: HomeAssistant, entity_id: str) -> tuple[str, dict[str, Any]]:
    state = hass.states.get(entity_id)
    assert state is not None
    return state.state, dict(state.attributes)


def _writes(hass: HomeAssistant, entity_id: str) -> list[State]:
    """Collect the states written for an entity from now on."""
    written: list[State] = []

    @callback
    def _changed(event: Event[Any]) -> None:
        if event.data["entity_id"] == entity_id and event.data["new_state"]:
            written.append(event.data["new_state"])

    hass.bus.async_listen(EVENT_STATE_CHANGED, _changed)
    return written


# --- the pause limit ---------------------------------------------------------


@pytest.mark.usefixtures("demo_lights", "room_devices")
async def test_pause_limit_ends_the_session_and_puts_the_room_back(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A pause left for 30 minutes ends the session as stopped early."""
    switch = await async_setup_adaptive_lighting(hass, "Bedroom", [CEILING])
    before = _look(hass, CEILING)
    entry = await _set_up(hass, lights=[CEILING], color_temp_kelvin=2200)
    ended = async_capture_events(hass, EVENT_SESSION_ENDED)

    await _call(hass, "start_session", duration=20)
    await let_time_pass(hass, freezer, 5)
    await _call(hass, "pause_session")
    dimmed = _look(hass, CEILING)
    written = _writes(hass, SESSION)

    await let_time_pass(hass, freezer, 29)
    assert hass.states.get(SESSION).state == "paused"
    assert _look(hass, CEILING) == dimmed
    assert written == []

    await let_time_pass(hass, freezer, 1)
    assert hass.states.get(SESSION).state == "idle"
    assert [state.state for state in written] == ["idle"]
    assert _look(hass, CEILING) == before
    assert hass.states.get(switch.entity_id).attributes["manual_control"] == []
    [record] = entry.runtime_data.engine.history.records
    assert record.outcome == "stopped_early"
    assert record.active_minutes == 5.0
    assert record.ended_at == START + timedelta(minutes=35)
    assert record.ended_while_offline is False
    [event] = ended
    assert event.data["outcome"] == "stopped_early"
    assert event.data["false_start"] is False
    assert event.data["minutes"] == 5.0
    assert hass.states.get(ACTIVITY).attributes["event_type"] == "stopped_early"


async def test_pause_limit_after_a_false_start(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Paused within its first 2 minutes and left: a false start, not logged."""
    entry = await _set_up(hass)
    ended = async_capture_events(hass, EVENT_SESSION_ENDED)
    await _call(hass, "start_session", duration=20)
    await let_time_pass(hass, freezer, 1)
    await _call(hass, "pause_session")

    await let_time_pass(hass, freezer, 30)

    assert hass.states.get(SESSION).state == "idle"
    assert entry.runtime_data.engine.history.records == []
    [event] = ended
    assert event.data["false_start"] is True
    assert event.data["ended_while_offline"] is False


async def test_resume_starts_the_countdown_again(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A resumed session runs to its end; a new pause has its own 30 minutes."""
    entry = await _set_up(hass)
    await _call(hass, "start_session", duration=20)
    await let_time_pass(hass, freezer, 5)
    await _call(hass, "pause_session")
    await let_time_pass(hass, freezer, 25)
    await _call(hass, "resume_session")
    await let_time_pass(hass, freezer, 5)
    await _call(hass, "pause_session")

    # 30 minutes after the first pause, and 29 after the second: still paused.
    await let_time_pass(hass, freezer, 29)
    assert hass.states.get(SESSION).state == "paused"
    await _call(hass, "resume_session")
    await let_time_pass(hass, freezer, 10)

    assert hass.states.get(SESSION).state == "idle"
    [record] = entry.runtime_data.engine.history.records
    assert record.outcome == "completed"
    assert record.active_minutes == 20.0


async def test_extend_while_paused_keeps_the_pause_limit(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Extending a paused session adds minutes, not pause time."""
    entry = await _set_up(hass)
    await _call(hass, "start_session", duration=20)
    await let_time_pass(hass, freezer, 5)
    await _call(hass, "pause_session")
    await let_time_pass(hass, freezer, 10)
    await _call(hass, "extend_session", minutes=5)

    await let_time_pass(hass, freezer, 20)

    assert hass.states.get(SESSION).state == "idle"
    [record] = entry.runtime_data.engine.history.records
    assert record.planned_minutes == 25
    assert record.outcome == "stopped_early"


# --- the pause limit across restarts -------------------------------------------


def _stored_paused_session(
    hass_storage: dict[str, Any], *, active_minutes: float, paused_minutes: float
) -> None:
    """A session paused when Home Assistant stopped, as the store holds it."""
    paused_at = START - timedelta(minutes=paused_minutes)
    hass_storage[STORE_KEY] = {
        "version": 1,
        "minor_version": 1,
        "key": STORE_KEY,
        "data": {
            "settings": None,
            "session": {
                "id": "01STOREDSESSION",
                "started_at": (
                    paused_at - timedelta(minutes=active_minutes)
                ).isoformat(),
                "planned_minutes": 20,
                "body_area": "back",
                "paused_seconds": 0.0,
                "paused_at": paused_at.isoformat(),
                "dim_lights": True,
                "announce": True,
                "room": {},
            },
        },
    }


@pytest.mark.usefixtures("demo_lights")
async def test_pause_limit_passed_while_offline(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A pause whose limit passed while Home Assistant was down ends at start-up.

    It is logged as stopped early at its limit, the lights come back, and the
    ended event fires once Home Assistant has started.
    """
    before = _look(hass, CEILING)
    entry = await _set_up(hass, lights=[CEILING], color_temp_kelvin=2200)
    await _call(hass, "start_session", duration=20)
    await let_time_pass(hass, freezer, 8)
    await _call(hass, "pause_session")
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()

    # Home Assistant is down for an hour.
    freezer.tick(timedelta(hours=1))
    hass.set_state(CoreState.starting)
    ended = async_capture_events(hass, EVENT_SESSION_ENDED)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    assert hass.states.get(SESSION).state == "idle"
    [record] = entry.runtime_data.engine.history.records
    assert record.outcome == "stopped_early"
    assert record.ended_while_offline is True
    assert record.active_minutes == 8.0
    assert record.ended_at == START + timedelta(minutes=38)
    assert ended == []

    hass.set_state(CoreState.running)
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STARTED)
    await hass.async_block_till_done()
    [event] = ended
    assert event.data["outcome"] == "stopped_early"
    assert event.data["ended_while_offline"] is True
    assert _look(hass, CEILING) == before


async def test_paused_false_start_ended_offline(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """A false start whose pause limit passed offline is not logged; its event fires."""
    _stored_paused_session(hass_storage, active_minutes=1, paused_minutes=31)
    ended = async_capture_events(hass, EVENT_SESSION_ENDED)
    entry = await _set_up(hass)

    assert hass.states.get(SESSION).state == "idle"
    assert entry.runtime_data.engine.history.records == []
    assert hass_storage[STORE_KEY]["data"]["session"] is None
    [event] = ended
    assert event.data["false_start"] is True
    assert event.data["ended_while_offline"] is True


async def test_pause_limit_counts_from_the_pause_across_a_restart(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """Paused 10 minutes before start-up: the session ends 20 minutes after it."""
    _stored_paused_session(hass_storage, active_minutes=6, paused_minutes=10)
    entry = await _set_up(hass)
    assert hass.states.get(SESSION).state == "paused"

    await let_time_pass(hass, freezer, 19)
    assert hass.states.get(SESSION).state == "paused"
    await let_time_pass(hass, freezer, 1)

    assert hass.states.get(SESSION).state == "idle"
    [record] = entry.runtime_data.engine.history.records
    assert record.outcome == "stopped_early"
    assert record.ended_while_offline is False
    assert record.active_minutes == 6.0


# --- the engine stands alone -------------------------------------------------


def _package_imports(module: str) -> set[str]:
    """The modules of the integration a module imports (relative imports)."""
    tree = ast.parse((INTEGRATION / f"{module}.py").read_text())
    return {
        node.module or ""
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.level == 1
    }


def _defined(module: str) -> set[str]:
    tree = ast.parse((INTEGRATION / f"{module}.py").read_text())
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
    }


def test_the_engine_knows_no_entities_actions_or_room() -> None:
    """session.py holds the engine; checks and effects live in files of their own."""
    assert _package_imports("session") == {
        "const",
        "effects",
        "history",
        "models",
        "recommendation",
        "storage",
        "validation",
    }
    assert _defined("session") == {
        "Advice",
        "MatSessionEngine",
        "_due",
        "_parse_stored",
    }
    assert _package_imports("effects") == {"models"}
    assert _package_imports("validation") == {"const"}
    assert {"SessionEffects", "NoEffects"} == _defined("effects")
