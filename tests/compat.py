"""What the tests need to know about the Home Assistant release they run on.

The tests run on the floor (2026.2.3) and on the newest release (2026.10.4).
Where the two expose the same behaviour through different test-facing APIs, the
difference is bridged here, detected by feature; the tests themselves do not
branch on the release.
"""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, llm


def mat_device(hass: HomeAssistant, entry_id: str) -> dr.DeviceEntry:
    """The mat's device, found through its entry.

    Lookups by identifier (``async_get_device``) are deprecated from 2026.10.
    """
    [device] = dr.async_entries_for_config_entry(dr.async_get(hass), entry_id)
    return device


def registered_sentences(hass: HomeAssistant) -> list[str]:
    """Every sentence given to the built-in agent's sentence triggers."""
    from homeassistant.components.conversation.agent_manager import (  # noqa: PLC0415
        get_agent_manager,
    )

    manager: Any = get_agent_manager(hass)
    if hasattr(manager, "trigger_sentences"):  # 2026.10+
        sentences: list[str] = manager.trigger_sentences
        return sentences
    return [s for details in manager.triggers_details for s in details.sentences]


def mat_tools(api: llm.APIInstance) -> dict[str, llm.Tool]:
    """The mat's language-model tools by intent type.

    Up to 2026.9 a tool is named after its intent; from 2026.10 the name carries
    the integration's domain first (``acupressure_mat__<intent>``).
    """
    return {
        tool.name.rpartition("__")[2]: tool
        for tool in api.tools
        if tool.name.rpartition("__")[2].startswith("AcupressureMat")
    }


def tool_data(result: Any) -> dict[str, Any]:
    """What a tool returned: a dict up to 2026.9, a ToolResult's data from 2026.10."""
    data: dict[str, Any] = dict(getattr(result, "data", result))
    return data


def has_calendar_subscriptions() -> bool:
    """Whether calendars push their events to subscribers (not yet in 2026.2.3)."""
    from homeassistant.components.calendar import CalendarEntity  # noqa: PLC0415

    return hasattr(CalendarEntity, "async_subscribe_events")
