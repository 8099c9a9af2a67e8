"""The session log: stored records and sleep nights, and queries over them."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.util import dt as dt_util

from .const import DOMAIN, HISTORY_STORAGE_VERSION, OUTCOME_COMPLETED
from .models import SessionRecord, SleepNight
from .storage import MatStore

# Sleep reported from 03:00 belongs to the evening before; a session started
# before 03:00 belongs to the evening before too.
NIGHT_BOUNDARY = timedelta(hours=3)


def evening_of(moment: datetime) -> date:
    """The evening (local date) a moment's night began on."""
    return (dt_util.as_local(moment) - NIGHT_BOUNDARY).date()


@dataclass(frozen=True, kw_only=True, slots=True)
class HistorySummary:
    """Figures over a range of records."""

    count: int
    total_minutes: float
    mean_minutes: float | None
    mean_rating: float | None
    completion_rate: float | None

    def as_dict(self) -> dict[str, Any]:
        """Serialize for action responses."""
        return {
            "count": self.count,
            "total_minutes": self.total_minutes,
            "mean_minutes": self.mean_minutes,
            "mean_rating": self.mean_rating,
            "completion_rate": self.completion_rate,
        }


def summarize(records: Iterable[SessionRecord]) -> HistorySummary:
    """Count, total and mean minutes, mean rating and completion rate."""
    count = completed = rated = 0
    total = rating_sum = 0.0
    for record in records:
        count += 1
        total += record.active_minutes
        completed += record.outcome == OUTCOME_COMPLETED
        if record.rating is not None:
            rated += 1
            rating_sum += record.rating
    return HistorySummary(
        count=count,
        total_minutes=round(total, 1),
        mean_minutes=round(total / count, 1) if count else None,
        mean_rating=round(rating_sum / rated, 2) if rated else None,
        completion_rate=round(completed / count, 3) if count else None,
    )


async def _migrate(
    old_major_version: int, old_minor_version: int, old_data: dict[str, Any]
) -> dict[str, Any]:
    data = dict(old_data)
    if old_major_version < 2:  # noqa: PLR2004
        # Version 1 held records only; version 2 adds the nights of sleep.
        data.setdefault("nights", {})
        data.setdefault("seeded", [])
    return data


