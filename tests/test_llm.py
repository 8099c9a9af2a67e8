"""Language-model agents: the mat's intents as Assist's tools.

The tools are called through Home Assistant's own Assist API, as a conversation
agent such as OpenAI's calls them. Up to 2026.9 Assist offers the intent
handlers itself; from 2026.10 the integration's ``llm.py`` platform does. The
first tests hold on both; the last ones pin what the platform declares.
"""

from __future__ import annotations

from datetime import datetime
import importlib.util
import logging
from typing import Any, Final

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.texts import async_load_language
from custom_components.acupressure_mat.voice.handlers import (
    INTENT_EXTEND,
    INTENT_PAUSE,
    INTENT_RESUME,
    INTENT_START,
    INTENT_STOP,
    INTENT_TIME_LEFT,
)
from homeassistant.components.homeassistant.exposed_entities import async_expose_entity
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import llm

from .compat import mat_tools, tool_data

BEDROOM = "sensor.bedroom_mat_session"
GUEST = "sensor.guest_mat_session"
START = datetime.fromisoformat("2026-02-20T21:00:00+00:00")
TOOL_INTENTS = {
    INTENT_START,
    INTENT_PAUSE,
    INTENT_RESUME,
    INTENT_STOP,
    INTENT_TIME_LEFT,
    INTENT_EXTEND,
}
HAS_LLM_PLATFORMS = importlib.util.find_spec("homeassistant.components.llm") is not None


@pytest.fixture(autouse=True)
def start_time(freezer: Any) -> None:
    """Every test starts at a whole second."""
    freezer.move_to(START)


async def _api(hass: HomeAssistant, api_id: str = llm.LLM_API_ASSIST) -> Any:
    return await llm.async_get_api(
        hass,
        api_id,
        llm.LLMContext(
            platform="test",
            context=Context(),
            language="en",
            assistant="conversation",
            device_id=None,
        ),
    )


async def _call(api: Any, intent_type: str, **args: Any) -> str:
    """Call the mat's tool for the intent as an agent would; return its speech."""
    tool = mat_tools(api)[intent_type]
    result = tool_data(await api.async_call_tool(llm.ToolInput(tool.name, args)))
    speech: str = result["speech"]["plain"]["speech"]
    return speech


def _state(hass: HomeAssistant, entity_id: str = BEDROOM) -> tuple[str, Any]:
    state = hass.states.get(entity_id)
    return state.state, state.attributes.get("planned_minutes")


@pytest.mark.usefixtures("assist", "init_integration")
async def test_tools_run_a_whole_session(hass: HomeAssistant) -> None:
    """Start, ask, pause, extend, resume and stop, each through its tool."""
    api = await _api(hass)
    tools = mat_tools(api)
    assert set(tools) == TOOL_INTENTS
    assert all(tool.description for tool in tools.values())
    assert set(tools[INTENT_START].parameters.schema) == {
        "name",
        "duration",
        "body_area",
    }
    assert set(tools[INTENT_EXTEND].parameters.schema) == {"name", "minutes"}
    assert set(tools[INTENT_PAUSE].parameters.schema) == {"name"}

    assert await _call(api, INTENT_START, duration=30, body_area="neck") == (
        "Starting a 30 minute neck session"
    )
    assert _state(hass) == ("running", 30)
    assert await _call(api, INTENT_TIME_LEFT) == "30 minutes left"
    assert await _call(api, INTENT_PAUSE) == "Paused"
    assert await _call(api, INTENT_EXTEND) == "Added 5 minutes, 35 minutes left"
    assert _state(hass) == ("paused", 35)
    assert await _call(api, INTENT_RESUME) == "Resumed, 35 minutes left"
    # Stopped at once: a false start, and the agent is told so.
    assert await _call(api, INTENT_STOP) == (
        "Stopped. That was under two minutes, so it isn't logged."
    )
    assert _state(hass) == ("idle", None)


