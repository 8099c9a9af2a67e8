"""Repair issues for missing or unavailable entities, and the flow that fixes them."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.storage import RETRY_SECONDS
from homeassistant.components.repairs import RepairsFlowManager, repairs_flow_manager
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResult, FlowResultType
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import (
    device_registry as dr,
    entity_registry as er,
    issue_registry as ir,
)
from homeassistant.helpers.storage import Store
from homeassistant.setup import async_setup_component

from .conftest import ENTRY_ID, async_setup_mat
from .test_room import CEILING, KITCHEN, NOTIFIER, issue, run_session, start

PORCH = "light.porch"

pytestmark = pytest.mark.usefixtures("demo_lights")


@pytest.fixture
async def repairs(hass: HomeAssistant) -> RepairsFlowManager:
    """Home Assistant's repairs, where the user fixes issues."""
    assert await async_setup_component(hass, "repairs", {})
    manager = repairs_flow_manager(hass)
    assert manager is not None
    return manager


async def open_fix(manager: RepairsFlowManager, entity_id: str) -> FlowResult:
    """Open the fix flow of the mat's issue about an entity, as the user does."""
    return await manager.async_init(
        DOMAIN, data={"issue_id": f"{ENTRY_ID}_{entity_id}"}
    )


async def fix(
    hass: HomeAssistant,
    manager: RepairsFlowManager,
    entity_id: str,
    user_input: dict[str, Any],
) -> FlowResult:
    """Fix the issue about an entity with the user's choice."""
    form = await open_fix(manager, entity_id)
    result = await manager.async_configure(form["flow_id"], user_input)
    await hass.async_block_till_done()
    return result


async def test_replace_an_unavailable_light(
    hass: HomeAssistant, repairs: RepairsFlowManager
) -> None:
    hass.states.async_set(PORCH, "unavailable", {"friendly_name": "Porch light"})
    entry = await async_setup_mat(hass, lights=[PORCH, CEILING], color_temp_kelvin=2200)
    await start(hass)
    # The issue names the light as the user knows it, and gives its id.
    named = {"entity": "Porch light", "entity_id": PORCH, "name": "Bedroom mat"}
    raised = issue(hass, PORCH)
    assert raised is not None
    assert raised.translation_placeholders == named

    form = await open_fix(repairs, PORCH)
    assert form["type"] is FlowResultType.FORM
    assert form["step_id"] == "replace"
    assert form["description_placeholders"] == named
    field = form["data_schema"].schema["entity_id"]
    assert field.config == {
        "domain": ["light"],
        "exclude_entities": [PORCH],
        "multiple": False,
        "reorder": False,
    }
    result = await repairs.async_configure(form["flow_id"], {"entity_id": KITCHEN})
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options["lights"] == [KITCHEN, CEILING]
    assert issue(hass, PORCH) is None
    # The mat reloaded with its new options; the session runs on.
    assert entry.state is ConfigEntryState.LOADED
    assert hass.states.get("sensor.bedroom_mat_session").state == "running"


async def test_remove_an_unavailable_light(
    hass: HomeAssistant, repairs: RepairsFlowManager
) -> None:
    hass.states.async_set(PORCH, "unavailable")
    entry = await async_setup_mat(hass, lights=[PORCH, CEILING])
    await start(hass)

    result = await fix(hass, repairs, PORCH, {})

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options["lights"] == [CEILING]
    assert issue(hass, PORCH) is None


async def test_remove_the_only_light(
    hass: HomeAssistant, repairs: RepairsFlowManager
) -> None:
    hass.states.async_set(PORCH, "unavailable")
    entry = await async_setup_mat(hass, lights=[PORCH], brightness_pct=30)
    await start(hass)

    await fix(hass, repairs, PORCH, {})

    assert entry.options == {"brightness_pct": 30}


async def test_replace_with_a_light_already_chosen(
    hass: HomeAssistant, repairs: RepairsFlowManager
) -> None:
    hass.states.async_set(PORCH, "unavailable")
    entry = await async_setup_mat(hass, lights=[CEILING, PORCH])
    await start(hass)

    await fix(hass, repairs, PORCH, {"entity_id": CEILING})

    assert entry.options["lights"] == [CEILING]