class SessionHistory:
    """Logged sessions and sleep nights of one mat, written to disk at every change.

    Records are kept sorted by start, so a range query bisects instead of scanning,
    and each one's serialized form is cached, so a save hands the store a snapshot
    it serializes off the event loop.
    """

    def __init__(self, hass: HomeAssistant, entry_id: str) -> None:
        """Prepare the history store of one mat."""
        self._store = MatStore(
            hass,
            HISTORY_STORAGE_VERSION,
            f"{DOMAIN}.{entry_id}.history",
            migrate=_migrate,
            serialize_in_event_loop=False,
        )
        self._records: list[SessionRecord] = []
        self._starts: list[float] = []
        self._by_id: dict[str, SessionRecord] = {}
        self._serialized: dict[str, dict[str, Any]] = {}
        self.nights: dict[date, SleepNight] = {}
        self.seeded: set[str] = set()
        # Bumped at every change, so derived figures are recomputed only then.
        self.revision = 0
        self._totals: tuple[int, HistorySummary] | None = None
        self._listeners: list[Callable[[], None]] = []

    @property
    def records(self) -> list[SessionRecord]:
        """All records, oldest first (do not modify)."""
        return self._records

    @property
    def latest(self) -> SessionRecord | None:
        """The most recently started record."""
        return self._records[-1] if self._records else None

    @property
    def totals(self) -> HistorySummary:
        """Figures over the whole log, recomputed only when it changed."""
        if self._totals is None or self._totals[0] != self.revision:
            self._totals = (self.revision, summarize(self._records))
        return self._totals[1]

    def get(self, session_id: str) -> SessionRecord | None:
        """The record with this id."""
        return self._by_id.get(session_id)

    def between(self, start: datetime, end: datetime) -> list[SessionRecord]:
        """Records that started in [start, end), oldest first."""
        low = bisect_left(self._starts, start.timestamp())
        high = bisect_left(self._starts, end.timestamp())
        return self._records[low:high]

    def overlapping(self, start: datetime, end: datetime) -> list[SessionRecord]:
        """Records that overlap [start, end); a session with pauses fits in a day."""
        return [
            record
            for record in self.between(start - timedelta(days=1), end)
            if record.ended_at > start
        ]

    async def async_load(self) -> None:
        """Load the stored records and nights (an unreadable file is kept aside)."""
        loaded = await self._store.async_load_safely(_parse, in_executor=True)
        records, serialized, nights, seeded = loaded or ([], {}, {}, set())
        self._records = records
        self._starts = [_start_key(r) for r in records]
        self._by_id = {r.id: r for r in records}
        self._serialized = serialized
        self.nights = nights
        self.seeded = seeded
        self.revision += 1

    @callback
    def async_shutdown(self) -> None:
        """Stop retrying a failed write (the mat is unloading)."""
        self._store.async_shutdown()

    async def async_add(self, record: SessionRecord) -> None:
        """Log a record; a record logged already stays as it is."""
        if record.id in self._by_id:
            return
        if night := self.nights.get(evening_of(record.started_at)):
            record.sleep = night
        self._insert(record)
        await self._async_save()

    async def async_update(self, session_id: str, **changes: Any) -> SessionRecord:
        """Change fields of a logged record (rating, notes, times)."""
        old = self._by_id[session_id]
        self._remove(old)
        new = replace(old, **changes)
        self._insert(new)
        await self._async_save()
        return new

    async def async_delete(self, session_id: str) -> None:
        """Remove a logged record."""
        self._remove(self._by_id[session_id])
        await self._async_save()

    async def async_file_sleep(self, evening: date, **values: Any) -> SleepNight:
        """Merge reported sleep figures into an evening's night and its session."""
        night = replace(self.nights.get(evening) or SleepNight(), **values)
        self.nights[evening] = night
        self._attach_night(evening, night)
        await self._async_save()
        return night

    async def async_seed_nights(
        self, entity_id: str, nights: dict[date, dict[str, Any]]
    ) -> None:
        """File nights from a sensor's recorded history, once per sensor."""
        for evening, values in nights.items():
            merged = replace(self.nights.get(evening) or SleepNight(), **values)
            self.nights[evening] = merged
            self._attach_night(evening, merged)
        self.seeded.add(entity_id)
        await self._async_save()

    @callback
    def async_add_listener(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call listener whenever the log changes; returns the unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    async def async_remove_file(self) -> None:
        """Delete the stored log (the mat was removed)."""
        await self._store.async_remove()

    def _attach_night(self, evening: date, night: SleepNight) -> None:
        day_start = dt_util.start_of_local_day(evening) + NIGHT_BOUNDARY
        evening_records = self.between(day_start, day_start + timedelta(days=1))
        if evening_records:
            latest = evening_records[-1]
            self._remove(latest)
            self._insert(replace(latest, sleep=night))

    def _insert(self, record: SessionRecord) -> None:
        index = bisect_left(self._starts, _start_key(record))
        self._records.insert(index, record)
        self._starts.insert(index, _start_key(record))
        self._by_id[record.id] = record
        self._serialized[record.id] = record.as_dict()

    def _remove(self, record: SessionRecord) -> None:
        index = self._records.index(
            record, bisect_left(self._starts, _start_key(record))
        )
        del self._records[index]
        del self._starts[index]
        del self._by_id[record.id]
        del self._serialized[record.id]

    async def _async_save(self) -> None:
        self.revision += 1
        await self._store.async_save(
            {
                "records": list(self._serialized.values()),
                "nights": {
                    key.isoformat(): night.as_dict()
                    for key, night in self.nights.items()
                },
                "seeded": sorted(self.seeded),
            }
        )
        for listener in list(self._listeners):
            listener()


def _parse(
    data: dict[str, Any],
) -> tuple[
    list[SessionRecord], dict[str, dict[str, Any]], dict[date, SleepNight], set[str]
]:
    """Records (sorted, with their serialized form), nights and seeded sensors.

    Runs in the executor: a long log takes tens of milliseconds.
    """
    records = [SessionRecord.from_dict(item) for item in data.get("records", [])]
    records.sort(key=_start_key)
    serialized = {record.id: record.as_dict() for record in records}
    nights = {
        date.fromisoformat(key): SleepNight.from_dict(value)
        for key, value in data.get("nights", {}).items()
    }
    return records, serialized, nights, set(data.get("seeded", []))


def _start_key(record: SessionRecord) -> float:
    return record.started_at.timestamp()