@pytest.mark.parametrize(
    ("minutes", "speech"),
    [
        (25, "A session can be extended by 1 to 20 whole minutes; 25 was asked"),
        (2.5, "A session can be extended by 1 to 20 whole minutes; 2.5 was asked"),
    ],
)
@pytest.mark.usefixtures("assist", "init_integration")
async def test_extend_refusals_are_answers(
    hass: HomeAssistant, minutes: float, speech: str
) -> None:
    api = await _api(hass)
    assert await _call(api, INTENT_EXTEND) == "There is no mat session running"
    await _call(api, INTENT_START, duration=20)

    assert await _call(api, INTENT_EXTEND, minutes=minutes) == speech
    assert _state(hass) == ("running", 20)


@pytest.mark.usefixtures("assist", "init_integration")
async def test_extend_up_to_forty_minutes(hass: HomeAssistant) -> None:
    api = await _api(hass)
    await _call(api, INTENT_START, duration=20)

    assert await _call(api, INTENT_EXTEND, minutes=15) == (
        "Added 15 minutes, 35 minutes left"
    )
    assert await _call(api, INTENT_EXTEND, minutes=10) == (
        "A session lasts at most 40 minutes. This one is planned for 35, so at most "
        "5 more can be added; 10 was asked"
    )
    assert await _call(api, INTENT_EXTEND, minutes=5) == (
        "Added 5 minutes, 40 minutes left"
    )
    assert await _call(api, INTENT_EXTEND, minutes=1) == (
        "This mat session already lasts 40 minutes, the longest a session can be"
    )
    assert _state(hass) == ("running", 40)


@pytest.mark.usefixtures("assist", "init_integration")
async def test_a_hidden_mat_is_out_of_the_tools_reach(
    hass: HomeAssistant, guest_mat: MockConfigEntry
) -> None:
    """A mat hidden from Assist is neither named nor acted on by an agent."""
    async_expose_entity(hass, "conversation", GUEST, False)
    api = await _api(hass)

    assert await _call(api, INTENT_START, name="Guest mat") == (
        "There is no mat called Guest mat; the only mat is Bedroom mat"
    )
    # With only one mat in reach there is nothing to ask.
    assert await _call(api, INTENT_START) == "Starting a 15 minute mat session"
    assert _state(hass, GUEST) == ("idle", None)
    assert _state(hass, BEDROOM) == ("running", 15)


# --- the llm.py platform (Home Assistant 2026.10+) -------------------------------

TITLES: Final = {
    "en": {
        INTENT_START: "Start a mat session",
        INTENT_PAUSE: "Pause the mat session",
        INTENT_RESUME: "Resume the mat session",
        INTENT_STOP: "Stop the mat session",
        INTENT_TIME_LEFT: "Time left in the mat session",
        INTENT_EXTEND: "Extend the mat session",
    },
    "de": {
        INTENT_START: "Mattensitzung starten",
        INTENT_PAUSE: "Mattensitzung pausieren",
        INTENT_RESUME: "Mattensitzung fortsetzen",
        INTENT_STOP: "Mattensitzung beenden",
        INTENT_TIME_LEFT: "Restzeit der Mattensitzung",
        INTENT_EXTEND: "Mattensitzung verlängern",
    },
    "nl": {
        INTENT_START: "Een matsessie starten",
        INTENT_PAUSE: "De matsessie pauzeren",
        INTENT_RESUME: "De matsessie hervatten",
        INTENT_STOP: "De matsessie stoppen",
        INTENT_TIME_LEFT: "Resterende tijd van de matsessie",
        INTENT_EXTEND: "De matsessie verlengen",
    },
    "fr": {
        INTENT_START: "Démarrer une séance de tapis",
        INTENT_PAUSE: "Mettre la séance de tapis en pause",
        INTENT_RESUME: "Reprendre la séance de tapis",
        INTENT_STOP: "Arrêter la séance de tapis",
        INTENT_TIME_LEFT: "Temps restant de la séance de tapis",
        INTENT_EXTEND: "Prolonger la séance de tapis",
    },
    "es": {
        INTENT_START: "Iniciar una sesión de esterilla",
        INTENT_PAUSE: "Pausar la sesión de esterilla",
        INTENT_RESUME: "Reanudar la sesión de esterilla",
        INTENT_STOP: "Detener la sesión de esterilla",
        INTENT_TIME_LEFT: "Tiempo restante de la sesión de esterilla",
        INTENT_EXTEND: "Alargar la sesión de esterilla",
    },
}

