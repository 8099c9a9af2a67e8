"""The mat's own triggers, in automations set up through the automation component."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import async_mock_service
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.trigger import TRIGGERS
from homeassistant.const import ATTR_ENTITY_ID, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
)
from homeassistant.helpers.translation import async_get_translations
from homeassistant.helpers.trigger import async_validate_trigger_config
from homeassistant.setup import async_setup_component

from .compat import mat_device
from .conftest import ENTRY_ID, async_setup_mat, let_time_pass

AUTOMATION = "automation"
SESSION = "sensor.bedroom_mat_session"
ACTIVITY = "event.bedroom_mat_activity"
GUEST_ENTRY_ID = "01JMATGUEST000000000000001"
START = datetime.fromisoformat("2026-02-20T21:00:00+00:00")


@pytest.fixture(autouse=True)
def start_time(freezer: FrozenDateTimeFactory) -> None:
    """An evening in February."""
    freezer.move_to(START)


@pytest.fixture
def fired(hass: HomeAssistant) -> list[ServiceCall]:
    """The calls the automations make when they fire."""
    return async_mock_service(hass, "test", "automation")


def _trigger(trigger: str, target: dict[str, Any], **options: Any) -> dict[str, Any]:
    config: dict[str, Any] = {"trigger": f"{DOMAIN}.{trigger}", "target": target}
    if options:
        config["options"] = options
    return config


async def _automations(hass: HomeAssistant, *triggers: dict[str, Any]) -> None:
    """One automation per trigger; each tells its calls apart by its index."""
    assert await async_setup_component(
        hass,
        AUTOMATION,
        {
            AUTOMATION: [
                {
                    "triggers": [trigger],
                    "actions": {
                        "action": "test.automation",
                        "data": {
                            "automation": index,
                            "entity_id": "{{ trigger.entity_id }}",
                            "event_type": "{{ trigger.event_type }}",
                        },
                    },
                }
                for index, trigger in enumerate(triggers)
            ]
        },
    )
    await hass.async_block_till_done()


async def _automation(
    hass: HomeAssistant, trigger: str, target: dict[str, Any], **options: Any
) -> None:
    await _automations(hass, _trigger(trigger, target, **options))


async def _call(hass: HomeAssistant, action: str, **data: Any) -> None:
    await hass.services.async_call(
        DOMAIN, action, data, target={"entity_id": SESSION}, blocking=True
    )
    await hass.async_block_till_done()


async def test_the_mat_provides_its_triggers(hass: HomeAssistant) -> None:
    """Home Assistant finds the four triggers in the mat's trigger platform."""
    await async_setup_mat(hass)
    assert set(TRIGGERS) == {
        "session_started",
        "session_ended",
        "reminder",
        "phase_changed",
    }
    config = await async_validate_trigger_config(
        hass,
        [
            {
                "platform": f"{DOMAIN}.session_ended",
                "target": {"entity_id": ACTIVITY},
                "options": {"outcome": "completed"},
            }
        ],
    )
    assert config[0]["options"] == {"outcome": "completed"}


async def test_an_unknown_outcome_is_refused(hass: HomeAssistant) -> None:
    """The outcome option takes completed, stopped_early or any only."""
    await async_setup_mat(hass)
    with pytest.raises(Exception, match="outcome"):
        await async_validate_trigger_config(
            hass,
            [
                {
                    "platform": f"{DOMAIN}.session_ended",
                    "target": {"entity_id": ACTIVITY},
                    "options": {"outcome": "finished"},
                }
            ],
        )


@pytest.mark.parametrize(
    ("outcome", "minutes", "fires"),
    [
        ("completed", 21, True),
        ("completed", 5, False),
        ("stopped_early", 5, True),
        ("stopped_early", 21, False),
        ("any", 5, True),
        ("any", 21, True),
    ],
)
async def test_session_ended_fires_on_the_right_outcome(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    fired: list[ServiceCall],
    outcome: str,
    minutes: int,
    fires: bool,
) -> None:
    """A real session end fires the trigger only when its outcome is asked for."""
    await async_setup_mat(hass)
    await _automation(hass, "session_ended", {"entity_id": ACTIVITY}, outcome=outcome)
    await _call(hass, "start_session", duration=20)
    await let_time_pass(hass, freezer, minutes=minutes)
    if minutes < 20:
        await _call(hass, "stop_session")
    assert hass.states.get(SESSION).state == "idle"
    ended = "completed" if minutes >= 20 else "stopped_early"
    assert [call.data for call in fired] == (
        [{"automation": 0, ATTR_ENTITY_ID: ACTIVITY, "event_type": ended}]
        if fires
        else []
    )


