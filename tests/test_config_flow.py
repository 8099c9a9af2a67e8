"""Config and options flows of a mat."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from http import HTTPStatus
from typing import Any
from unittest.mock import AsyncMock, patch

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
import voluptuous as vol

from custom_components.acupressure_mat.config_flow import (
    SECTION_LIGHTS,
    SECTION_SLEEP,
    SECTION_SPEAKERS,
)
from custom_components.acupressure_mat.const import (
    AFTER_SESSION_OFF,
    AFTER_SESSION_RESTORE,
    CONF_ACKNOWLEDGE_SAFETY,
    CONF_AFTER_SESSION_LIGHTS,
    CONF_ANNOUNCE_START,
    CONF_ANNOUNCE_VOLUME_PCT,
    CONF_BRIGHTNESS_PCT,
    CONF_COLOR_TEMP_KELVIN,
    CONF_LIGHTS,
    CONF_MEDIA_PLAYERS,
    CONF_NOTIFY_TARGET,
    CONF_OCCUPANCY_SENSOR,
    CONF_SATELLITES,
    CONF_SLEEP_DURATION_SENSOR,
    CONF_SLEEP_LATENCY_SENSOR,
    CONF_SLEEP_SCORE_SENSOR,
    CONF_SLEEP_START_ENTITY,
    CONF_TTS_ENTITY,
    CONF_USE_AREA_DEVICES,
    DOMAIN,
)
from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import ATTR_UNIT_OF_MEASUREMENT, CONF_NAME
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.data_entry_flow import FlowResultType, section
from homeassistant.setup import async_setup_component

NOTIFY_ENTITY = "notify.bedroom_speaker"
NOTIFY_ACTION = "notify.mobile_app_phone"
DURATION_SENSOR = "sensor.sleep_duration"
LATENCY_SENSOR = "sensor.sleep_latency"
SCORE_SENSOR = "sensor.sleep_score"

ALL_OPTIONS: dict[str, Any] = {
    CONF_LIGHTS: ["light.bedside", "light.ceiling"],
    CONF_USE_AREA_DEVICES: True,
    CONF_BRIGHTNESS_PCT: 35,
    CONF_COLOR_TEMP_KELVIN: 2700,
    CONF_AFTER_SESSION_LIGHTS: AFTER_SESSION_OFF,
    CONF_MEDIA_PLAYERS: ["media_player.bedroom"],
    CONF_SATELLITES: ["assist_satellite.bedroom"],
    CONF_TTS_ENTITY: "tts.piper",
    CONF_ANNOUNCE_VOLUME_PCT: 30,
    CONF_ANNOUNCE_START: True,
    CONF_NOTIFY_TARGET: NOTIFY_ENTITY,
    CONF_OCCUPANCY_SENSOR: "binary_sensor.mat_occupied",
    CONF_SLEEP_DURATION_SENSOR: DURATION_SENSOR,
    CONF_SLEEP_SCORE_SENSOR: SCORE_SENSOR,
    CONF_SLEEP_LATENCY_SENSOR: LATENCY_SENSOR,
    CONF_SLEEP_START_ENTITY: "event.sleep_tracking_started",
}

# The options the form always sends, as it has defaults for them.
REQUIRED_OPTIONS: dict[str, Any] = {
    CONF_USE_AREA_DEVICES: False,
    CONF_BRIGHTNESS_PCT: 20,
    CONF_AFTER_SESSION_LIGHTS: AFTER_SESSION_RESTORE,
    CONF_ANNOUNCE_START: False,
}

SECTIONS: dict[str, tuple[str, ...]] = {
    SECTION_LIGHTS: (
        CONF_LIGHTS,
        CONF_USE_AREA_DEVICES,
        CONF_BRIGHTNESS_PCT,
        CONF_COLOR_TEMP_KELVIN,
        CONF_AFTER_SESSION_LIGHTS,
    ),
    SECTION_SPEAKERS: (
        CONF_MEDIA_PLAYERS,
        CONF_SATELLITES,
        CONF_TTS_ENTITY,
        CONF_ANNOUNCE_VOLUME_PCT,
        CONF_ANNOUNCE_START,
        CONF_NOTIFY_TARGET,
    ),
    SECTION_SLEEP: (
        CONF_OCCUPANCY_SENSOR,
        CONF_SLEEP_DURATION_SENSOR,
        CONF_SLEEP_SCORE_SENSOR,
        CONF_SLEEP_LATENCY_SENSOR,
        CONF_SLEEP_START_ENTITY,
    ),
}


def _form_input(options: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Group flat options the way the form's sections send them."""
    return {
        name: {key: options[key] for key in keys if key in options}
        for name, keys in SECTIONS.items()
    }


def _suggested(schema: vol.Schema | None) -> dict[str, Any]:
    """Read the values a form shows, flattened over its sections."""
    assert schema is not None
    shown: dict[str, Any] = {}
    for key, value in schema.schema.items():
        if isinstance(value, section):
            shown.update(_suggested(value.schema))
        elif key.description and "suggested_value" in key.description:
            shown[str(key)] = key.description["suggested_value"]
    return shown