newest_only = pytest.mark.skipif(
    not HAS_LLM_PLATFORMS, reason="LLM tools platforms exist from 2026.10"
)


@newest_only
@pytest.mark.usefixtures("assist", "init_integration")
async def test_tools_declare_what_the_api_expects(
    hass: HomeAssistant, caplog: pytest.LogCaptureFixture
) -> None:
    """Prefixed names, the integration, a title, annotations and ToolResults."""
    from custom_components.acupressure_mat.llm import TOOLS  # noqa: PLC0415
    from homeassistant.helpers.llm import (  # type: ignore[attr-defined,unused-ignore]  # noqa: PLC0415
        ToolResult,
    )

    api = await _api(hass)
    # Typed against the floor release, whose tools have no title or annotations.
    tools: dict[str, Any] = mat_tools(api)
    for intent_type, tool in tools.items():
        assert tool.name == f"{DOMAIN}__{intent_type}"
        assert tool.integration == DOMAIN
        assert tool.title == TITLES["en"][intent_type]
        assert tool.annotations == TOOLS[intent_type][1]
    assert tools[INTENT_TIME_LEFT].annotations.read_only
    assert not tools[INTENT_EXTEND].annotations.idempotent

    result = await api.async_call_tool(llm.ToolInput(tools[INTENT_START].name, {}))

    assert isinstance(result, ToolResult)
    assert not result.error
    assert result.data["speech"]["plain"]["speech"] == (
        "Starting a 15 minute mat session"
    )
    # Home Assistant reports tools that miss a prefix, an integration or a result.
    # (asyncio's slow-task notes on a busy machine name the mat's code too.)
    reports = [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.WARNING and r.name != "asyncio"
    ]
    assert not [message for message in reports if DOMAIN in message]


@newest_only
@pytest.mark.usefixtures("assist", "init_integration")
@pytest.mark.parametrize("language", ["de", "nl", "fr", "es"])
async def test_tool_titles_follow_home_assistants_language(
    hass: HomeAssistant, language: str
) -> None:
    """A tool's title is shown to people, so it is in their language."""
    hass.config.language = language
    await async_load_language(hass)
    # Typed against the floor release, whose tools have no title.
    tools: dict[str, Any] = mat_tools(await _api(hass))

    titles = {intent_type: tool.title for intent_type, tool in tools.items()}

    assert titles == TITLES[language]


@newest_only
@pytest.mark.usefixtures("assist", "init_integration")
async def test_no_tools_without_an_exposed_mat(hass: HomeAssistant) -> None:
    """As for Home Assistant's own devices: nothing exposed, no tools."""
    from custom_components.acupressure_mat.llm import async_get_tools  # noqa: PLC0415

    assert mat_tools(await _api(hass))
    async_expose_entity(hass, "conversation", BEDROOM, False)

    assert mat_tools(await _api(hass)) == {}
    context = llm.LLMContext(
        platform="test",
        context=Context(),
        language="en",
        assistant="conversation",
        device_id=None,
    )
    async_expose_entity(hass, "conversation", BEDROOM, True)
    assert async_get_tools(hass, context, "another_api") is None
    context.assistant = ""
    assert async_get_tools(hass, context, llm.LLM_API_ASSIST) is None
