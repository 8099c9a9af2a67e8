"""Assist: the mat sentences through the real conversation agent, the intents as tools.

Every sentence goes through ``conversation.async_converse`` with Home Assistant's
built-in agent, and each test checks the spoken answer and the mat afterwards.
The sentences of docs/voice.md's English table are the ones tested here, and every
sentence template of the English table is reached by one of them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
import logging
from pathlib import Path
import re
from typing import Any

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
)
from pytest_homeassistant_custom_component.typing import WebSocketGenerator
import voluptuous as vol

from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.sentence_tables import (
    SentenceTable,
    SentenceTemplate,
    index_templates,
    load_sentence_tables,
    pick_template,
    read_table,
)
from custom_components.acupressure_mat.session import MatSessionEngine
from custom_components.acupressure_mat.voice.handlers import (
    INTENT_EXTEND,
    INTENT_PAUSE,
    INTENT_RESUME,
    INTENT_START,
    INTENT_STOP,
    INTENT_TIME_LEFT,
    INTENT_TYPES,
    StartSessionHandler,
)
from homeassistant.components.conversation import async_converse
from homeassistant.components.homeassistant.const import DATA_EXPOSED_ENTITIES
from homeassistant.components.homeassistant.exposed_entities import (
    async_expose_entity,
    async_should_expose,
)
from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
    intent,
)
from homeassistant.setup import async_setup_component

from .compat import mat_device, registered_sentences
from .conftest import async_add_mat, let_time_pass, mat_entry

VOICE_REFERENCE = Path(__file__).parents[1] / "docs" / "voice.md"
BEDROOM = "sensor.bedroom_mat_session"
GUEST = "sensor.guest_mat_session"
START = datetime.fromisoformat("2026-02-20T21:00:00+00:00")


@pytest.fixture(autouse=True)
def start_time(freezer: FrozenDateTimeFactory) -> None:
    """Every test starts at a whole second."""
    freezer.move_to(START)


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
    language: str = "en",
) -> str:
    """Say a sentence to Assist's built-in agent; return the spoken answer."""
    result = await async_converse(
        hass,
        text,
        None,
        Context(),
        language,
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


type Setup = Callable[[HomeAssistant, FrozenDateTimeFactory], Awaitable[None]]


async def _idle(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    """Leave the mat idle."""


async def _just_started(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    await _call(hass, "start_session")


async def _running(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    await _call(hass, "start_session")
    await let_time_pass(hass, freezer, 5)


async def _paused(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    await _running(hass, freezer)
    await _call(hass, "pause_session")


async def _at_forty(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    await _running(hass, freezer)
    await hass.services.async_call(
        DOMAIN, "extend_session", {"minutes": 20}, target={"entity_id": BEDROOM}
    )
    await hass.async_block_till_done()


# The states a sentence is tried in, named as in docs/voice.md's English table.
SETUPS: dict[str, Setup] = {
    "idle": _idle,
    "started a minute ago": _just_started,
    "running, 15 min left": _running,
    "paused, 15 min left": _paused,
    "running, 40 min planned": _at_forty,
}

IDLE = ("idle", None, None)
RUNNING = ("running", 20, "back")
PAUSED = ("paused", 20, "back")
NO_SESSION = "There is no mat session running"
RANGE = "Mat sessions last 15 to 40 minutes"
STARTING = "Starting a 15 minute mat session"
# A voice start without a length takes the mat's own: the recommended 15 minutes.
STARTED = ("running", 15, "back")

# (when, what is said, the answer, the mat afterwards). docs/voice.md's English table
# lists exactly these sentences, in the states and with the answers given here.
PHRASINGS: dict[str, list[tuple[str, str, str, tuple[str, Any, Any]]]] = {
    INTENT_START: [
        ("idle", "start my mat session", STARTING, STARTED),
        ("idle", "start the mat", STARTING, STARTED),
        ("idle", "begin a mat session", STARTING, STARTED),
        (
            "idle",
            "start a 25 minute mat session",
            "Starting a 25 minute mat session",
            ("running", 25, "back"),
        ),
        (
            "idle",
            "Start a twenty-five minute mat session.",
            "Starting a 25 minute mat session",
            ("running", 25, "back"),
        ),
        (
            "idle",
            "start a mat session for 20 minutes",
            "Starting a 20 minute mat session",
            RUNNING,
        ),
        (
            "idle",
            "start the mat for 30 minutes",
            "Starting a 30 minute mat session",
            ("running", 30, "back"),
        ),
        (
            "idle",
            "start 15 minutes on my mat",
            "Starting a 15 minute mat session",
            ("running", 15, "back"),
        ),
        (
            "idle",
            "start a 20 minute session on the mat",
            "Starting a 20 minute mat session",
            RUNNING,
        ),
        (
            "idle",
            "start the mat for half an hour",
            "Starting a 30 minute mat session",
            ("running", 30, "back"),
        ),
        (
            "idle",
            "start a half hour mat session",
            "Starting a 30 minute mat session",
            ("running", 30, "back"),
        ),
        (
            "idle",
            "start my mat for a quarter of an hour",
            "Starting a 15 minute mat session",
            ("running", 15, "back"),
        ),
        (
            "idle",
            "start a neck session on the mat",
            "Starting a 15 minute neck session",
            ("running", 15, "neck"),
        ),
        (
            "idle",
            "start a foot session on my mat",
            "Starting a 15 minute foot session",
            ("running", 15, "feet"),
        ),
        (
            "idle",
            "start a 30 minute back session on the mat",
            "Starting a 30 minute back session",
            ("running", 30, "back"),
        ),
        (
            "idle",
            "start a neck session on my mat for 25 minutes",
            "Starting a 25 minute neck session",
            ("running", 25, "neck"),
        ),
        ("idle", "start a 50 minute mat session", RANGE, IDLE),
        ("idle", "start the mat for ten minutes", RANGE, IDLE),
        (
            "idle",
            "start a knee session on the mat",
            "The mat has back, neck and foot sessions",
            IDLE,
        ),
        (
            "running, 15 min left",
            "start my mat session",
            "A mat session is already running, 15 minutes left",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "start a 30 minute mat session",
            "A mat session is paused; resume or stop it first",
            PAUSED,
        ),
    ],
    INTENT_PAUSE: [
        ("running, 15 min left", "pause the mat", "Paused", PAUSED),
        ("running, 15 min left", "pause my mat session", "Paused", PAUSED),
        ("running, 15 min left", "put the mat on hold", "Paused", PAUSED),
        ("running, 15 min left", "hold my mat session", "Paused", PAUSED),
        (
            "paused, 15 min left",
            "pause the mat session",
            "The mat session is already paused",
            PAUSED,
        ),
        ("idle", "pause the mat", NO_SESSION, IDLE),
    ],
    INTENT_RESUME: [
        ("paused, 15 min left", "resume the mat", "Resumed, 15 minutes left", RUNNING),
        (
            "paused, 15 min left",
            "continue my mat session",
            "Resumed, 15 minutes left",
            RUNNING,
        ),
        ("paused, 15 min left", "unpause the mat", "Resumed, 15 minutes left", RUNNING),
        (
            "paused, 15 min left",
            "carry on with the mat session",
            "Resumed, 15 minutes left",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "go on with my mat",
            "Resumed, 15 minutes left",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "resume the mat session",
            "The mat session is already running",
            RUNNING,
        ),
        ("idle", "resume my mat session", NO_SESSION, IDLE),
    ],
    INTENT_STOP: [
        ("running, 15 min left", "stop the mat", "Stopped", IDLE),
        ("paused, 15 min left", "end my mat session", "Stopped", IDLE),
        ("running, 15 min left", "cancel the mat session", "Stopped", IDLE),
        ("running, 15 min left", "I'm done with the mat", "Stopped", IDLE),
        (
            "started a minute ago",
            "stop my mat",
            "Stopped. That was under two minutes, so it isn't logged.",
            IDLE,
        ),
        ("idle", "stop the mat session", NO_SESSION, IDLE),
    ],
    INTENT_TIME_LEFT: [
        (
            "running, 15 min left",
            "how long is left on the mat",
            "15 minutes left",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "how much time is left on my mat session",
            "15 minutes left",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "how many minutes are left on the mat?",
            "15 minutes left",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "how much time do I have left on my mat",
            "15 minutes left",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "how much longer on the mat",
            "15 minutes left",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "how long until my mat session ends",
            "15 minutes left",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "when does the mat session end",
            "15 minutes left",
            RUNNING,
        ),
        ("running, 15 min left", "time left on my mat", "15 minutes left", RUNNING),
        (
            "paused, 15 min left",
            "how long is left on my mat session",
            "The mat session is paused with 15 minutes left",
            PAUSED,
        ),
        ("idle", "how long is left on the mat", NO_SESSION, IDLE),
    ],
    INTENT_EXTEND: [
        (
            "running, 15 min left",
            "add 5 minutes to my mat session",
            "Added 5 minutes, 20 minutes left",
            ("running", 25, "back"),
        ),
        (
            "running, 15 min left",
            "extend my mat session by 10 minutes",
            "Added 10 minutes, 25 minutes left",
            ("running", 30, "back"),
        ),
        (
            "running, 15 min left",
            "add another five minutes to the mat",
            "Added 5 minutes, 20 minutes left",
            ("running", 25, "back"),
        ),
        (
            "running, 15 min left",
            "add a minute to the mat",
            "Added 1 minute, 16 minutes left",
            ("running", 21, "back"),
        ),
        (
            "running, 15 min left",
            "give me 5 more minutes on the mat",
            "Added 5 minutes, 20 minutes left",
            ("running", 25, "back"),
        ),
        (
            "running, 15 min left",
            "10 more minutes on my mat",
            "Added 10 minutes, 25 minutes left",
            ("running", 30, "back"),
        ),
        (
            "paused, 15 min left",
            "make the mat session 10 minutes longer",
            "Added 10 minutes, 25 minutes left",
            ("paused", 30, "back"),
        ),
        (
            "running, 15 min left",
            "extend the mat",
            "Added 5 minutes, 20 minutes left",
            ("running", 25, "back"),
        ),
        (
            "running, 15 min left",
            "add time to my mat session",
            "Added 5 minutes, 20 minutes left",
            ("running", 25, "back"),
        ),
        (
            "running, 15 min left",
            "make my mat session longer",
            "Added 5 minutes, 20 minutes left",
            ("running", 25, "back"),
        ),
        (
            "running, 15 min left",
            "add 30 minutes to the mat",
            "A session can be extended by 1 to 20 whole minutes; 30 was asked",
            RUNNING,
        ),
        (
            "running, 40 min planned",
            "add 5 minutes to the mat",
            "This mat session already lasts 40 minutes, the longest a session can be",
            ("running", 40, "back"),
        ),
        ("idle", "extend my mat session by 10 minutes", NO_SESSION, IDLE),
    ],
}

ALL_PHRASINGS = [
    (intent_type, *phrasing)
    for intent_type, phrasings in PHRASINGS.items()
    for phrasing in phrasings
]

# Sentences other integrations' intents used to take ("No timers", "not aware of
# any device called mat", "Unknown intent HassLawnMowerStartMowing"...).
FALL_THROUGHS = [
    ("how long is left on the mat", NO_SESSION),
    ("add 5 minutes to my mat session", NO_SESSION),
    ("pause the mat", NO_SESSION),
    ("start the mat", STARTING),
    ("start a mat session for 20 minutes", "Starting a 20 minute mat session"),
]


def _english() -> SentenceTable:
    [table] = [t for t in load_sentence_tables(INTENT_TYPES) if t.language == "en"]
    return table


# --- registration ----------------------------------------------------------------


@pytest.mark.usefixtures("init_integration", "assist")
async def test_sentences_and_intents_are_registered(hass: HomeAssistant) -> None:
    """Every table's sentences reach the built-in agent; the intents are registered."""
    tables = await hass.async_add_executor_job(load_sentence_tables, INTENT_TYPES)

    assert registered_sentences(hass) == list(index_templates(tables))
    assert {h.intent_type for h in intent.async_get(hass)} >= set(INTENT_TYPES)


@pytest.mark.usefixtures("assist")
async def test_sentences_work_when_assist_is_set_up_first(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()

    assert await _say(hass, "start my mat session") == STARTING
    assert _mat(hass) == STARTED


# --- one mat: every phrasing -----------------------------------------------------


@pytest.mark.parametrize(
    ("intent_type", "when", "text", "answer", "after"),
    ALL_PHRASINGS,
    ids=[f"{p[0].removeprefix('AcupressureMat')}-{p[2]}" for p in ALL_PHRASINGS],
)
@pytest.mark.usefixtures("init_integration", "assist")
async def test_phrasings(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    intent_type: str,
    when: str,
    text: str,
    answer: str,
    after: tuple[str, Any, Any],
) -> None:
    await SETUPS[when](hass, freezer)

    assert await _say(hass, text) == answer
    assert _mat(hass) == after


@pytest.mark.parametrize(("text", "answer"), FALL_THROUGHS)
@pytest.mark.usefixtures("init_integration")
async def test_sentences_about_the_mat_reach_the_mat(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator, text: str, answer: str
) -> None:
    """Not the timers', media players' or lawn mowers' intents: the mat's.

    Sent as the frontend's Assist dialog sends it.
    """
    for domain in ("homeassistant", "conversation", "intent", "timer"):
        assert await async_setup_component(hass, domain, {})
    await hass.async_block_till_done()
    client = await hass_ws_client(hass)

    await client.send_json_auto_id(
        {"type": "conversation/process", "text": text, "language": "en"}
    )
    response = await client.receive_json()

    assert response["success"], response
    assert response["result"]["response"]["speech"]["plain"]["speech"] == answer


@pytest.mark.usefixtures("init_integration", "assist")
async def test_every_sentence_template_is_tested(
    hass: HomeAssistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each English template is the one that fits at least one tested sentence."""
    matched: set[str] = set()

    def pick(candidates: list[SentenceTemplate], language: str | None) -> Any:
        template = pick_template(candidates, language)
        matched.add(template.text)
        return template

    monkeypatch.setattr(
        "custom_components.acupressure_mat.voice.sentences.pick_template", pick
    )
    for text in [text for _, _, text, _, _ in ALL_PHRASINGS] + SEVERAL_MATS_SENTENCES:
        await _say(hass, text)

    assert {text for text, _, _ in _english().templates} - matched == set()


def _reference_rows() -> list[tuple[str, str, str]]:
    """(sentence, when, answer) of docs/voice.md's English table."""
    text = VOICE_REFERENCE.read_text(encoding="utf-8")
    section = text.split("\n## English (`en`)\n", 1)[1].split("\n## ", 1)[0]
    row = re.compile(
        r'^\| "(?P<say>[^"]+)" \| (?P<when>[^|]+) \| "(?P<answer>[^"]+)" \|$'
    )
    return [
        (m["say"], m["when"].strip(), m["answer"])
        for line in section.splitlines()
        if (m := row.match(line))
    ]


def test_the_voice_reference_lists_every_phrasing() -> None:
    """The Voice table says exactly what is tested: sentence, state and answer."""
    assert _reference_rows() == [
        (text, when, answer) for _, when, text, answer, _ in ALL_PHRASINGS
    ]


@pytest.mark.parametrize(
    ("minutes", "answer"),
    [(7.5, "13 minutes left"), (19.2, "1 minute left")],
)
@pytest.mark.usefixtures("init_integration", "assist")
async def test_time_left_counts_whole_minutes_up(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, minutes: float, answer: str
) -> None:
    await _just_started(hass, freezer)
    await let_time_pass(hass, freezer, minutes)

    assert await _say(hass, "how much time is left on my mat session") == answer


@pytest.mark.usefixtures("init_integration", "assist")
async def test_a_false_start_is_not_logged(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """What the answer says is what the log shows."""
    await _just_started(hass, freezer)
    await let_time_pass(hass, freezer, 1.5)
    assert await _say(hass, "stop the mat") == (
        "Stopped. That was under two minutes, so it isn't logged."
    )
    assert hass.states.get("sensor.bedroom_mat_session_count").state == "0"

    await _just_started(hass, freezer)
    await let_time_pass(hass, freezer, 2)
    assert await _say(hass, "stop the mat") == "Stopped"
    assert hass.states.get("sensor.bedroom_mat_session_count").state == "1"


@pytest.mark.usefixtures("init_integration", "assist")
async def test_what_is_said_is_done_for_the_speaker(hass: HomeAssistant) -> None:
    """The session's events carry the voice request's context (its user)."""
    started = async_capture_events(hass, "acupressure_mat_session_started")
    paused = async_capture_events(hass, "acupressure_mat_session_paused")
    context = Context(user_id="0123456789abcdef0123456789abcdef")

    for text in ("start the mat", "pause the mat"):
        await async_converse(hass, text, None, context, "en")
    await hass.async_block_till_done()

    assert [event.context.user_id for event in started + paused] == [
        context.user_id
    ] * 2


@pytest.mark.usefixtures("assist")
async def test_a_named_mat_must_exist(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    assert await _say(hass, "start the bedroom mat session") == STARTING
    assert await _say(hass, "stop the kitchen mat session") == (
        "There is no mat called kitchen; the only mat is Bedroom mat"
    )
    assert _mat(hass) == STARTED


@pytest.mark.usefixtures("assist")
async def test_no_mat_set_up(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    assert await hass.config_entries.async_unload(init_integration.entry_id)

    assert await _say(hass, "start my mat session") == (
        "There is no acupressure mat set up"
    )


# --- several mats ----------------------------------------------------------------

SEVERAL_MATS: list[tuple[str, str, tuple[str, Any, Any], tuple[str, Any, Any]]] = [
    (
        "start the guest mat session",
        "Guest mat: Starting a 15 minute mat session",
        IDLE,
        STARTED,
    ),
    (
        "start my Guest mat session",
        "Guest mat: Starting a 15 minute mat session",
        IDLE,
        STARTED,
    ),
    (
        "start my mat session in the bedroom",
        "Bedroom mat: Starting a 15 minute mat session",
        STARTED,
        IDLE,
    ),
    (
        "start a 25 minute mat session in the spare room",
        "Guest mat: Starting a 25 minute mat session",
        IDLE,
        ("running", 25, "back"),
    ),
    (
        "start a 25 minute bedroom mat session",
        "Bedroom mat: Starting a 25 minute mat session",
        ("running", 25, "back"),
        IDLE,
    ),
    (
        "start a mat session for 20 minutes in the guest room",
        "Guest mat: Starting a 20 minute mat session",
        IDLE,
        RUNNING,
    ),
    (
        "start a 30 minute neck session on the guest mat",
        "Guest mat: Starting a 30 minute neck session",
        IDLE,
        ("running", 30, "neck"),
    ),
    (
        "start a feet session on the guest room mat",
        "Guest mat: Starting a 15 minute foot session",
        IDLE,
        ("running", 15, "feet"),
    ),
    (
        "start a neck session on the mat in the guest room",
        "Guest mat: Starting a 15 minute neck session",
        IDLE,
        ("running", 15, "neck"),
    ),
    ("start my mat session", "Which mat: Bedroom mat or Guest mat?", IDLE, IDLE),
    ("start the mat", "Which mat: Bedroom mat or Guest mat?", IDLE, IDLE),
    (
        "start the office mat session",
        "There is no mat called office; the mats are Bedroom mat and Guest mat",
        IDLE,
        IDLE,
    ),
    (
        "stop the guest mat",
        "Guest mat: There is no mat session running",
        IDLE,
        IDLE,
    ),
]
SEVERAL_MATS_SENTENCES = [text for text, _, _, _ in SEVERAL_MATS]


@pytest.mark.parametrize(("text", "answer", "bedroom", "guest"), SEVERAL_MATS)
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
        "Guest mat: Starting a 15 minute mat session"
    )
    assert await _say(
        hass, "start a neck session on the mat", satellite_id=satellite.entity_id
    ) == ("Bedroom mat: Starting a 15 minute neck session")
    assert await _say(hass, "stop my mat session", satellite_id=kitchen.entity_id) == (
        "Which mat: Bedroom mat or Guest mat?"
    )
    assert _mat(hass, GUEST) == STARTED
    assert _mat(hass, BEDROOM) == ("running", 15, "neck")


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
    ) == ("Guest mat: Starting a 15 minute mat session")
    assert _mat(hass, GUEST) == STARTED


@pytest.mark.usefixtures("areas", "assist")
async def test_several_mats_the_one_with_a_session_is_meant(
    hass: HomeAssistant,
) -> None:
    await _call(hass, "start_session", GUEST)

    assert await _say(hass, "pause the mat") == "Guest mat: Paused"
    assert await _say(hass, "how long is left on the mat") == (
        "Guest mat: The mat session is paused with 20 minutes left"
    )
    assert await _say(hass, "add 5 minutes to my mat session") == (
        "Guest mat: Added 5 minutes, 25 minutes left"
    )
    await _call(hass, "start_session", BEDROOM)
    assert await _say(hass, "stop my mat session") == (
        "Which mat: Bedroom mat or Guest mat?"
    )
    assert _mat(hass, GUEST) == ("paused", 25, "back")
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
        "Guest mat: Starting a 15 minute mat session"
    )
    assert _mat(hass, BEDROOM) == IDLE


@pytest.mark.usefixtures("assist")
async def test_three_mats_are_listed_in_full(
    hass: HomeAssistant, areas: dict[str, str]
) -> None:
    await async_add_mat(hass, mat_entry(title="Office mat"))

    assert await _say(hass, "start the mat") == (
        "Which mat: Bedroom mat, Guest mat or Office mat?"
    )
    assert await _say(hass, "start the yoga mat") == (
        "There is no mat called yoga; the mats are Bedroom mat, Guest mat and "
        "Office mat"
    )


@pytest.mark.usefixtures("assist")
async def test_a_renamed_mat_answers_to_its_new_name(
    hass: HomeAssistant, areas: dict[str, str], guest_mat: MockConfigEntry
) -> None:
    device_registry = dr.async_get(hass)
    device = mat_device(hass, guest_mat.entry_id)
    device_registry.async_update_device(device.id, name_by_user="Yoga mat")
    er.async_get(hass).async_update_entity(GUEST, area_id=areas["kitchen"])

    assert await _say(hass, "start the yoga mat session") == (
        "Guest mat: Starting a 15 minute mat session"
    )
    assert await _say(hass, "stop my mat session in the kitchen") == (
        "Guest mat: Stopped. That was under two minutes, so it isn't logged."
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
    "Session entity in Settings > Voice assistants > Expose"
)


@pytest.mark.parametrize(
    ("when", "text"),
    [
        ("idle", "start my mat session"),
        ("running, 15 min left", "pause the mat"),
        ("paused, 15 min left", "resume my mat session"),
        ("running, 15 min left", "stop the mat session"),
        ("paused, 15 min left", "end my mat session"),
        ("running, 15 min left", "how long is left on the mat"),
        ("running, 15 min left", "add 5 minutes to my mat session"),
    ],
)
@pytest.mark.usefixtures("init_integration", "assist")
async def test_a_hidden_mat_is_not_reached_by_voice(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, when: str, text: str
) -> None:
    """Hidden under Settings > Voice assistants > Expose: voice leaves it alone."""
    await SETUPS[when](hass, freezer)
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
    assert await _say(hass, "start my mat session") == STARTING
    assert _mat(hass, GUEST) == IDLE
    assert _mat(hass, BEDROOM) == STARTED


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
        "Keine Akupressurmatte ist für Assist verfügbar. Um eine Matte per Sprache "
        "zu steuern, mache ihre Sitzungsentität unter Einstellungen > "
        "Sprachassistenten > Verfügbarkeit für Assist verfügbar"
    )
    assert _mat(hass) == IDLE
    # An intent script or automation names no assistant: the mat is theirs.
    response = await _handle(hass, INTENT_START)
    assert response.response_type is intent.IntentResponseType.ACTION_DONE
    assert _mat(hass) == STARTED


# --- answers in the language asked -----------------------------------------------


@pytest.mark.usefixtures("init_integration", "assist")
async def test_an_english_sentence_is_answered_in_english(
    hass: HomeAssistant,
) -> None:
    """Whatever Home Assistant's or the pipeline's language: the sentence's."""
    hass.config.language = "de"

    assert await _say(hass, "start the mat", language="de") == STARTING


@pytest.mark.parametrize(
    ("intent_type", "slots", "speech"),
    [
        (INTENT_START, {}, "Eine Mattensitzung von 15 Minuten beginnt"),
        (
            INTENT_START,
            {"body_area": "neck"},
            "Eine Nackensitzung von 15 Minuten beginnt",
        ),
        (INTENT_TIME_LEFT, {}, "Es läuft keine Mattensitzung"),
        (INTENT_START, {"duration": 45}, "Mattensitzungen dauern 15 bis 40 Minuten"),
    ],
)
@pytest.mark.usefixtures("init_integration")
async def test_the_handlers_answer_in_the_requests_language(
    hass: HomeAssistant, intent_type: str, slots: dict[str, Any], speech: str
) -> None:
    """What a German conversation with a language model hears."""
    response = await intent.async_handle(
        hass,
        "test",
        intent_type,
        {key: {"value": value} for key, value in slots.items()},
        language="de",
    )

    assert response.speech["plain"]["speech"] == speech


@pytest.mark.usefixtures("init_integration")
async def test_an_answer_in_a_language_without_translations_is_english(
    hass: HomeAssistant,
) -> None:
    response = await _handle(hass, INTENT_START, language="eo")

    assert response.speech["plain"]["speech"] == STARTING


# --- the intent handlers ---------------------------------------------------------


async def _handle(
    hass: HomeAssistant, intent_type: str, language: str | None = None, **slots: Any
) -> intent.IntentResponse:
    return await intent.async_handle(
        hass,
        "test",
        intent_type,
        {key: {"value": value} for key, value in slots.items()},
        language=language,
    )


@pytest.mark.parametrize(
    ("slots", "speech", "after"),
    [
        ({}, STARTING, STARTED),
        (
            {"duration": "35"},
            "Starting a 35 minute mat session",
            ("running", 35, "back"),
        ),
        (
            {"body_area": "Neck"},
            "Starting a 15 minute neck session",
            ("running", 15, "neck"),
        ),
        ({"name": "Bedroom mat"}, STARTING, STARTED),
        ({"name": "the Bedroom mat's"}, STARTING, STARTED),
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
            "The mat has back, neck and foot sessions",
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
        (
            ServiceValidationError(
                translation_domain=DOMAIN,
                translation_key="pause_wrong_state",
                translation_placeholders={"name": "Bedroom mat"},
            ),
            "The session on Bedroom mat is already paused",
        ),
    ],
)
@pytest.mark.usefixtures("assist")
async def test_a_refusal_of_the_engine_is_an_answer(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    monkeypatch: pytest.MonkeyPatch,
    error: HomeAssistantError,
    speech: str,
) -> None:
    """The session changed between the check and the act: still words, no trace."""

    async def refuse(**_kwargs: Any) -> None:
        raise error

    await _running(hass, freezer)
    monkeypatch.setattr(_engine(init_integration), "async_pause", refuse)

    assert await _say(hass, "pause the mat session") == speech
    assert _mat(hass) == RUNNING


@pytest.mark.usefixtures("init_integration", "assist")
async def test_a_sentence_never_raises(hass: HomeAssistant) -> None:
    """The agent does not catch exceptions from a sentence: they become words."""
    intent.async_remove(hass, INTENT_PAUSE)

    assert await _say(hass, "pause the mat session") == "The mat could not do that"


@pytest.mark.usefixtures("init_integration", "assist")
async def test_minutes_that_are_not_a_number(hass: HomeAssistant) -> None:
    """A number the mat can't read is refused with what is allowed."""
    assert await _say(hass, "start a banana minute mat session") == RANGE
    await _call(hass, "start_session")
    assert await _say(hass, "add some minutes to my mat") == (
        "A session can be extended by 1 to 20 whole minutes; some was asked"
    )
    assert _mat(hass) == RUNNING


def test_handlers_have_descriptions_and_no_platforms() -> None:
    handler = StartSessionHandler()
    assert handler.platforms is None
    assert handler.description


# --- the sentence tables ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("25", 25.0),
        ("twenty five", 25.0),
        ("Twenty-Five", 25.0),
        ("forty", 40.0),
        ("fifteen", 15.0),
        ("20-", 20.0),
        ("another 5", 5.0),
        ("a couple of", 2.0),
        ("an", 1.0),
        ("a few", None),
        ("more", None),
        ("", None),
    ],
)
def test_minutes_as_people_say_them(text: str, minutes: float | None) -> None:
    assert _english().parse_minutes(text) == minutes


def test_body_area_words() -> None:
    table = _english()
    assert [table.body_area(w) for w in ("Foot", "feet", "neck", "knee")] == [
        "feet",
        "feet",
        "neck",
        "knee",
    ]


def _table(**changes: Any) -> dict[str, Any]:
    return {
        "language": "en",
        "expansion_rules": {"mat": "[acupressure] mat"},
        "intents": {INTENT_PAUSE: [{"sentences": ["pause the <mat>"]}]},
    } | changes


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            _table(intents={INTENT_PAUSE: [{"sentences": ["pause the <rug>"]}]}),
            "unknown or circular expansion rule <rug>",
        ),
        (
            _table(expansion_rules={"mat": "<mat>"}),
            "unknown or circular expansion rule <mat>",
        ),
        (
            _table(intents={INTENT_PAUSE: [{"sentences": ["pause {mat}"]}]}),
            "unknown slots ['mat'] in pause {mat}",
        ),
        (
            _table(
                intents={
                    INTENT_PAUSE: [{"sentences": ["pause the <mat>"]}],
                    INTENT_STOP: [{"sentences": ["pause the <mat>"]}],
                }
            ),
            "the sentence pause the <mat> is there twice",
        ),
        (_table(intents={"HassTurnOn": [{"sentences": ["x"]}]}), "value must be one"),
        (_table(body_areas={"knee": ["knee"]}), "value must be one of"),
    ],
)
def test_a_table_with_mistakes_is_refused(data: dict[str, Any], error: str) -> None:
    with pytest.raises(vol.Invalid, match=re.escape(error)):
        read_table(data, INTENT_TYPES)


def test_a_sentence_two_languages_share_is_the_speakers() -> None:
    """Two tables with the same sentence: the one in the language spoken."""
    tables = [
        read_table(_table(), INTENT_TYPES),
        read_table(
            _table(
                language="nl",
                intents={INTENT_STOP: [{"sentences": ["pause the <mat>"]}]},
            ),
            INTENT_TYPES,
        ),
    ]
    [(text, candidates)] = index_templates(tables).items()

    assert text == "pause the ([acupressure] mat)"
    assert pick_template(candidates, "nl-NL").intent_type == INTENT_STOP
    assert pick_template(candidates, "en_GB").intent_type == INTENT_PAUSE
    assert pick_template(candidates, "fr").intent_type == INTENT_PAUSE
    assert pick_template(candidates, None).intent_type == INTENT_PAUSE