async def test_replace_a_missing_tts_entity(
    hass: HomeAssistant, repairs: RepairsFlowManager, freezer: FrozenDateTimeFactory
) -> None:
    hass.states.async_set("media_player.bedroom", "idle")
    entry = await async_setup_mat(
        hass, media_players=["media_player.bedroom"], tts_entity="tts.gone"
    )
    await run_session(hass, freezer)
    assert issue(hass, "tts.gone") is not None

    form = await open_fix(repairs, "tts.gone")
    assert form["data_schema"].schema["entity_id"].config["domain"] == ["tts"]
    await repairs.async_configure(form["flow_id"], {"entity_id": "tts.google"})
    await hass.async_block_till_done()

    assert entry.options["tts_entity"] == "tts.google"


async def test_remove_a_missing_notify_target(
    hass: HomeAssistant, repairs: RepairsFlowManager, freezer: FrozenDateTimeFactory
) -> None:
    hass.services.async_register("notify", "mobile_app_new_phone", lambda _: None)
    entry = await async_setup_mat(hass, notify_target="notify.mobile_app_old_phone")
    await run_session(hass, freezer)
    raised = issue(hass, "notify.mobile_app_old_phone")
    assert raised is not None
    assert raised.translation_placeholders is not None
    # An action that is gone has no other name than its id.
    assert raised.translation_placeholders["entity"] == "notify.mobile_app_old_phone"

    form = await open_fix(repairs, "notify.mobile_app_old_phone")
    # Notify entities and notify actions by name, but not the broken one.
    options = form["data_schema"].schema["entity_id"].config["options"]
    assert {"value": NOTIFIER, "label": "Notifier"} in options
    assert {
        "value": "notify.mobile_app_new_phone",
        "label": "Mobile app new phone",
    } in options
    values = [option["value"] for option in options]
    assert "notify.mobile_app_old_phone" not in values
    assert "notify.send_message" not in values
    await repairs.async_configure(form["flow_id"], {"entity_id": ""})
    await hass.async_block_till_done()

    assert "notify_target" not in entry.options
    assert issue(hass, "notify.mobile_app_old_phone") is None


async def test_replace_a_sensor_that_was_removed(
    hass: HomeAssistant,
    repairs: RepairsFlowManager,
    entity_registry: er.EntityRegistry,
) -> None:
    entity_registry.async_get_or_create(
        "sensor", "sleep_tracker", "score", suggested_object_id="sleep_score"
    )
    entry = await async_setup_mat(hass, sleep_score_sensor="sensor.sleep_score")

    entity_registry.async_remove("sensor.sleep_score")
    await hass.async_block_till_done()
    assert issue(hass, "sensor.sleep_score") is not None

    form = await open_fix(repairs, "sensor.sleep_score")
    assert form["data_schema"].schema["entity_id"].config["domain"] == ["sensor"]
    await repairs.async_configure(form["flow_id"], {"entity_id": "sensor.oura_score"})
    await hass.async_block_till_done()

    assert entry.options["sleep_score_sensor"] == "sensor.oura_score"


@pytest.mark.parametrize(
    ("user_name", "original_name", "on_device", "named"),
    [
        ("Lamp by the door", "Lamp", True, "Lamp by the door"),
        (None, "Lamp", True, "Porch Lamp"),
        (None, None, True, "Porch"),
        (None, "Porch lamp", False, "Porch lamp"),
        (None, None, False, PORCH),
    ],
)
async def test_issue_names_a_light_known_only_to_the_registry(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    device_registry: dr.DeviceRegistry,
    user_name: str | None,
    original_name: str | None,
    on_device: bool,
    named: str,
) -> None:
    """A light whose integration is not loaded has no state, only its registry name."""
    lights = MockConfigEntry(domain="hue")
    lights.add_to_hass(hass)
    device = device_registry.async_get_or_create(
        config_entry_id=lights.entry_id, identifiers={("hue", "porch")}, name="Porch"
    )
    entity_registry.async_get_or_create(
        "light",
        "hue",
        "porch-lamp",
        suggested_object_id="porch",
        config_entry=lights,
        device_id=device.id if on_device else None,
        has_entity_name=on_device,
        original_name=original_name,
    )
    entity_registry.async_update_entity(PORCH, name=user_name)
    await async_setup_mat(hass, lights=[PORCH])
    await start(hass)

    raised = issue(hass, PORCH)
    assert raised is not None
    assert raised.translation_placeholders is not None
    assert raised.translation_placeholders["entity"] == named