async def test_session_started_fires_once_per_start(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, fired: list[ServiceCall]
) -> None:
    """Started fires on a start, not on pause, resume or extend."""
    await async_setup_mat(hass)
    await _automation(hass, "session_started", {"entity_id": ACTIVITY})
    await _call(hass, "start_session", duration=20)
    for action in ("pause_session", "resume_session"):
        await let_time_pass(hass, freezer, minutes=1)
        await _call(hass, action)
    await let_time_pass(hass, freezer, minutes=1)
    await _call(hass, "extend_session", minutes=5)
    assert [call.data["event_type"] for call in fired] == ["started"]


async def test_reminder_fires_when_someone_stays_on_the_mat(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, fired: list[ServiceCall]
) -> None:
    """Still on the mat 10 minutes after the end: the reminder trigger fires."""
    hass.states.async_set("binary_sensor.on_mat", "on")
    await async_setup_mat(hass, occupancy_sensor="binary_sensor.on_mat")
    await _automation(hass, "reminder", {"entity_id": ACTIVITY})
    await _call(hass, "start_session", duration=20)
    await let_time_pass(hass, freezer, minutes=20)
    assert fired == []
    await let_time_pass(hass, freezer, minutes=10)
    assert [call.data["event_type"] for call in fired] == ["reminder"]


async def test_phase_changed_fires_on_its_event_type(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, fired: list[ServiceCall]
) -> None:
    """The trigger fires on the activity entity's phase_changed, other types not."""
    await async_setup_mat(hass)
    await _automation(hass, "phase_changed", {"entity_id": ACTIVITY})
    await _call(hass, "start_session", duration=20)
    assert fired == []
    # The back-then-neck plan is not built yet: write the state it will write.
    await let_time_pass(hass, freezer, minutes=10)
    state = hass.states.get(ACTIVITY)
    assert state is not None
    hass.states.async_set(
        ACTIVITY,
        "2026-02-20T21:10:00.000+00:00",
        {**state.attributes, "event_type": "phase_changed"},
    )
    await hass.async_block_till_done()
    assert [call.data["event_type"] for call in fired] == ["phase_changed"]


async def test_target_by_device_and_by_area(
    hass: HomeAssistant,
    fired: list[ServiceCall],
    area_registry: ar.AreaRegistry,
    device_registry: dr.DeviceRegistry,
) -> None:
    """Picked by its device or its area, the mat's trigger fires for that mat only."""
    await async_setup_mat(hass)
    await async_setup_mat(hass, title="Guest mat", entry_id=GUEST_ENTRY_ID)
    bedroom = area_registry.async_create("Bedroom")
    device = mat_device(hass, ENTRY_ID)
    device_registry.async_update_device(device.id, area_id=bedroom.id)
    await _automations(
        hass,
        _trigger("session_started", {"device_id": device.id}),
        _trigger("session_started", {"area_id": bedroom.id}),
    )
    await hass.services.async_call(
        DOMAIN,
        "start_session",
        {"duration": 20},
        target={"entity_id": "sensor.guest_mat_session"},
        blocking=True,
    )
    await hass.async_block_till_done()
    assert fired == []
    await _call(hass, "start_session", duration=20)
    assert sorted((c.data["automation"], c.data["entity_id"]) for c in fired) == [
        (0, ACTIVITY),
        (1, ACTIVITY),
    ]


async def test_an_unavailable_mat_does_not_fire(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, fired: list[ServiceCall]
) -> None:
    """The activity entity coming back from unavailable is no new event."""
    entry = await async_setup_mat(hass)
    await _automation(hass, "session_started", {"entity_id": ACTIVITY})
    await _call(hass, "start_session", duration=20)
    assert len(fired) == 1
    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get(ACTIVITY).state != STATE_UNAVAILABLE
    assert len(fired) == 1
    assert er.async_get(hass).async_get(ACTIVITY) is not None


async def test_the_editor_lists_the_triggers_with_their_names(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator
) -> None:
    """trigger_platforms/subscribe describes them; their names are translated."""
    await async_setup_mat(hass)
    assert await async_setup_component(hass, "websocket_api", {})
    client = await hass_ws_client(hass)
    await client.send_json_auto_id({"type": "trigger_platforms/subscribe"})
    assert (await client.receive_json())["success"]
    descriptions = (await client.receive_json())["event"]
    ours = {key: value for key, value in descriptions.items() if key.startswith(DOMAIN)}
    assert set(ours) == {f"{DOMAIN}.{key}" for key in TRIGGERS}
    ended = ours[f"{DOMAIN}.session_ended"]
    assert ended["target"]["entity"] == [{"integration": DOMAIN, "domain": ["event"]}]
    outcome = ended["fields"]["outcome"]["selector"]["select"]
    assert outcome["options"] == ["any", "completed", "stopped_early"]
    names = await async_get_translations(hass, "de", "triggers", [DOMAIN])
    assert names[f"component.{DOMAIN}.triggers.session_ended.name"] == (
        "Mattensitzung beendet"
    )
