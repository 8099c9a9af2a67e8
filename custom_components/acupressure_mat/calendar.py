"""The sessions calendar: every logged session as an event, the running one too."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from homeassistant.components.calendar import CalendarEntity, CalendarEvent
from homeassistant.components.calendar.const import (
    EVENT_DESCRIPTION,
    EVENT_END,
    EVENT_START,
    CalendarEntityFeature,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity import EntityDescription
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .const import MAX_MINUTES, OUTCOME_COMPLETED
from .data import AcupressureMatConfigEntry
from .entity import MatEntity
from .models import Session, SessionRecord
from .session import refuse, validate_notes

PARALLEL_UPDATES = 0

SESSIONS = EntityDescription(key="sessions", translation_key="sessions")


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AcupressureMatConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the sessions calendar."""
    async_add_entities([MatSessionsCalendar(entry, SESSIONS)])


def _minutes(value: float) -> str:
    return f"{value:g} min"


def _sleep_text(record: SessionRecord) -> str | None:
    night = record.sleep
    if night is None:
        return None
    parts = []
    if night.duration_minutes is not None:
        hours, minutes = divmod(round(night.duration_minutes), 60)
        parts.append(f"slept {hours} h {minutes:02d} min")
    if night.score is not None:
        parts.append(f"sleep score {night.score:g}")
    if night.latency_minutes is not None:
        parts.append(f"fell asleep in {_minutes(night.latency_minutes)}")
    if night.onset is not None:
        parts.append(f"asleep at {night.onset}")
    return "Night after: " + ", ".join(parts) + "." if parts else None


def _calendar_end(start: datetime, end: datetime) -> datetime:
    """An end Home Assistant's calendar accepts for an event from start.

    Home Assistant compares an event's local start and end as wall-clock times,
    so a session across the autumn change (02:50 CEST to 02:20 CET) would be
    refused; for the calendar, it ends when the wall clock shows its start again.
    """
    wall_start = dt_util.as_local(start).replace(tzinfo=None)
    wall_end = dt_util.as_local(end).replace(tzinfo=None)
    return end if wall_end >= wall_start else end + (wall_start - wall_end)


def record_event(record: SessionRecord) -> CalendarEvent:
    """A logged session as a calendar event."""
    if record.outcome == OUTCOME_COMPLETED:
        outcome = f"Completed {_minutes(record.active_minutes)}."
    else:
        outcome = (
            f"Stopped early after {_minutes(record.active_minutes)} "
            f"of {record.planned_minutes}."
        )
    lines = [outcome]
    if record.ended_while_offline:
        lines.append("Ended while Home Assistant was off.")
    if record.rating is not None:
        lines.append(f"Rating: {record.rating}/5.")
    if sleep := _sleep_text(record):
        lines.append(sleep)
    if record.notes:
        lines.append(f"Notes: {record.notes}")
    return CalendarEvent(
        start=record.started_at,
        end=_calendar_end(
            record.started_at,
            max(record.ended_at, record.started_at + timedelta(minutes=1)),
        ),
        summary=f"Mat session: {_minutes(record.active_minutes)}, {record.body_area}",
        description="\n".join(lines),
        uid=record.id,
    )


def session_event(session: Session, now: datetime) -> CalendarEvent:
    """The running or paused session as a calendar event ending when it would end."""
    end = _calendar_end(
        session.started_at, now + timedelta(seconds=session.remaining_seconds(now))
    )
    state = "paused" if session.paused else "running"
    return CalendarEvent(
        start=session.started_at,
        end=end,
        summary=(
            f"Mat session: {session.planned_minutes} min, {session.body_area} ({state})"
        ),
        uid=session.id,
    )


class MatSessionsCalendar(MatEntity, CalendarEntity):
    """Logged sessions; editing or deleting an event edits the log."""

    _attr_supported_features = (
        CalendarEntityFeature.UPDATE_EVENT | CalendarEntityFeature.DELETE_EVENT
    )

    @property
    def event(self) -> CalendarEvent | None:
        """The running session, if any."""
        if (session := self.engine.session) is None:
            return None
        return session_event(session, dt_util.utcnow())

    async def async_get_events(
        self, hass: HomeAssistant, start_date: datetime, end_date: datetime
    ) -> list[CalendarEvent]:
        """Sessions overlapping the range (a bisected slice, not a scan of the log)."""
        events = [
            record_event(record)
            for record in self.engine.history.overlapping(start_date, end_date)
        ]
        if (current := self.event) is not None and (
            current.start_datetime_local < end_date
            and current.end_datetime_local > start_date
        ):
            events.append(current)
        return events

    async def async_delete_event(
        self,
        uid: str,
        recurrence_id: str | None = None,
        recurrence_range: str | None = None,
    ) -> None:
        """Delete a logged session."""
        self._refuse_running(uid)
        await self.engine.async_delete(uid)

    async def async_update_event(
        self,
        uid: str,
        event: dict[str, Any],
        recurrence_id: str | None = None,
        recurrence_range: str | None = None,
    ) -> None:
        """Change a logged session's times or notes."""
        self._refuse_running(uid)
        record = self.engine.find_record(uid)
        start, end = event.get(EVENT_START), event.get(EVENT_END)
        changes: dict[str, Any] = {}
        if isinstance(start, datetime) and isinstance(end, datetime):
            start, end = dt_util.as_utc(start), dt_util.as_utc(end)
            minutes = (end - start).total_seconds() / 60
            if not 0 < minutes <= MAX_MINUTES:
                raise refuse("calendar_event_length", max=MAX_MINUTES)
            changes |= {
                "started_at": start,
                "ended_at": end,
                "active_minutes": round(minutes, 1),
            }
        elif start is not None or end is not None:
            raise refuse("calendar_event_all_day")
        if EVENT_DESCRIPTION in event:
            changes["notes"] = validate_notes(event[EVENT_DESCRIPTION] or "") or None
        if changes:
            await self.engine.history.async_update(record.id, **changes)

    def _refuse_running(self, uid: str) -> None:
        if self.engine.session is not None and self.engine.session.id == uid:
            raise refuse("calendar_event_running")