async def test_renamed_sensor_is_followed(
    hass: HomeAssistant, entity_registry: er.EntityRegistry
) -> None:
    entity_registry.async_get_or_create(
        "sensor", "sleep_tracker", "score", suggested_object_id="sleep_score"
    )
    entry = await async_setup_mat(hass, sleep_score_sensor="sensor.sleep_score")

    entity_registry.async_update_entity(
        "sensor.sleep_score", new_entity_id="sensor.night_score"
    )
    await hass.async_block_till_done()

    assert entry.options["sleep_score_sensor"] == "sensor.night_score"
    assert entry.state is ConfigEntryState.LOADED


async def test_fix_after_the_mat_was_removed(
    hass: HomeAssistant, repairs: RepairsFlowManager
) -> None:
    hass.states.async_set(PORCH, "unavailable")
    entry = await async_setup_mat(hass, lights=[PORCH])
    await start(hass)
    form = await open_fix(repairs, PORCH)

    assert await hass.config_entries.async_remove(entry.entry_id)
    result = await repairs.async_configure(form["flow_id"], {})

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "entry_removed"


# --- issues of the mat's files, and a removed mat ---------------------------------

STORE_KEY = f"{DOMAIN}.{ENTRY_ID}"
GUEST_ENTRY_ID = "01JMATENTRY0000000000000002"


def _mat_issues(hass: HomeAssistant) -> dict[str, str | None]:
    """{issue id: translation key} of every open issue of the integration."""
    return {
        issue_id: entry.translation_key
        for (domain, issue_id), entry in ir.async_get(hass).issues.items()
        if domain == DOMAIN
    }


async def test_unreadable_file_notice_outlives_a_good_write(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    freezer: FrozenDateTimeFactory,
) -> None:
    """A failed write that works again withdraws its own issue, not the other."""
    hass_storage[STORE_KEY] = {"version": 9, "key": STORE_KEY, "data": {}}

    async def disk_full(store: Store[Any], data: dict[str, Any]) -> None:
        raise HomeAssistantError("No space left on device")

    await async_setup_mat(hass)
    with patch.object(Store, "_async_write_data", disk_full):
        await start(hass)
    assert _mat_issues(hass) == {
        f"storage_unreadable_{STORE_KEY}": "storage_unreadable",
        f"storage_write_failed_{STORE_KEY}": "storage_write_failed",
    }

    freezer.tick(timedelta(seconds=RETRY_SECONDS))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()

    assert hass_storage[STORE_KEY]["data"]["session"] is not None
    assert _mat_issues(hass) == {
        f"storage_unreadable_{STORE_KEY}": "storage_unreadable"
    }


async def test_removing_a_mat_withdraws_all_its_issues(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """Its entities' and its files' issues go with the mat; another mat's stay."""
    hass.states.async_set(PORCH, "unavailable")
    await async_setup_mat(
        hass, title="Guest mat", entry_id=GUEST_ENTRY_ID, lights=[PORCH]
    )
    await hass.services.async_call(
        DOMAIN,
        "start_session",
        target={"entity_id": "sensor.guest_mat_session"},
        blocking=True,
    )
    hass_storage[STORE_KEY] = {"version": 9, "key": STORE_KEY, "data": {}}
    bedroom = await async_setup_mat(hass, lights=[PORCH, CEILING])
    await start(hass)
    assert set(_mat_issues(hass)) == {
        f"{GUEST_ENTRY_ID}_{PORCH}",
        f"{ENTRY_ID}_{PORCH}",
        f"storage_unreadable_{STORE_KEY}",
    }

    assert await hass.config_entries.async_remove(bedroom.entry_id)
    await hass.async_block_till_done()

    assert set(_mat_issues(hass)) == {f"{GUEST_ENTRY_ID}_{PORCH}"}