def _noop(call: ServiceCall) -> None:
    """Stand in for an action that only needs to exist."""


@pytest.fixture(autouse=True)
async def mock_setup_entry(hass: HomeAssistant) -> AsyncGenerator[AsyncMock]:
    """Keep the flows independent of the mat's setup (and unload)."""
    with (
        patch(
            "custom_components.acupressure_mat.async_setup_entry", return_value=True
        ) as setup_entry,
        patch(
            "custom_components.acupressure_mat.async_unload_entry", return_value=True
        ),
    ):
        yield setup_entry
        # The reload a saved options form schedules runs while still mocked.
        await hass.async_block_till_done()


@pytest.fixture
def notify_targets(hass: HomeAssistant) -> None:
    """Provide a notify entity and a companion-app notify action."""
    hass.states.async_set(NOTIFY_ENTITY, "unknown")
    hass.services.async_register("notify", "mobile_app_phone", _noop)
    # The entity action needs a target, so it is never offered as one.
    hass.services.async_register("notify", "send_message", _noop)


@pytest.fixture
def sleep_sensors(hass: HomeAssistant) -> None:
    """Provide sleep sensors in minutes and a score sensor."""
    hass.states.async_set(DURATION_SENSOR, "480", {ATTR_UNIT_OF_MEASUREMENT: "min"})
    hass.states.async_set(LATENCY_SENSOR, "0.2", {ATTR_UNIT_OF_MEASUREMENT: "h"})
    hass.states.async_set(SCORE_SENSOR, "81", {ATTR_UNIT_OF_MEASUREMENT: "%"})


async def test_user_flow(hass: HomeAssistant, mock_setup_entry: AsyncMock) -> None:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["errors"] == {}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "  Bedroom mat ", CONF_ACKNOWLEDGE_SAFETY: True}
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Bedroom mat"
    assert result["data"] == {CONF_ACKNOWLEDGE_SAFETY: True}
    entry = result["result"]
    # The name is in the title only, which Home Assistant's rename changes.
    assert entry.unique_id is None
    assert (entry.version, entry.minor_version) == (1, 2)
    assert entry.options == {}
    assert len(mock_setup_entry.mock_calls) == 1


async def test_user_flow_safety_not_acknowledged(hass: HomeAssistant) -> None:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "Bedroom mat", CONF_ACKNOWLEDGE_SAFETY: False}
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "safety_not_acknowledged"}
    assert _suggested(result["data_schema"])[CONF_NAME] == "Bedroom mat"

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "Bedroom mat", CONF_ACKNOWLEDGE_SAFETY: True}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Bedroom mat"


async def test_user_flow_empty_name(hass: HomeAssistant) -> None:
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "   ", CONF_ACKNOWLEDGE_SAFETY: True}
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_NAME: "name_required"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "Living room mat", CONF_ACKNOWLEDGE_SAFETY: True}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Living room mat"


async def test_user_flow_name_too_long(hass: HomeAssistant) -> None:
    """A name whose entity ids would pass Home Assistant's limit is refused."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "mat " * 30, CONF_ACKNOWLEDGE_SAFETY: True}
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_NAME: "name_too_long"}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "Long mat", CONF_ACKNOWLEDGE_SAFETY: True}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY


@pytest.mark.parametrize("name", ["Bedroom mat", "bedroom MAT"])
async def test_user_flow_duplicate_name(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, name: str
) -> None:
    mock_config_entry.add_to_hass(hass)
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: name, CONF_ACKNOWLEDGE_SAFETY: True}
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_renamed_mat_frees_its_old_name(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """After renaming Bedroom mat to Guest mat, a new Bedroom mat can be added."""
    mock_config_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(mock_config_entry, title="Guest mat")

    taken = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    taken = await hass.config_entries.flow.async_configure(
        taken["flow_id"], {CONF_NAME: "Guest Mat", CONF_ACKNOWLEDGE_SAFETY: True}
    )
    assert taken["type"] is FlowResultType.ABORT
    assert taken["reason"] == "already_configured"

    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "Bedroom mat", CONF_ACKNOWLEDGE_SAFETY: True}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Bedroom mat"
    assert sorted(e.title for e in hass.config_entries.async_entries(DOMAIN)) == [
        "Bedroom mat",
        "Guest mat",
    ]


@pytest.mark.usefixtures("notify_targets")
async def test_options_form(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    mock_config_entry.add_to_hass(hass)

    result = await hass.config_entries.options.async_init(mock_config_entry.entry_id)

    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "init"
    assert result["errors"] == {}
    # A mat never configured shows the default color temperature.
    assert _suggested(result["data_schema"]) == {CONF_COLOR_TEMP_KELVIN: 2200}


@pytest.mark.usefixtures("notify_targets")
async def test_options_form_as_the_frontend_gets_it(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_client: ClientSessionGenerator,
) -> None:
    """The options form goes through Home Assistant's API as the frontend reads it."""
    mock_config_entry.add_to_hass(hass)
    assert await async_setup_component(hass, "config", {})
    client = await hass_client()

    response = await client.post(
        "/api/config/config_entries/options/flow",
        json={"handler": mock_config_entry.entry_id},
    )

    assert response.status == HTTPStatus.OK
    fields = (await response.json())["data_schema"]
    assert [field["name"] for field in fields] == list(SECTIONS)
    speakers = {field["name"]: field for field in fields[1]["schema"]}
    assert speakers[CONF_NOTIFY_TARGET]["selector"]["select"]["options"] == [
        NOTIFY_ENTITY,
        NOTIFY_ACTION,
    ]


