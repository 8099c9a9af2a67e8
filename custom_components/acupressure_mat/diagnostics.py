"""Diagnostics of a mat, with the user's words, names and sleep figures redacted."""

from __future__ import annotations

from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.core import HomeAssistant

from .const import CONF_NOTIFY_TARGET
from .data import AcupressureMatConfigEntry

# Sleep figures are health data: diagnostics say whether a night is known, not
# what it was.
TO_REDACT = {"notes", "title", "sleep", CONF_NOTIFY_TARGET}
RECENT_RECORDS = 5


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: AcupressureMatConfigEntry
) -> dict[str, Any]:
    """The mat's options, settings, session, most recent records and night count."""
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
            "night_count": len(engine.history.nights),
            "recent_records": [r.as_dict() for r in records[-RECENT_RECORDS:]],
        },
        TO_REDACT,
    )
