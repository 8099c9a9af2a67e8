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
    SECTION_ANNOUNCEMENTS,
    SECTION_PRESENCE,
    SECTION_ROOM,
    SECTION_SLEEP,
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
from homeassistant.const import ATTR_FRIENDLY_NAME, ATTR_UNIT_OF_MEASUREMENT, CONF_NAME
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.data_entry_flow import FlowResultType, section
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component

from .conftest import mat_entry

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

# The form's sections in the order it shows them, each with its fields.
SECTIONS: dict[str, tuple[str, ...]] = {
    SECTION_ROOM: (
        CONF_LIGHTS,
        CONF_USE_AREA_DEVICES,
        CONF_BRIGHTNESS_PCT,
        CONF_COLOR_TEMP_KELVIN,
        CONF_AFTER_SESSION_LIGHTS,
    ),
    SECTION_ANNOUNCEMENTS: (
        CONF_MEDIA_PLAYERS,
        CONF_SATELLITES,
        CONF_TTS_ENTITY,
        CONF_ANNOUNCE_VOLUME_PCT,
        CONF_ANNOUNCE_START,
        CONF_NOTIFY_TARGET,
    ),
    SECTION_PRESENCE: (CONF_OCCUPANCY_SENSOR,),
    SECTION_SLEEP: (
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
        # What a saved form schedules (e.g. the mat's update) runs while mocked.
        await hass.async_block_till_done()


@pytest.fixture
def notify_targets(hass: HomeAssistant) -> None:
    """Provide a notify entity and a companion-app notify action."""
    hass.states.async_set(
        NOTIFY_ENTITY, "unknown", {ATTR_FRIENDLY_NAME: "Bedroom speaker"}
    )
    hass.services.async_register("notify", "mobile_app_phone", _noop)
    # The entity action needs a target, so it is never offered as one.
    hass.services.async_register("notify", "send_message", _noop)


@pytest.fixture
def companion_phone(hass: HomeAssistant, device_registry: dr.DeviceRegistry) -> None:
    """The companion app's registration of the phone behind notify.mobile_app_phone.

    The user renamed the phone's device in Home Assistant since.
    """
    registration = MockConfigEntry(domain="mobile_app", data={"device_name": "Phone"})
    registration.add_to_hass(hass)
    phone = device_registry.async_get_or_create(
        config_entry_id=registration.entry_id,
        identifiers={("mobile_app", "phone")},
        name="Phone",
    )
    device_registry.async_update_device(phone.id, name_by_user="Anna's phone")


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


@pytest.mark.parametrize("name", ["Bedroom mat", "bedroom MAT", "Bedroom_mat"])
async def test_user_flow_duplicate_name(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry, name: str
) -> None:
    """A name in use is an error on the name field; another name gets through."""
    mock_config_entry.add_to_hass(hass)
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: name, CONF_ACKNOWLEDGE_SAFETY: True}
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_NAME: "already_configured"}
    # The form keeps what was entered, the ticked acknowledgement too.
    assert _suggested(result["data_schema"]) == {
        CONF_NAME: name,
        CONF_ACKNOWLEDGE_SAFETY: True,
    }

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "Guest mat", CONF_ACKNOWLEDGE_SAFETY: True}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Guest mat"


async def test_user_flow_duplicate_name_and_no_acknowledgement(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """Both mistakes are told at once, each where it was made."""
    mock_config_entry.add_to_hass(hass)
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "Bedroom mat", CONF_ACKNOWLEDGE_SAFETY: False}
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {
        CONF_NAME: "already_configured",
        "base": "safety_not_acknowledged",
    }


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
    assert taken["type"] is FlowResultType.FORM
    assert taken["errors"] == {CONF_NAME: "already_configured"}

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


def _initial_data(fields: list[dict[str, Any]]) -> dict[str, Any]:
    """What the frontend sends for a form the user submits untouched.

    As its computeInitialHaFormData: suggested values, else defaults; a section
    with any such value (or a required one) goes with its own.
    """
    data: dict[str, Any] = {}
    for field in fields:
        suggested = field.get("description", {}).get("suggested_value")
        if suggested is not None:
            data[field["name"]] = suggested
        elif "default" in field:
            data[field["name"]] = field["default"]
        elif field.get("type") == "expandable":
            inner = _initial_data(field["schema"])
            if field["required"] or inner:
                data[field["name"]] = inner
    return data


async def _options_form_json(
    hass: HomeAssistant, entry: MockConfigEntry, hass_client: ClientSessionGenerator
) -> dict[str, Any]:
    """Open the options form through Home Assistant's API, as the frontend does."""
    assert await async_setup_component(hass, "config", {})
    client = await hass_client()
    response = await client.post(
        "/api/config/config_entries/options/flow", json={"handler": entry.entry_id}
    )
    assert response.status == HTTPStatus.OK
    form: dict[str, Any] = await response.json()
    return form


def _fields(form: dict[str, Any], section_name: str) -> dict[str, dict[str, Any]]:
    section_field = next(f for f in form["data_schema"] if f["name"] == section_name)
    return {field["name"]: field for field in section_field["schema"]}


