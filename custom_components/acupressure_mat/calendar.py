"""The sessions calendar: every logged session as an event, the running one too."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from homeassistant.components.calendar import (
    CalendarEntity,
    CalendarEntityDescription,
    CalendarEvent,
)
from homeassistant.components.calendar.const import (
    EVENT_DESCRIPTION,
    EVENT_END,
    EVENT_RRULE,
    EVENT_START,
    EVENT_SUMMARY,
    CalendarEntityFeature,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .calendar_words import (
    read_description,
    read_title,
    record_description,
    record_title,
    running_title,
    unreadable_title,
)
from .data import AcupressureMatConfigEntry
from .entity import MatEntity
from .log_edits import async_correct, async_log
from .models import Session, SessionRecord
from .texts import async_load_language, async_refusals_in_language
from .validation import refuse

PARALLEL_UPDATES = 0

# A calendar description: from 2026.10 the calendar reads its initial colour there.
SESSIONS = CalendarEntityDescription(key="sessions", translation_key="sessions")


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AcupressureMatConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the sessions calendar."""
    async_add_entities([MatSessionsCalendar(entry, SESSIONS)])


def _calendar_end(start: datetime, end: datetime) -> datetime:
    """An end Home Assistant's calendar accepts for an event from start.

    Home Assistant compares an event's local start and end as wall-clock times,
    so a session across the autumn change (02:50 CEST to 02:20 CET) would be
    refused; for the calendar, it ends when the wall clock shows its start again.
    """
    wall_start = dt_util.as_local(start).replace(tzinfo=None)
    wall_end = dt_util.as_local(end).replace(tzinfo=None)
    return end if wall_end >= wall_start else end + (wall_start - wall_end)


@callback
def record_event(hass: HomeAssistant, record: SessionRecord) -> CalendarEvent:
    """A logged session as a calendar event, in Home Assistant's language."""
    return CalendarEvent(
        start=record.started_at,
        end=_calendar_end(
            record.started_at,
            max(record.ended_at, record.started_at + timedelta(minutes=1)),
        ),
        summary=record_title(hass, record),
        description=record_description(hass, record),
        uid=record.id,
    )


def _event_times(event: dict[str, Any]) -> tuple[datetime, datetime]:
    """An event's start and end; a session has times, and happens once."""
    start, end = event.get(EVENT_START), event.get(EVENT_END)
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        raise refuse("calendar_event_all_day")
    if event.get(EVENT_RRULE):
        raise refuse("calendar_event_recurring")
    return start, end


@callback
def session_event(
    hass: HomeAssistant, session: Session, now: datetime
) -> CalendarEvent:
    """The running or paused session as a calendar event ending when it would end."""
    end = _calendar_end(
        session.started_at, now + timedelta(seconds=session.remaining_seconds(now))
    )
    return CalendarEvent(
        start=session.started_at,
        end=end,
        summary=running_title(
            hass, session.planned_minutes, session.body_area, paused=session.paused
        ),
        uid=session.id,
    )


class MatSessionsCalendar(MatEntity, CalendarEntity):
    """Logged sessions; editing or deleting an event edits the log."""

    _attr_supported_features = (
        CalendarEntityFeature.CREATE_EVENT
        | CalendarEntityFeature.UPDATE_EVENT
        | CalendarEntityFeature.DELETE_EVENT
    )

    @property
    def event(self) -> CalendarEvent | None:
        """The running session, if any; none once its end has come.

        The calendar's own update at the end may run before the engine logs the
        session: without an event then, the state goes off in one write.
        """
        now = dt_util.utcnow()
        if (session := self.engine.session) is None or (
            not session.paused and session.remaining_seconds(now) <= 0
        ):
            return None
        return session_event(self.hass, session, now)

    async def async_get_events(
        self, hass: HomeAssistant, start_date: datetime, end_date: datetime
    ) -> list[CalendarEvent]:
        """Sessions overlapping the range (a bisected slice, not a scan of the log)."""
        await async_load_language(hass)
        events = [
            record_event(hass, record)
            for record in self.engine.history.overlapping(start_date, end_date)
        ]
        if (current := self.event) is not None and (
            current.start_datetime_local < end_date
            and current.end_datetime_local > start_date
        ):
            events.append(current)
        return events

    async def async_create_event(self, **kwargs: Any) -> None:
        """Log a session done without Home Assistant.

        The minutes are the title's, else the event's length; the body area is
        the title's, else the mat's setting; rating and notes as in an edit.
        """
        async with async_refusals_in_language(self.hass):
            start, end = _event_times(kwargs)
            await async_load_language(self.hass)
            minutes, body_area = read_title(self.hass, kwargs.get(EVENT_SUMMARY) or "")
            rating, notes = read_description(
                self.hass, kwargs.get(EVENT_DESCRIPTION) or "", ""
            ) or (None, None)
            await async_log(
                self.engine.history,
                self.engine.session,
                start=start,
                minutes=(end - start).total_seconds() / 60
                if minutes is None
                else minutes,
                body_area=body_area or self.engine.settings.body_area,
                rating=rating,
                notes=notes,
            )

    async def async_delete_event(
        self,
        uid: str,
        recurrence_id: str | None = None,
        recurrence_range: str | None = None,
    ) -> None:
        """Delete a logged session."""
        async with async_refusals_in_language(self.hass):
            self._refuse_running(uid)
            await self.engine.async_delete(uid)

    async def async_update_event(
        self,
        uid: str,
        event: dict[str, Any],
        recurrence_id: str | None = None,
        recurrence_range: str | None = None,
    ) -> None:
        """Correct a logged session from what the event dialog sends back.

        The dialog sends every field, changed or not, so each is compared with
        what the calendar showed: moved times move the session with its minutes
        and pauses, a moved end (or new minutes in the title) changes its length,
        and the title's body area, the rating line and the notes apply.
        """
        async with async_refusals_in_language(self.hass):
            self._refuse_running(uid)
            record = self.engine.find_record(uid)
            await async_load_language(self.hass)
            shown = record_event(self.hass, record)
            corrections: dict[str, Any] = {}
            if EVENT_START in event or EVENT_END in event:
                start, end = _event_times(event)
                corrections |= {
                    "start": start,
                    "end_moved_by": end - shown.end_datetime_local,
                }
            if (
                title := event.get(EVENT_SUMMARY)
            ) is not None and title != shown.summary:
                minutes, body_area = read_title(self.hass, title)
                if minutes is None and body_area is None:
                    raise unreadable_title(self.hass, title)
                if minutes is not None and minutes != record.active_minutes:
                    corrections["minutes"] = minutes
                if body_area is not None:
                    corrections["body_area"] = body_area
            if EVENT_DESCRIPTION in event and (
                read := read_description(
                    self.hass, event[EVENT_DESCRIPTION] or "", shown.description or ""
                )
            ):
                corrections["rating"], corrections["notes"] = read
            corrected = await async_correct(
                self.engine.history, self.engine.session, record, **corrections
            )
            # A rating given in the dialog is a rating like any other: told once.
            # Home Assistant passes no context with calendar edits, so none is named.
            if corrected.rating is not None and corrected.rating != record.rating:
                self.engine.tell_rated(corrected, None)

    def _refuse_running(self, uid: str) -> None:
        if self.engine.session is not None and self.engine.session.id == uid:
            raise refuse("calendar_event_running")
