"""The session log: stored records and queries over them."""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable
from typing import Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.storage import Store

from .const import DOMAIN, HISTORY_STORAGE_VERSION
from .models import SessionRecord


class SessionHistory:
    """Logged sessions of one mat, oldest first, written to disk at every change.

    Records are kept sorted by start and each one's serialized form is cached,
    so a save hands the store a list it can serialize off the event loop.
    """

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Prepare the history store of one mat."""
        self._store: Store[dict[str, Any]] = Store(
            hass,
            HISTORY_STORAGE_VERSION,
            f"{DOMAIN}.{entry_id}.history",
            atomic_writes=True,
            serialize_in_event_loop=False,
        )
        self._records: list[SessionRecord] = []
        self._serialized: dict[str, dict[str, Any]] = {}
        self._listeners: list[Callable[[], None]] = []

    @property
    def records(self) -> list[SessionRecord]:
        """All records, oldest first (do not modify)."""
        return self._records

    @property
    def latest(self) -> SessionRecord | None:
        """The most recently started record."""
        return self._records[-1] if self._records else None

    def get(self, session_id: str) -> SessionRecord | None:
        """The record with this id."""
        return next((r for r in reversed(self._records) if r.id == session_id), None)

    async def async_load(self) -> None:
        """Load the stored records."""
        data = await self._store.async_load()
        records = [
            SessionRecord.from_dict(item) for item in (data or {}).get("records", [])
        ]
        records.sort(key=_start_key)
        self._records = records
        self._serialized = {r.id: r.as_dict() for r in records}

    async def async_add(self, record: SessionRecord) -> None:
        """Log a record and write it to disk; a record logged already stays as is."""
        if record.id in self._serialized:
            return
        insort(self._records, record, key=_start_key)
        self._serialized[record.id] = record.as_dict()
        await self._async_save()

    @callback
    def async_add_listener(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call listener whenever the log changes; returns the unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    async def async_remove_file(self) -> None:
        """Delete the stored log (the mat was removed)."""
        await self._store.async_remove()

    async def _async_save(self) -> None:
        await self._store.async_save({"records": list(self._serialized.values())})
        for listener in list(self._listeners):
            listener()


def _start_key(record: SessionRecord) -> float:
    return record.started_at.timestamp()
