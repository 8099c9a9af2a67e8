"""Assist: the mat sentences through the real conversation agent, the intents as tools.

Every sentence goes through ``conversation.async_converse`` with Home Assistant's
built-in agent, and each test checks the spoken answer and the mat afterwards.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
import logging
from typing import Any

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.acupressure_mat.const import CONF_ACKNOWLEDGE_SAFETY, DOMAIN
from custom_components.acupressure_mat.intents import (
    INTENT_EXTEND,
    INTENT_PAUSE,
    INTENT_RESUME,
    INTENT_START,
    INTENT_STOP,
    INTENT_TIME_LEFT,
    SENTENCES,
    StartSessionHandler,
    parse_minutes,
)
from custom_components.acupressure_mat.session import MatSessionEngine
from homeassistant.components.conversation import async_converse
from homeassistant.components.homeassistant.const import DATA_EXPOSED_ENTITIES
from homeassistant.components.homeassistant.exposed_entities import (
    async_expose_entity,
    async_should_expose,
)
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
    intent,
)
from homeassistant.setup import async_setup_component

from .compat import mat_device, registered_sentences

BEDROOM = "sensor.bedroom_mat_session"
GUEST = "sensor.guest_mat_session"
START = datetime.fromisoformat("2026-02-20T21:00:00+00:00")
INTENTS = [
    INTENT_START,
    INTENT_PAUSE,
    INTENT_RESUME,
    INTENT_STOP,
    INTENT_TIME_LEFT,
    INTENT_EXTEND,
]


@pytest.fixture(autouse=True)
def start_time(freezer: FrozenDateTimeFactory) -> None:
    """Every test starts at a whole second."""
    freezer.move_to(START)


@pytest.fixture
async def assist(hass: HomeAssistant) -> None:
    """Assist's built-in agent, as in a default installation."""
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    await hass.async_block_till_done()


@pytest.fixture
async def guest_mat(hass: HomeAssistant) -> MockConfigEntry:
    """A second mat, the Guest mat."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Guest mat",
        unique_id="guest_mat",
        data={CONF_ACKNOWLEDGE_SAFETY: True},
        options={},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


@pytest.fixture
def areas(
    hass: HomeAssistant, init_integration: MockConfigEntry, guest_mat: MockConfigEntry
) -> dict[str, str]:
    """The Bedroom mat in the Bedroom, the Guest mat in the Guest room."""
    area_registry = ar.async_get(hass)
    device_registry = dr.async_get(hass)
    area_ids = {
        "bedroom": area_registry.async_create("Bedroom").id,
        "guest_room": area_registry.async_create(
            "Guest room", aliases={"spare room"}
        ).id,
        "kitchen": area_registry.async_create("Kitchen").id,
    }
    for entry, area in ((init_integration, "bedroom"), (guest_mat, "guest_room")):
        device = mat_device(hass, entry.entry_id)
        device_registry.async_update_device(device.id, area_id=area_ids[area])
    return area_ids


async def _say(
    hass: HomeAssistant,
    text: str,
    *,
    device_id: str | None = None,
    satellite_id: str | None = None,
) -> str:
    """Say a sentence to Assist's built-in agent; return the spoken answer."""
    result = await async_converse(
        hass,
        text,
        None,
        Context(),
        "en",
        device_id=device_id,
        satellite_id=satellite_id,
    )
    await hass.async_block_till_done()
    speech: str = result.response.speech["plain"]["speech"]
    return speech


def _mat(hass: HomeAssistant, entity_id: str = BEDROOM) -> tuple[str, Any, Any]:
    """What the mat's session entity shows: state, planned minutes, body area."""
    state = hass.states.get(entity_id)
    return (
        state.state,
        state.attributes.get("planned_minutes"),
        state.attributes.get("body_area"),
    )


def _engine(entry: MockConfigEntry) -> MatSessionEngine:
    engine: MatSessionEngine = entry.runtime_data.engine
    return engine


async def _call(hass: HomeAssistant, service: str, entity_id: str = BEDROOM) -> None:
    data = {"duration": 20} if service == "start_session" else {}
    await hass.services.async_call(
        DOMAIN, service, data, target={"entity_id": entity_id}, blocking=True
    )


async def _idle(hass: HomeAssistant) -> None:
    """Leave the mat idle."""


async def _running(hass: HomeAssistant) -> None:
    await _call(hass, "start_session")


