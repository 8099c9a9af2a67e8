"""Diagnostics of a mat, with the user's words and names redacted."""

from __future__ import annotations

from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.core import HomeAssistant

from .const import CONF_NOTIFY_TARGET
from .data import AcupressureMatConfigEntry

TO_REDACT = {"notes", "title", CONF_NOTIFY_TARGET}
RECENT_RECORDS = 5


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: AcupressureMatConfigEntry
) -> dict[str, Any]:
    """The mat's options, settings, session and most recent records."""
    engine = entry.runtime_data.engine
    records = engine.history.records
    return async_redact_data(
        {
            "title": entry.title,
            "options": dict(entry.options),
            "settings": engine.settings.as_dict(),
            "state": engine.state,
            "session": engine.session.as_dict() if engine.session else None,
            "record_count": len(records),
            "recent_records": [r.as_dict() for r in records[-RECENT_RECORDS:]],
        },
        TO_REDACT,
    )
