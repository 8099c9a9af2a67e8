"""The session log: stored records and sleep nights, and queries over them."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.util import dt as dt_util

from .const import DOMAIN, HISTORY_STORAGE_VERSION, OUTCOME_COMPLETED
from .models import SessionRecord, SleepNight
from .storage import MatStore

# Sleep reported from 03:00 belongs to the evening before; a session started
# before 03:00 belongs to the evening before too.
NIGHT_BOUNDARY = timedelta(hours=3)
# Sleep figures come in bursts (one poll writes several sensors): one write for all.
SLEEP_SAVE_DELAY = 10.0


def evening_of(moment: datetime) -> date:
    """The evening (local date) a moment's night began on."""
    return _evening_in(moment, dt_util.get_default_time_zone())


@lru_cache(maxsize=1 << 15)
def _evening_in(moment: datetime, zone: tzinfo) -> date:
    """Cached per time zone: the advice asks it of every session at every change."""
    local = (
        moment.replace(tzinfo=zone)
        if moment.tzinfo is None
        else moment.astimezone(zone)
    )
    return (local - NIGHT_BOUNDARY).date()


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
    """Logged sessions and sleep nights of one mat, written to disk when they change.

    Records are kept sorted by start, so a range query bisects instead of scanning,
    and each record's and night's serialized form is cached, so a save hands the
    store a snapshot it serializes off the event loop. What the user logs is written
    at once; sleep figures, which trackers report in bursts, are written together a
    few seconds later (and at once when the mat unloads or Home Assistant stops).
    A change that changes nothing writes nothing.
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
        self._serialized_nights: dict[str, dict[str, Any]] = {}
        self.seeded: set[str] = set()
        # The last known state of each sleep entity, to tell a new value from a
        # re-written one across restarts.
        self.sleep_states: dict[str, str] = {}
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

    def last_night(self, moment: datetime) -> dict[str, Any] | None:
        """The sleep filed for the night before moment's evening, if any."""
        night = self.nights.get(evening_of(moment) - timedelta(days=1))
        return None if night is None else night.as_dict()

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
        parsed = loaded or _Parsed()
        self._records = parsed.records
        self._starts = parsed.starts
        self._by_id = {record.id: record for record in parsed.records}
        self._serialized = parsed.serialized
        self.nights = parsed.nights
        self._serialized_nights = parsed.serialized_nights
        self.seeded = parsed.seeded
        self.sleep_states = parsed.sleep_states
        self.revision += 1

    @callback
    def async_shutdown(self) -> None:
        """Stop retrying a failed write (the mat is unloading)."""
        self._store.async_shutdown()

    async def async_flush(self) -> None:
        """Write sleep figures still waiting to be written (the mat is unloading)."""
        await self._store.async_flush()

    async def async_add(self, record: SessionRecord) -> None:
        """Log a record; a record logged already stays as it is."""
        if record.id in self._by_id:
            return
        if night := self.nights.get(evening_of(record.started_at)):
            record.sleep = night
        self._insert(record)
        await self._async_save()

    async def async_update(self, session_id: str, **changes: Any) -> SessionRecord:
        """Change fields of a logged record (rating, notes, times).

        A record moved to another evening takes that evening's night. Changes that
        change nothing write nothing.
        """
        old = self._by_id[session_id]
        new = replace(old, **changes)
        if "sleep" not in changes and new.started_at != old.started_at:
            new.sleep = self.nights.get(evening_of(new.started_at))
        if new == old:
            return old
        self._remove(old)
        self._insert(new)
        await self._async_save()
        return new

    async def async_delete(self, session_id: str) -> None:
        """Remove a logged record."""
        self._remove(self._by_id[session_id])
        await self._async_save()

    async def async_file_sleep(self, evening: date, **values: Any) -> SleepNight:
        """Merge reported sleep figures into an evening's night and its session."""
        if self._merge_night(evening, values):
            self._changed()
            self._save_soon()
        return self.nights[evening]

    async def async_seed_nights(
        self,
        entity_ids: Iterable[str],
        nights: dict[date, dict[str, Any]],
        sleep_states: dict[str, str],
    ) -> None:
        """File nights from sensors' recorded history, once per sensor.

        sleep_states are the sensors' last recorded states; a state seen live
        since the seeding started is newer and stays.
        """
        changed = False
        for evening, values in nights.items():
            changed |= self._merge_night(evening, values)
        for entity_id, state in sleep_states.items():
            if entity_id not in self.sleep_states:
                self.sleep_states[entity_id] = state
        self.seeded.update(entity_ids)
        if changed:
            self._changed()
        self._save_soon()

    @callback
    def async_note_sleep_state(self, entity_id: str, state: str) -> None:
        """Remember a sleep entity's last known state (written with the next save)."""
        if self.sleep_states.get(entity_id) != state:
            self.sleep_states[entity_id] = state
            self._save_soon()

    @callback
    def async_add_listener(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call listener whenever the log changes; returns the unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    async def async_remove_file(self) -> None:
        """Delete the stored log (the mat was removed)."""
        await self._store.async_remove()

    def _merge_night(self, evening: date, values: dict[str, Any]) -> bool:
        """Merge figures into an evening's night; whether anything changed."""
        old = self.nights.get(evening)
        night = replace(old or SleepNight(), **values)
        if night == old:
            return False
        self.nights[evening] = night
        self._serialized_nights[evening.isoformat()] = night.as_dict()
        self._attach_night(evening, night)
        return True

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

    def _snapshot(self) -> dict[str, Any]:
        """What the file holds, as shallow copies the event loop will not change."""
        return {
            "records": list(self._serialized.values()),
            "nights": dict(self._serialized_nights),
            "seeded": sorted(self.seeded),
            "sleep_states": dict(self.sleep_states),
        }

    def _changed(self) -> None:
        self.revision += 1
        for listener in list(self._listeners):
            listener()

    def _save_soon(self) -> None:
        self._store.async_save_later(self._snapshot(), SLEEP_SAVE_DELAY)

    async def _async_save(self) -> None:
        """Write what the user logged at once, then tell the listeners."""
        self.revision += 1
        await self._store.async_save(self._snapshot())
        for listener in list(self._listeners):
            listener()


@dataclass(kw_only=True, slots=True)
class _Parsed:
    """What a history file holds, ready for use."""

    records: list[SessionRecord] = field(default_factory=list)
    starts: list[float] = field(default_factory=list)
    serialized: dict[str, dict[str, Any]] = field(default_factory=dict)
    nights: dict[date, SleepNight] = field(default_factory=dict)
    serialized_nights: dict[str, dict[str, Any]] = field(default_factory=dict)
    seeded: set[str] = field(default_factory=set)
    sleep_states: dict[str, str] = field(default_factory=dict)


def _parse(data: dict[str, Any]) -> _Parsed:
    """Records (sorted, with their serialized form), nights and sleep sensors.

    Runs in the executor: a long log takes tens of milliseconds. It also works out
    each session's evening, which the advice asks at every change, while off the
    event loop.
    """
    records = [SessionRecord.from_dict(item) for item in data.get("records", [])]
    records.sort(key=_start_key)
    for record in records:
        evening_of(record.started_at)
    nights = {
        date.fromisoformat(key): SleepNight.from_dict(value)
        for key, value in data.get("nights", {}).items()
    }
    return _Parsed(
        records=records,
        starts=[_start_key(record) for record in records],
        serialized={record.id: record.as_dict() for record in records},
        nights=nights,
        serialized_nights={
            key.isoformat(): night.as_dict() for key, night in nights.items()
        },
        seeded=set(data.get("seeded", [])),
        sleep_states={
            str(entity_id): str(state)
            for entity_id, state in data.get("sleep_states", {}).items()
        },
    )


def _start_key(record: SessionRecord) -> float:
    return record.started_at.timestamp()
