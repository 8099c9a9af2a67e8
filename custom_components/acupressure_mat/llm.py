"""Language-model tools: the mat's Assist intents, for conversation agents.

Home Assistant 2026.10 and later load this platform and no longer offer an
integration's intent handlers to language-model agents by themselves; earlier
releases never load it and offer the handlers directly (see voice/__init__.py). The
type checker runs against the floor release, which lacks this API: hence the
ignores below.
"""

from __future__ import annotations

from typing import Final

from homeassistant.components.llm import (  # type: ignore[import-not-found,unused-ignore]
    LLMTools,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import intent
from homeassistant.helpers.llm import (  # type: ignore[attr-defined,unused-ignore]
    LLM_API_ASSIST,
    IntentTool,
    LLMContext,
    ToolAnnotations,
)

from .const import DOMAIN
from .texts import text
from .voice.exposure import async_any_mat_exposed
from .voice.handlers import (
    INTENT_EXTEND,
    INTENT_PAUSE,
    INTENT_RESUME,
    INTENT_START,
    INTENT_STOP,
    INTENT_TIME_LEFT,
)

# Each acts on the user's own mat only; a second start, pause, resume or stop
# is refused, so only extending adds something on every call.
_CONTROL: Final = ToolAnnotations(idempotent=True, open_world=False)

# Each tool's title is a text of its own ("tool_start"), in Home Assistant's language.
TOOLS: Final[dict[str, tuple[str, ToolAnnotations]]] = {
    INTENT_START: ("tool_start", _CONTROL),
    INTENT_PAUSE: ("tool_pause", _CONTROL),
    INTENT_RESUME: ("tool_resume", _CONTROL),
    INTENT_STOP: ("tool_stop", _CONTROL),
    INTENT_TIME_LEFT: (
        "tool_time_left",
        ToolAnnotations(read_only=True, open_world=False),
    ),
    INTENT_EXTEND: (
        "tool_extend",
        ToolAnnotations(destructive=False, open_world=False),
    ),
}


@callback
def async_get_tools(
    hass: HomeAssistant, llm_context: LLMContext, api_id: str
) -> LLMTools | None:
    """The mat's tools for Assist, when a mat is exposed to the assistant."""
    if (
        api_id != LLM_API_ASSIST
        or not llm_context.assistant
        or not async_any_mat_exposed(hass, llm_context.assistant)
    ):
        return None
    return LLMTools(
        tools=[
            IntentTool(  # type: ignore[call-arg,unused-ignore]
                f"{DOMAIN}__{handler.intent_type}",
                handler,
                title=text(hass, TOOLS[handler.intent_type][0]),
                integration=DOMAIN,
                annotations=TOOLS[handler.intent_type][1],
            )
            for handler in intent.async_get(hass)
            if handler.intent_type in TOOLS
        ]
    )