@pytest.mark.usefixtures("notify_targets", "companion_phone")
async def test_options_form_as_the_frontend_gets_it(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_client: ClientSessionGenerator,
) -> None:
    """Sections by topic, the room open; notify targets by name; units and ranges."""
    mock_config_entry.add_to_hass(hass)
    hass.services.async_register("notify", "family_group", _noop)

    form = await _options_form_json(hass, mock_config_entry, hass_client)

    assert [(f["name"], f["expanded"]) for f in form["data_schema"]] == [
        (SECTION_ROOM, True),
        (SECTION_ANNOUNCEMENTS, False),
        (SECTION_PRESENCE, False),
        (SECTION_SLEEP, False),
    ]
    for name, keys in SECTIONS.items():
        assert list(_fields(form, name)) == list(keys)
    announcements = _fields(form, SECTION_ANNOUNCEMENTS)
    # The phone under the name the user gave it, actions in words, by name.
    assert announcements[CONF_NOTIFY_TARGET]["selector"]["select"]["options"] == [
        {"value": "notify.mobile_app_phone", "label": "Anna's phone"},
        {"value": NOTIFY_ENTITY, "label": "Bedroom speaker"},
        {"value": "notify.family_group", "label": "Family group"},
    ]
    numbers = {
        key: field["selector"]["number"]
        for name in SECTIONS
        for key, field in _fields(form, name).items()
        if "number" in field["selector"]
    }
    assert {
        key: (number["min"], number["max"], number["unit_of_measurement"])
        for key, number in numbers.items()
    } == {
        CONF_BRIGHTNESS_PCT: (1, 100, "%"),
        CONF_COLOR_TEMP_KELVIN: (2000, 6500, "K"),
        CONF_ANNOUNCE_VOLUME_PCT: (1, 100, "%"),
    }


@pytest.mark.usefixtures("notify_targets")
async def test_notify_targets_of_one_name_show_their_ids(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    mock_config_entry.add_to_hass(hass)
    hass.states.async_set(
        "notify.bedroom_speaker_2", "unknown", {ATTR_FRIENDLY_NAME: "Bedroom speaker"}
    )

    result = await hass.config_entries.options.async_init(mock_config_entry.entry_id)

    section_schema = result["data_schema"].schema[SECTION_ANNOUNCEMENTS].schema
    notify = section_schema.schema[CONF_NOTIFY_TARGET]
    # Without a registration from the companion app, the action's own name.
    assert notify.config["options"] == [
        {
            "value": NOTIFY_ENTITY,
            "label": "Bedroom speaker (notify.bedroom_speaker)",
        },
        {
            "value": "notify.bedroom_speaker_2",
            "label": "Bedroom speaker (notify.bedroom_speaker_2)",
        },
        {"value": NOTIFY_ACTION, "label": "Mobile app phone"},
    ]


@pytest.mark.usefixtures("notify_targets")
async def test_a_phone_without_its_device_yet_is_named_by_its_registration(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    mock_config_entry.add_to_hass(hass)
    MockConfigEntry(domain="mobile_app", data={"device_name": "Phone"}).add_to_hass(
        hass
    )

    result = await hass.config_entries.options.async_init(mock_config_entry.entry_id)

    section_schema = result["data_schema"].schema[SECTION_ANNOUNCEMENTS].schema
    notify = section_schema.schema[CONF_NOTIFY_TARGET]
    assert {"value": NOTIFY_ACTION, "label": "Phone"} in notify.config["options"]


@pytest.mark.usefixtures("notify_targets", "sleep_sensors")
async def test_untouched_form_keeps_every_option(
    hass: HomeAssistant, hass_client: ClientSessionGenerator
) -> None:
    """Saving without opening a section changes nothing; one change changes one."""
    entry = mat_entry(**ALL_OPTIONS)
    entry.add_to_hass(hass)
    form = await _options_form_json(hass, entry, hass_client)
    sent = _initial_data(form["data_schema"])
    assert set(sent) == set(SECTIONS)

    result = await hass.config_entries.options.async_configure(form["flow_id"], sent)
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == ALL_OPTIONS

    form = await _options_form_json(hass, entry, hass_client)
    sent = _initial_data(form["data_schema"])
    sent[SECTION_PRESENCE][CONF_OCCUPANCY_SENSOR] = "binary_sensor.bed_occupied"
    await hass.config_entries.options.async_configure(form["flow_id"], sent)
    await hass.async_block_till_done()

    assert entry.options == {
        **ALL_OPTIONS,
        CONF_OCCUPANCY_SENSOR: "binary_sensor.bed_occupied",
    }


@pytest.mark.usefixtures("notify_targets", "sleep_sensors")
async def test_sections_left_out_are_kept_and_emptied_ones_cleared(
    hass: HomeAssistant,
) -> None:
    """A client that leaves a section out keeps it; an emptied section is cleared.

    The frontend sends every section it showed values in, so an empty section
    means the user cleared its fields (the presence section has only one).
    """
    entry = mat_entry(**ALL_OPTIONS)
    entry.add_to_hass(hass)
    result = await hass.config_entries.options.async_init(entry.entry_id)

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {SECTION_PRESENCE: {}}
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options == {
        key: value for key, value in ALL_OPTIONS.items() if key != CONF_OCCUPANCY_SENSOR
    }


async def test_a_new_mat_saved_without_the_room_keeps_the_default_color(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """Left out, the room section is as shown: the warm default, not cleared."""
    mock_config_entry.add_to_hass(hass)
    result = await hass.config_entries.options.async_init(mock_config_entry.entry_id)

    result = await hass.config_entries.options.async_configure(result["flow_id"], {})

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert mock_config_entry.options == {CONF_COLOR_TEMP_KELVIN: 2200}


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
    entry = mat_entry(unique_id="bedroom_mat", **ALL_OPTIONS)
    entry.add_to_hass(hass)
    result = await hass.config_entries.options.async_init(entry.entry_id)

    # Cleared fields come back omitted, or empty from some selectors.
    form_input = _form_input(REQUIRED_OPTIONS)
    form_input[SECTION_ROOM][CONF_LIGHTS] = []
    form_input[SECTION_ANNOUNCEMENTS][CONF_NOTIFY_TARGET] = " "
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
    assert result["errors"] == {SECTION_ANNOUNCEMENTS: "invalid_notify_target"}
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