async def _paused(hass: HomeAssistant) -> None:
    await _call(hass, "start_session")
    await _call(hass, "pause_session")


SETUPS: dict[str, Callable[[HomeAssistant], Awaitable[None]]] = {
    "idle": _idle,
    "running": _running,
    "paused": _paused,
}

IDLE = ("idle", None, None)
RUNNING = ("running", 20, "back")
PAUSED = ("paused", 20, "back")
NO_SESSION = "There is no mat session running"
RANGE = "Mat sessions last 15 to 40 minutes"


# --- registration ----------------------------------------------------------------


@pytest.mark.usefixtures("init_integration", "assist")
async def test_sentences_and_intents_are_registered(hass: HomeAssistant) -> None:
    """The sentences reach the built-in agent; the intents are registered."""
    assert registered_sentences(hass) == [
        sentence for sentences in SENTENCES.values() for sentence in sentences
    ]
    assert {h.intent_type for h in intent.async_get(hass)} >= set(INTENTS)


@pytest.mark.usefixtures("assist")
async def test_sentences_work_when_assist_is_set_up_first(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()

    assert await _say(hass, "start my mat session") == (
        "Starting a 20 minute mat session"
    )
    assert _mat(hass) == RUNNING


# --- one mat ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setup", "text", "answer", "after"),
    [
        ("idle", "start my mat session", "Starting a 20 minute mat session", RUNNING),
        ("idle", "start the mat session", "Starting a 20 minute mat session", RUNNING),
        (
            "idle",
            "Start a 25 minute mat session.",
            "Starting a 25 minute mat session",
            ("running", 25, "back"),
        ),
        (
            "idle",
            "start a twenty-five minute mat session",
            "Starting a 25 minute mat session",
            ("running", 25, "back"),
        ),
        (
            "idle",
            "begin a fifteen minute mat session",
            "Starting a 15 minute mat session",
            ("running", 15, "back"),
        ),
        (
            "idle",
            "start a neck session on the mat",
            "Starting a 20 minute neck session",
            ("running", 20, "neck"),
        ),
        (
            "idle",
            "start a foot session on my mat",
            "Starting a 20 minute feet session",
            ("running", 20, "feet"),
        ),
        (
            "idle",
            "start a 30 minute back session on the mat",
            "Starting a 30 minute back session",
            ("running", 30, "back"),
        ),
        ("idle", "start a 50 minute mat session", RANGE, IDLE),
        ("idle", "start a 10 minute mat session", RANGE, IDLE),
        ("idle", "start a banana minute mat session", RANGE, IDLE),
        (
            "idle",
            "start a knee session on the mat",
            "The mat has back, neck and feet sessions",
            IDLE,
        ),
        (
            "running",
            "start my mat session",
            "A mat session is already running, 20 minutes left",
            RUNNING,
        ),
        (
            "paused",
            "start a 30 minute mat session",
            "A mat session is paused; resume or stop it first",
            PAUSED,
        ),
        ("running", "pause the mat session", "Paused", PAUSED),
        ("running", "pause my mat session", "Paused", PAUSED),
        (
            "paused",
            "pause the mat session",
            "The mat session is already paused",
            PAUSED,
        ),
        ("idle", "pause the mat session", NO_SESSION, IDLE),
        ("paused", "resume the mat session", "Resumed, 20 minutes left", RUNNING),
        ("paused", "continue my mat session", "Resumed, 20 minutes left", RUNNING),
        (
            "running",
            "resume the mat session",
            "The mat session is already running",
            RUNNING,
        ),
        ("idle", "resume my mat session", NO_SESSION, IDLE),
        ("running", "stop the mat session", "Stopped", IDLE),
        ("paused", "end my mat session", "Stopped", IDLE),
        ("idle", "stop the mat session", NO_SESSION, IDLE),
        (
            "running",
            "how much time is left on my mat session",
            "20 minutes left",
            RUNNING,
        ),
        (
            "paused",
            "how much time is left on the mat session?",
            "The mat session is paused with 20 minutes left",
            PAUSED,
        ),
        ("idle", "how many minutes are left on my mat session", NO_SESSION, IDLE),
    ],
)
@pytest.mark.usefixtures("init_integration", "assist")
async def test_sentences(
    hass: HomeAssistant,
    setup: str,
    text: str,
    answer: str,
    after: tuple[str, Any, Any],
) -> None:
    await SETUPS[setup](hass)

    assert await _say(hass, text) == answer
    assert _mat(hass) == after


