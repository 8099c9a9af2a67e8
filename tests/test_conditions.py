"""The mat's own conditions, in automations set up through the automation component."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.acupressure_mat.condition import CONDITIONS
from custom_components.acupressure_mat.const import DOMAIN
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers import area_registry as ar, device_registry as dr
from homeassistant.helpers.translation import async_get_translations
from homeassistant.setup import async_setup_component

from .compat import mat_device
from .conftest import ENTRY_ID, async_setup_mat, let_time_pass

AUTOMATION = "automation"
SESSION = "sensor.bedroom_mat_session"
GUEST_SESSION = "sensor.guest_mat_session"
GUEST_ENTRY_ID = "01JMATGUEST000000000000001"
START = datetime.fromisoformat("2026-02-20T21:00:00+00:00")


@pytest.fixture(autouse=True)
def start_time(freezer: FrozenDateTimeFactory) -> None:
    """An evening in February."""
    freezer.move_to(START)


@pytest.fixture
def passed(hass: HomeAssistant) -> list[ServiceCall]:
    """The calls the automations make when their conditions pass."""
    return async_mock_service(hass, "test", "automation")


async def _automations(hass: HomeAssistant, *conditions: dict[str, Any]) -> None:
    """One automation per condition, all run by the event `test_event`."""
    assert await async_setup_component(
        hass,
        AUTOMATION,
        {
            AUTOMATION: [
                {
                    "triggers": {"trigger": "event", "event_type": "test_event"},
                    "conditions": [condition],
                    "actions": {"action": "test.automation", "data": {"index": index}},
                }
                for index, condition in enumerate(conditions)
            ]
        },
    )
    await hass.async_block_till_done()


def _condition(key: str, target: dict[str, Any], **options: Any) -> dict[str, Any]:
    config: dict[str, Any] = {"condition": f"{DOMAIN}.{key}", "target": target}
    if options:
        config["options"] = options
    return config


async def _passing(hass: HomeAssistant, calls: list[ServiceCall]) -> list[int]:
    """Which automations' conditions pass now."""
    calls.clear()
    hass.bus.async_fire("test_event")
    await hass.async_block_till_done()
    return sorted(call.data["index"] for call in calls)


async def _call(hass: HomeAssistant, action: str, entity_id: str = SESSION) -> None:
    data = {"duration": 20} if action == "start_session" else {}
    await hass.services.async_call(
        DOMAIN, action, data, target={"entity_id": entity_id}, blocking=True
    )
    await hass.async_block_till_done()


async def test_the_mat_provides_its_conditions() -> None:
    """The condition keys start with is_, like core's."""
    assert set(CONDITIONS) == {"is_running", "is_paused", "is_idle"}


async def test_each_condition_passes_in_its_state_only(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, passed: list[ServiceCall]
) -> None:
    """is_idle, is_running, is_paused follow a real session."""
    await async_setup_mat(hass)
    target = {"entity_id": SESSION}
    await _automations(
        hass,
        _condition("is_idle", target),
        _condition("is_running", target),
        _condition("is_paused", target),
    )
    assert await _passing(hass, passed) == [0]
    await _call(hass, "start_session")
    assert await _passing(hass, passed) == [1]
    await let_time_pass(hass, freezer, minutes=5)
    await _call(hass, "pause_session")
    assert await _passing(hass, passed) == [2]
    await _call(hass, "resume_session")
    assert await _passing(hass, passed) == [1]
    await let_time_pass(hass, freezer, minutes=20)
    assert hass.states.get(SESSION).state == "idle"
    assert await _passing(hass, passed) == [0]


async def test_target_by_device_and_area_with_any_and_all(
    hass: HomeAssistant,
    passed: list[ServiceCall],
    area_registry: ar.AreaRegistry,
    device_registry: dr.DeviceRegistry,
) -> None:
    """By device: that mat; by area: any or all of the mats there."""
    await async_setup_mat(hass)
    await async_setup_mat(hass, title="Guest mat", entry_id=GUEST_ENTRY_ID)
    bedroom = area_registry.async_create("Bedroom")
    for entry_id in (ENTRY_ID, GUEST_ENTRY_ID):
        device = mat_device(hass, entry_id)
        device_registry.async_update_device(device.id, area_id=bedroom.id)
    area = {"area_id": bedroom.id}
    await _automations(
        hass,
        _condition("is_running", {"device_id": mat_device(hass, ENTRY_ID).id}),
        _condition("is_running", area, behavior="any"),
        _condition("is_running", area, behavior="all"),
        _condition("is_running", {"device_id": mat_device(hass, GUEST_ENTRY_ID).id}),
    )
    assert await _passing(hass, passed) == []
    await _call(hass, "start_session", GUEST_SESSION)
    assert await _passing(hass, passed) == [1, 3]
    await _call(hass, "start_session")
    assert await _passing(hass, passed) == [0, 1, 2, 3]


async def test_a_target_without_a_mat_fails(
    hass: HomeAssistant, passed: list[ServiceCall], area_registry: ar.AreaRegistry
) -> None:
    """An area with no mat, or another entity, never passes (not even is_idle)."""
    await async_setup_mat(hass)
    hass.states.async_set("sensor.other", "idle")
    kitchen = area_registry.async_create("Kitchen")
    await _automations(
        hass,
        _condition("is_idle", {"area_id": kitchen.id}),
        _condition("is_idle", {"entity_id": "sensor.other"}),
        _condition("is_idle", {"entity_id": "sensor.bedroom_mat_duration"}),
    )
    assert await _passing(hass, passed) == []


async def test_an_unknown_behavior_is_refused(hass: HomeAssistant) -> None:
    """The behavior option takes any or all; the automation does not set up."""
    await async_setup_mat(hass)
    await _automations(
        hass, _condition("is_idle", {"entity_id": SESSION}, behavior="first")
    )
    assert hass.states.get("automation.automation_0").state != "on"


async def test_the_editor_lists_the_conditions_with_their_names(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator
) -> None:
    """condition_platforms/subscribe describes them; their names are translated."""
    await async_setup_mat(hass)
    assert await async_setup_component(hass, "websocket_api", {})
    client = await hass_ws_client(hass)
    await client.send_json_auto_id({"type": "condition_platforms/subscribe"})
    assert (await client.receive_json())["success"]
    descriptions = (await client.receive_json())["event"]
    ours = {key: value for key, value in descriptions.items() if key.startswith(DOMAIN)}
    assert set(ours) == {f"{DOMAIN}.{key}" for key in CONDITIONS}
    running = ours[f"{DOMAIN}.is_running"]
    assert running["target"]["entity"] == [
        {"integration": DOMAIN, "domain": ["sensor"], "device_class": ["enum"]}
    ]
    names = await async_get_translations(hass, "fr", "conditions", [DOMAIN])
    assert names[f"component.{DOMAIN}.conditions.is_running.name"] == (
        "Séance sur le tapis en cours"
    )