@pytest.mark.usefixtures("notify_targets", "sleep_sensors")
async def test_options_save_every_option(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    mock_config_entry.add_to_hass(hass)
    result = await hass.config_entries.options.async_init(mock_config_entry.entry_id)

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _form_input(ALL_OPTIONS)
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert mock_config_entry.options == ALL_OPTIONS
    # Numbers are stored as whole numbers, not the selector's floats.
    assert isinstance(mock_config_entry.options[CONF_BRIGHTNESS_PCT], int)

    # Opening the options again shows what was saved.
    result = await hass.config_entries.options.async_init(mock_config_entry.entry_id)
    assert _suggested(result["data_schema"]) == ALL_OPTIONS


@pytest.mark.usefixtures("notify_targets", "sleep_sensors")
async def test_options_clearing_removes_options(hass: HomeAssistant) -> None:
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Bedroom mat",
        unique_id="bedroom_mat",
        data={CONF_ACKNOWLEDGE_SAFETY: True},
        options=ALL_OPTIONS,
    )
    entry.add_to_hass(hass)
    result = await hass.config_entries.options.async_init(entry.entry_id)

    # Cleared fields come back omitted, or empty from some selectors.
    form_input = _form_input(REQUIRED_OPTIONS)
    form_input[SECTION_LIGHTS][CONF_LIGHTS] = []
    form_input[SECTION_SPEAKERS][CONF_NOTIFY_TARGET] = " "
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], form_input
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == REQUIRED_OPTIONS

    # A cleared color temperature stays cleared: keep the lights' color.
    result = await hass.config_entries.options.async_init(entry.entry_id)
    assert CONF_COLOR_TEMP_KELVIN not in _suggested(result["data_schema"])


@pytest.mark.parametrize(
    "target", ["notify.missing_phone", "notify.send_message", "light.bedside", "phone"]
)
@pytest.mark.usefixtures("notify_targets")
async def test_options_invalid_notify_target(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, target: str
) -> None:
    mock_config_entry.add_to_hass(hass)
    result = await hass.config_entries.options.async_init(mock_config_entry.entry_id)

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _form_input({CONF_NOTIFY_TARGET: target})
    )

    assert result["type"] is FlowResultType.FORM
    # The frontend shows errors next to top-level fields: the section.
    assert result["errors"] == {SECTION_SPEAKERS: "invalid_notify_target"}
    assert _suggested(result["data_schema"])[CONF_NOTIFY_TARGET] == target

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _form_input({CONF_NOTIFY_TARGET: NOTIFY_ACTION})
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert mock_config_entry.options[CONF_NOTIFY_TARGET] == NOTIFY_ACTION


@pytest.mark.parametrize("target", [NOTIFY_ENTITY, NOTIFY_ACTION])
@pytest.mark.usefixtures("notify_targets")
async def test_options_valid_notify_target(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, target: str
) -> None:
    mock_config_entry.add_to_hass(hass)
    result = await hass.config_entries.options.async_init(mock_config_entry.entry_id)

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _form_input({CONF_NOTIFY_TARGET: target})
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert mock_config_entry.options == {**REQUIRED_OPTIONS, CONF_NOTIFY_TARGET: target}


@pytest.mark.parametrize(
    "sensor_key", [CONF_SLEEP_DURATION_SENSOR, CONF_SLEEP_LATENCY_SENSOR]
)
@pytest.mark.usefixtures("sleep_sensors")
async def test_options_invalid_duration_unit(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, sensor_key: str
) -> None:
    mock_config_entry.add_to_hass(hass)
    result = await hass.config_entries.options.async_init(mock_config_entry.entry_id)

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _form_input({sensor_key: SCORE_SENSOR})
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {SECTION_SLEEP: "invalid_duration_unit"}

    # A sensor with no unit and one not created yet are read at use: they pass.
    hass.states.async_set("sensor.nap_duration", "20")
    recovered = {
        CONF_SLEEP_DURATION_SENSOR: "sensor.nap_duration",
        CONF_SLEEP_LATENCY_SENSOR: "sensor.not_yet_created",
    }
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], _form_input(recovered)
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert mock_config_entry.options == {**REQUIRED_OPTIONS, **recovered}