@pytest.mark.parametrize(
    ("minutes", "answer"),
    [(7.5, "13 minutes left"), (19.2, "1 minute left")],
)
@pytest.mark.usefixtures("init_integration", "assist")
async def test_time_left_counts_whole_minutes_up(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, minutes: float, answer: str
) -> None:
    await _running(hass)
    freezer.tick(timedelta(minutes=minutes))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()

    assert await _say(hass, "how much time is left on my mat session") == answer


@pytest.mark.usefixtures("assist")
async def test_a_named_mat_must_exist(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    assert await _say(hass, "start the bedroom mat session") == (
        "Starting a 20 minute mat session"
    )
    assert await _say(hass, "stop the kitchen mat session") == (
        "There is no mat called kitchen; the only mat is Bedroom mat"
    )
    assert _mat(hass) == RUNNING


@pytest.mark.usefixtures("assist")
async def test_no_mat_set_up(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    assert await hass.config_entries.async_unload(init_integration.entry_id)

    assert await _say(hass, "start my mat session") == (
        "There is no acupressure mat set up"
    )


# --- several mats ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "answer", "bedroom", "guest"),
    [
        (
            "start the guest mat session",
            "Guest mat: starting a 20 minute mat session",
            IDLE,
            RUNNING,
        ),
        (
            "start my Guest mat session",
            "Guest mat: starting a 20 minute mat session",
            IDLE,
            RUNNING,
        ),
        (
            "start my mat session in the bedroom",
            "Bedroom mat: starting a 20 minute mat session",
            RUNNING,
            IDLE,
        ),
        (
            "start a 25 minute mat session in the spare room",
            "Guest mat: starting a 25 minute mat session",
            IDLE,
            ("running", 25, "back"),
        ),
        (
            "start a 25 minute bedroom mat session",
            "Bedroom mat: starting a 25 minute mat session",
            ("running", 25, "back"),
            IDLE,
        ),
        (
            "start a 30 minute neck session on the guest mat",
            "Guest mat: starting a 30 minute neck session",
            IDLE,
            ("running", 30, "neck"),
        ),
        (
            "start a feet session on the guest room mat",
            "Guest mat: starting a 20 minute feet session",
            IDLE,
            ("running", 20, "feet"),
        ),
        (
            "start a neck session on the mat in the guest room",
            "Guest mat: starting a 20 minute neck session",
            IDLE,
            ("running", 20, "neck"),
        ),
        (
            "start my mat session",
            "Which mat: Bedroom mat or Guest mat?",
            IDLE,
            IDLE,
        ),
        (
            "start the office mat session",
            "There is no mat called office; the mats are Bedroom mat and Guest mat",
            IDLE,
            IDLE,
        ),
        (
            "stop the guest mat session",
            "Guest mat: there is no mat session running",
            IDLE,
            IDLE,
        ),
    ],
)
@pytest.mark.usefixtures("areas", "assist")
async def test_several_mats_picked_by_name_or_area(
    hass: HomeAssistant,
    text: str,
    answer: str,
    bedroom: tuple[str, Any, Any],
    guest: tuple[str, Any, Any],
) -> None:
    assert await _say(hass, text) == answer
    assert _mat(hass, BEDROOM) == bedroom
    assert _mat(hass, GUEST) == guest


@pytest.mark.usefixtures("assist")
async def test_several_mats_the_device_area_picks_one(
    hass: HomeAssistant, areas: dict[str, str]
) -> None:
    """Without a name, the mat in the area of the device that heard the sentence."""
    source = MockConfigEntry(domain="test")
    source.add_to_hass(hass)
    device_registry = dr.async_get(hass)
    phone = device_registry.async_get_or_create(
        config_entry_id=source.entry_id, identifiers={("test", "phone")}
    )
    device_registry.async_update_device(phone.id, area_id=areas["guest_room"])
    speaker = device_registry.async_get_or_create(
        config_entry_id=source.entry_id, identifiers={("test", "speaker")}
    )
    entity_registry = er.async_get(hass)
    satellite = entity_registry.async_get_or_create(
        "assist_satellite",
        "test",
        "speaker",
        device_id=speaker.id,
        original_name="Speaker",
    )
    entity_registry.async_update_entity(satellite.entity_id, area_id=areas["bedroom"])
    kitchen = entity_registry.async_get_or_create(
        "assist_satellite",
        "test",
        "kitchen",
        device_id=phone.id,
        original_name="Kitchen speaker",
    )
    entity_registry.async_update_entity(kitchen.entity_id, area_id=areas["kitchen"])

    assert await _say(hass, "start my mat session", device_id=phone.id) == (
        "Guest mat: starting a 20 minute mat session"
    )
    assert await _say(
        hass, "start a neck session on the mat", satellite_id=satellite.entity_id
    ) == ("Bedroom mat: starting a 20 minute neck session")
    assert await _say(hass, "stop my mat session", satellite_id=kitchen.entity_id) == (
        "Which mat: Bedroom mat or Guest mat?"
    )
    assert _mat(hass, GUEST) == RUNNING
    assert _mat(hass, BEDROOM) == ("running", 20, "neck")


@pytest.mark.usefixtures("assist")
async def test_several_mats_a_satellite_without_an_area_uses_its_device_area(
    hass: HomeAssistant, areas: dict[str, str]
) -> None:
    source = MockConfigEntry(domain="test")
    source.add_to_hass(hass)
    device_registry = dr.async_get(hass)
    speaker = device_registry.async_get_or_create(
        config_entry_id=source.entry_id, identifiers={("test", "speaker")}
    )
    device_registry.async_update_device(speaker.id, area_id=areas["guest_room"])
    satellite = er.async_get(hass).async_get_or_create(
        "assist_satellite", "test", "speaker", device_id=speaker.id
    )

    assert await _say(
        hass, "start my mat session", satellite_id=satellite.entity_id
    ) == ("Guest mat: starting a 20 minute mat session")
    assert _mat(hass, GUEST) == RUNNING


@pytest.mark.usefixtures("areas", "assist")
async def test_several_mats_the_one_with_a_session_is_meant(
    hass: HomeAssistant,
) -> None:
    await _call(hass, "start_session", GUEST)

    assert await _say(hass, "pause my mat session") == "Guest mat: paused"
    assert await _say(hass, "how much time is left on my mat session") == (
        "Guest mat: the mat session is paused with 20 minutes left"
    )
    await _call(hass, "start_session", BEDROOM)
    assert await _say(hass, "stop my mat session") == (
        "Which mat: Bedroom mat or Guest mat?"
    )
    assert _mat(hass, GUEST) == PAUSED
    assert _mat(hass, BEDROOM) == RUNNING


@pytest.mark.usefixtures("assist")
async def test_several_mats_in_one_area(
    hass: HomeAssistant, areas: dict[str, str], guest_mat: MockConfigEntry
) -> None:
    """Naming the area is not enough when two mats share it."""
    device_registry = dr.async_get(hass)
    device = mat_device(hass, guest_mat.entry_id)
    device_registry.async_update_device(device.id, area_id=areas["bedroom"])

    assert await _say(hass, "start my mat session in the bedroom") == (
        "Which mat: Bedroom mat or Guest mat?"
    )
    assert await _say(hass, "start the guest mat session") == (
        "Guest mat: starting a 20 minute mat session"
    )
    assert _mat(hass, BEDROOM) == IDLE


@pytest.mark.usefixtures("assist")
async def test_a_renamed_mat_answers_to_its_new_name(
    hass: HomeAssistant, areas: dict[str, str], guest_mat: MockConfigEntry
) -> None:
    device_registry = dr.async_get(hass)
    device = mat_device(hass, guest_mat.entry_id)
    device_registry.async_update_device(device.id, name_by_user="Yoga mat")
    er.async_get(hass).async_update_entity(GUEST, area_id=areas["kitchen"])

    assert await _say(hass, "start the yoga mat session") == (
        "Guest mat: starting a 20 minute mat session"
    )
    assert await _say(hass, "stop my mat session in the kitchen") == (
        "Guest mat: stopped"
    )


@pytest.mark.usefixtures("assist")
async def test_voice_logs_no_warning_of_the_mats_own(
    hass: HomeAssistant, areas: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    """Nothing deprecated on the way: 2026.10 reports a device lookup per sentence."""
    for text in (
        "start my mat session in the bedroom",
        "pause my mat session",
        "how much time is left on the guest mat session",
        "stop the bedroom mat session",
    ):
        await _say(hass, text)

    assert _mat(hass, BEDROOM) == IDLE
    assert not [
        record.getMessage()
        for record in caplog.records
        if record.levelno >= logging.WARNING
        # Home Assistant's reports name the integration; asyncio's slow-task notes
        # (a busy machine) are not the mat's.
        and record.name != "asyncio"
        and (DOMAIN in record.getMessage() or DOMAIN in record.name)
    ]


# --- exposure to Assist ----------------------------------------------------------

NOT_EXPOSED = (
    "No acupressure mat is exposed to Assist. To use a mat by voice, expose its "
    "Session entity in Settings > Voice assistants > Expose."
)


@pytest.mark.parametrize(
    ("setup", "text"),
    [
        ("idle", "start my mat session"),
        ("running", "pause the mat session"),
        ("paused", "resume my mat session"),
        ("running", "stop the mat session"),
        ("paused", "end my mat session"),
        ("running", "how much time is left on my mat session"),
    ],
)
@pytest.mark.usefixtures("init_integration", "assist")
async def test_a_hidden_mat_is_not_reached_by_voice(
    hass: HomeAssistant, setup: str, text: str
) -> None:
    """Hidden under Settings > Voice assistants > Expose: voice leaves it alone."""
    await SETUPS[setup](hass)
    before = _mat(hass)
    async_expose_entity(hass, "conversation", BEDROOM, False)

    assert await _say(hass, text) == NOT_EXPOSED
    assert _mat(hass) == before


@pytest.mark.usefixtures("assist")
async def test_only_the_exposed_mats_answer(
    hass: HomeAssistant, areas: dict[str, str]
) -> None:
    async_expose_entity(hass, "conversation", GUEST, False)

    assert await _say(hass, "start the guest mat session") == (
        "There is no mat called guest; the only mat is Bedroom mat"
    )
    assert await _say(hass, "start my mat session in the spare room") == (
        "There is no mat called spare room; the only mat is Bedroom mat"
    )
    # One mat in reach: nothing to ask, and no name before the answer.
    assert await _say(hass, "start my mat session") == (
        "Starting a 20 minute mat session"
    )
    assert _mat(hass, GUEST) == IDLE
    assert _mat(hass, BEDROOM) == RUNNING


@pytest.mark.usefixtures("assist")
async def test_a_new_mat_is_exposed_once(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Exposed like a new light; hidden by the user, it stays hidden."""
    assert async_should_expose(hass, "conversation", BEDROOM)

    async_expose_entity(hass, "conversation", BEDROOM, False)
    assert await hass.config_entries.async_reload(init_integration.entry_id)
    await hass.async_block_till_done()

    assert not async_should_expose(hass, "conversation", BEDROOM)
    assert await _say(hass, "start my mat session") == NOT_EXPOSED


@pytest.mark.usefixtures("assist")
async def test_a_new_mat_stays_hidden_when_new_entities_are_not_exposed(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    # What Settings > Voice assistants > Expose > "Expose new entities" sets.
    hass.data[DATA_EXPOSED_ENTITIES].async_set_expose_new_entities(
        "conversation", False
    )
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()

    assert not async_should_expose(hass, "conversation", BEDROOM)
    assert await _say(hass, "start my mat session") == NOT_EXPOSED
    assert _mat(hass) == IDLE


@pytest.mark.usefixtures("init_integration", "assist")
async def test_the_handlers_check_exposure_for_their_assistant(
    hass: HomeAssistant,
) -> None:
    """Language-model agents call the handlers for Assist; no assistant, no check."""
    async_expose_entity(hass, "conversation", BEDROOM, False)

    response = await intent.async_handle(
        hass, "test", INTENT_START, {}, assistant="conversation", language="de"
    )

    assert response.response_type is intent.IntentResponseType.ERROR
    assert response.error_code == "no_valid_targets"
    assert response.speech["plain"]["speech"] == (
        "Keine Akupressurmatte ist für Assist freigegeben. Um eine Matte per Sprache "
        "zu nutzen, gib ihre Sitzungsentität unter Einstellungen > Sprachassistenten "
        "> Freigeben frei."
    )
    assert _mat(hass) == IDLE
    # An intent script or automation names no assistant: the mat is theirs.
    response = await _handle(hass, INTENT_START)
    assert response.response_type is intent.IntentResponseType.ACTION_DONE
    assert _mat(hass) == RUNNING


# --- the intent handlers ---------------------------------------------------------


async def _handle(
    hass: HomeAssistant, intent_type: str, **slots: Any
) -> intent.IntentResponse:
    return await intent.async_handle(
        hass,
        "test",
        intent_type,
        {key: {"value": value} for key, value in slots.items()},
    )


@pytest.mark.parametrize(
    ("slots", "speech", "after"),
    [
        ({}, "Starting a 20 minute mat session", RUNNING),
        (
            {"duration": "35"},
            "Starting a 35 minute mat session",
            ("running", 35, "back"),
        ),
        (
            {"body_area": "Neck"},
            "Starting a 20 minute neck session",
            ("running", 20, "neck"),
        ),
        ({"name": "Bedroom mat"}, "Starting a 20 minute mat session", RUNNING),
        ({"name": "the Bedroom mat's"}, "Starting a 20 minute mat session", RUNNING),
    ],
)
@pytest.mark.usefixtures("init_integration")
async def test_start_intent(
    hass: HomeAssistant,
    slots: dict[str, Any],
    speech: str,
    after: tuple[str, Any, Any],
) -> None:
    response = await _handle(hass, INTENT_START, **slots)

    assert response.response_type is intent.IntentResponseType.ACTION_DONE
    assert response.speech["plain"]["speech"] == speech
    assert _mat(hass) == after


@pytest.mark.parametrize(
    ("intent_type", "slots", "code", "speech"),
    [
        (INTENT_START, {"duration": 50}, "failed_to_handle", RANGE),
        (INTENT_START, {"duration": 22.5}, "failed_to_handle", RANGE),
        (
            INTENT_START,
            {"body_area": "shoulders"},
            "failed_to_handle",
            "The mat has back, neck and feet sessions",
        ),
        (
            INTENT_STOP,
            {"name": "Kitchen"},
            "no_valid_targets",
            "There is no mat called Kitchen; the only mat is Bedroom mat",
        ),
        (INTENT_TIME_LEFT, {}, "failed_to_handle", NO_SESSION),
    ],
)
@pytest.mark.usefixtures("init_integration")
async def test_refusals_are_answers(
    hass: HomeAssistant,
    intent_type: str,
    slots: dict[str, Any],
    code: str,
    speech: str,
) -> None:
    response = await _handle(hass, intent_type, **slots)

    assert response.response_type is intent.IntentResponseType.ERROR
    assert response.error_code == code
    assert response.speech["plain"]["speech"] == speech
    assert _mat(hass) == IDLE


@pytest.mark.usefixtures("init_integration")
async def test_slots_of_the_wrong_type_are_invalid(hass: HomeAssistant) -> None:
    with pytest.raises(intent.InvalidSlotInfo):
        await _handle(hass, INTENT_START, duration="a while")


@pytest.mark.parametrize(
    ("error", "speech"),
    [
        (HomeAssistantError("The mat is busy"), "The mat is busy"),
        (HomeAssistantError(), "The mat could not do that"),
    ],
)
@pytest.mark.usefixtures("assist")
async def test_a_refusal_of_the_engine_is_an_answer(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    monkeypatch: pytest.MonkeyPatch,
    error: HomeAssistantError,
    speech: str,
) -> None:
    """The session changed between the check and the act: still words, no trace."""

    async def refuse() -> None:
        raise error

    await _running(hass)
    monkeypatch.setattr(_engine(init_integration), "async_pause", refuse)

    assert await _say(hass, "pause the mat session") == speech
    assert _mat(hass) == RUNNING


@pytest.mark.usefixtures("init_integration", "assist")
async def test_a_sentence_never_raises(hass: HomeAssistant) -> None:
    """The agent does not catch exceptions from a sentence: they become words."""
    intent.async_remove(hass, INTENT_PAUSE)

    assert await _say(hass, "pause the mat session") == "The mat could not do that"


def test_handlers_have_descriptions_and_no_platforms() -> None:
    handler = StartSessionHandler()
    assert handler.platforms is None
    assert handler.description


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("25", 25.0),
        ("twenty five", 25.0),
        ("Twenty-Five", 25.0),
        ("forty", 40.0),
        ("fifteen", 15.0),
        ("a few", None),
        ("", None),
    ],
)
def test_parse_minutes(text: str, minutes: float | None) -> None:
    assert parse_minutes(text) == minutes
