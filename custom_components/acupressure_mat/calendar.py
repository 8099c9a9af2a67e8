"""The sessions calendar: every logged session as an event, the running one too."""

from __future__ import annotations

from datetime import datetime, timedelta
import re
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
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .const import BODY_AREAS, MAX_RATING, MIN_RATING, OUTCOME_COMPLETED
from .data import AcupressureMatConfigEntry
from .entity import MatEntity
from .log_edits import async_correct, async_log
from .models import Session, SessionRecord
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


# The calendar's words. The event dialog sends the title and the description
# back on every save; they are read back with the same words.
TITLE = "Mat session: {minutes}, {body_area}"
COMPLETED = "Completed {minutes}."
STOPPED_EARLY = "Stopped early after {minutes} of {planned}."
OFFLINE = "Ended while Home Assistant was off."
RATING = "Rating: {rating}/5."
NIGHT = "Night after: {figures}."
NOTES = "Notes: {notes}"
# Lines the mat writes from the log; the user changes what they say elsewhere.
WRITTEN_BY_THE_MAT = tuple(
    template.split("{")[0] for template in (COMPLETED, STOPPED_EARLY, OFFLINE, NIGHT)
)
RATING_PREFIX, RATING_SUFFIX = RATING.split("{rating}")
NOTES_PREFIX = NOTES.split("{")[0]
# Typed by hand, the labels may lose their space or capital.
RATING_LABEL = RATING_PREFIX.strip().casefold()
NOTES_LABEL = NOTES_PREFIX.strip().casefold()
_MINUTES_IN_TITLE = re.compile(r"(\d+(?:[.,]\d+)?)\s*min", re.IGNORECASE)
_WORDS = re.compile(r"[^\W\d_]+")


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
    return NIGHT.format(figures=", ".join(parts)) if parts else None


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
    minutes = _minutes(record.active_minutes)
    if record.outcome == OUTCOME_COMPLETED:
        outcome = COMPLETED.format(minutes=minutes)
    else:
        outcome = STOPPED_EARLY.format(minutes=minutes, planned=record.planned_minutes)
    lines = [outcome]
    if record.ended_while_offline:
        lines.append(OFFLINE)
    if record.rating is not None:
        lines.append(RATING.format(rating=record.rating))
    if sleep := _sleep_text(record):
        lines.append(sleep)
    if record.notes:
        lines.append(NOTES.format(notes=record.notes))
    return CalendarEvent(
        start=record.started_at,
        end=_calendar_end(
            record.started_at,
            max(record.ended_at, record.started_at + timedelta(minutes=1)),
        ),
        summary=TITLE.format(minutes=minutes, body_area=record.body_area),
        description="\n".join(lines),
        uid=record.id,
    )


def read_title(title: str) -> tuple[float | None, str | None]:
    """The minutes and the body area a title gives, each None when it gives none."""
    minutes = _MINUTES_IN_TITLE.findall(title)
    areas = {word for word in _WORDS.findall(title.lower()) if word in BODY_AREAS}
    if len(minutes) > 1 or len(areas) > 1:
        raise _unreadable_title(title)
    return (
        float(minutes[0].replace(",", ".")) if minutes else None,
        areas.pop() if areas else None,
    )


def read_description(text: str, shown: str) -> tuple[float | None, str | None] | None:
    """The rating and the notes in a description; None when it is as it was shown.

    The "Rating:" line is the rating (without one, the session is unrated).
    Everything after "Notes:", and any line of the user's own before it, is the
    notes. The lines the mat writes (outcome, offline end, the night) are not
    read: they may stay as shown or go, but an edited one is refused, so that
    nothing the user typed is silently dropped.
    """
    if text.strip() == shown.strip():
        return None
    shown_lines = {line.strip() for line in shown.splitlines()}
    rating: float | None = None
    notes: list[str] = []
    lines = text.splitlines()
    for index, line in enumerate(line.strip() for line in lines):
        if line.casefold().startswith(NOTES_LABEL):
            notes.append("\n".join([line[len(NOTES_LABEL) :], *lines[index + 1 :]]))
            break
        if line.casefold().startswith(RATING_LABEL):
            rating = _read_rating(line)
        elif line.startswith(WRITTEN_BY_THE_MAT):
            if line not in shown_lines:
                raise refuse("calendar_description_read_only", line=line)
        elif line:
            notes.append(line)
    return rating, "\n".join(notes).strip() or None


def _read_rating(line: str) -> float:
    value = line[len(RATING_LABEL) :].strip()
    for suffix in (RATING_SUFFIX, RATING_SUFFIX.rstrip(".")):
        value = value.removesuffix(suffix).strip()
    try:
        return float(value)
    except ValueError:
        raise refuse(
            "rating_out_of_range", min=MIN_RATING, max=MAX_RATING, rating=value
        ) from None


def _unreadable_title(title: str) -> ServiceValidationError:
    return refuse(
        "calendar_title_unreadable",
        title=title,
        example=TITLE.format(minutes=_minutes(20), body_area=BODY_AREAS[1]),
        choices=", ".join(BODY_AREAS),
    )


def _event_times(event: dict[str, Any]) -> tuple[datetime, datetime]:
    """An event's start and end; a session has times, and happens once."""
    start, end = event.get(EVENT_START), event.get(EVENT_END)
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        raise refuse("calendar_event_all_day")
    if event.get(EVENT_RRULE):
        raise refuse("calendar_event_recurring")
    return start, end


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
        return session_event(session, now)

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

    async def async_create_event(self, **kwargs: Any) -> None:
        """Log a session done without Home Assistant.

        The minutes are the title's, else the event's length; the body area is
        the title's, else the mat's setting; rating and notes as in an edit.
        """
        start, end = _event_times(kwargs)
        minutes, body_area = read_title(kwargs.get(EVENT_SUMMARY) or "")
        rating, notes = read_description(kwargs.get(EVENT_DESCRIPTION) or "", "") or (
            None,
            None,
        )
        await async_log(
            self.engine.history,
            self.engine.session,
            start=start,
            minutes=(end - start).total_seconds() / 60 if minutes is None else minutes,
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
        self._refuse_running(uid)
        record = self.engine.find_record(uid)
        shown = record_event(record)
        corrections: dict[str, Any] = {}
        if EVENT_START in event or EVENT_END in event:
            start, end = _event_times(event)
            corrections |= {
                "start": start,
                "end_moved_by": end - shown.end_datetime_local,
            }
        if (title := event.get(EVENT_SUMMARY)) is not None and title != shown.summary:
            minutes, body_area = read_title(title)
            if minutes is None and body_area is None:
                raise _unreadable_title(title)
            if minutes is not None and minutes != record.active_minutes:
                corrections["minutes"] = minutes
            if body_area is not None:
                corrections["body_area"] = body_area
        if EVENT_DESCRIPTION in event and (
            read := read_description(
                event[EVENT_DESCRIPTION] or "", shown.description or ""
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
