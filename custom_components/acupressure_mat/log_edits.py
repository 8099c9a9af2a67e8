"""Sessions logged or corrected by hand: the log_session action and the calendar.

A session done without Home Assistant is logged with its start and its minutes on
the mat; a logged session's times, minutes, body area, rating and notes can be
corrected. Every change is checked before anything is written: a session lasts
2 to 40 minutes on the mat, is over by now, and does not overlap another session
of the same mat (nor the running one). A correction keeps the session's pauses:
moving it keeps its minutes, and a new length counts from the plan.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from enum import Enum
import math
from typing import Any, Final

from homeassistant.util import dt as dt_util
from homeassistant.util.ulid import ulid_at_time

from .const import (
    FALSE_START,
    MAX_MINUTES,
    MIN_MINUTES,
    OUTCOME_COMPLETED,
    OUTCOME_STOPPED_EARLY,
)
from .history import SessionHistory
from .models import Session, SessionRecord
from .validation import refuse, validate_body_area, validate_notes, validate_rating

# Shorter than a false start is not a session; longer than a session can be is not.
MIN_LOGGED_MINUTES: Final = FALSE_START.total_seconds() / 60
# The active time reached the plan within this margin: the session is completed.
_COMPLETION_MARGIN_MINUTES: Final = 1 / 60
# The calendar dialog sends whole seconds: a smaller difference is no change.
_SAME_TIME: Final = timedelta(seconds=1)
_CORRECTED_FIELDS: Final = (
    "started_at",
    "ended_at",
    "active_minutes",
    "outcome",
    "body_area",
    "rating",
    "notes",
)


class Keep(Enum):
    """A field the correction leaves as it is."""

    KEEP = "keep"


KEEP: Final = Keep.KEEP


def validate_minutes(minutes: float) -> float:
    """Return minutes on the mat (2 to 40, to a tenth), or refuse them."""
    if not MIN_LOGGED_MINUTES <= minutes <= MAX_MINUTES:
        raise refuse(
            "logged_minutes_out_of_range",
            min=f"{MIN_LOGGED_MINUTES:g}",
            max=MAX_MINUTES,
            minutes=f"{round(minutes, 1):g}",
        )
    return round(minutes, 1)


def _outcome(active_minutes: float, planned_minutes: int) -> str:
    if active_minutes + _COMPLETION_MARGIN_MINUTES >= planned_minutes:
        return OUTCOME_COMPLETED
    return OUTCOME_STOPPED_EARLY


def new_record(
    history: SessionHistory,
    running: Session | None,
    *,
    start: datetime | None,
    minutes: float,
    body_area: str,
    rating: float | None = None,
    notes: str | None = None,
) -> SessionRecord:
    """A session done without Home Assistant, checked against the log; not logged yet.

    Without a start, it ended just now. Its plan is its minutes, but at least the
    shortest session (15 minutes): a shorter one is logged as stopped early.
    """
    active = validate_minutes(minutes)
    if start is None:
        start = dt_util.utcnow() - timedelta(minutes=active)
    # A time without a zone is the home's local time, as the user reads it.
    start = dt_util.as_utc(dt_util.as_local(start))
    planned = max(MIN_MINUTES, math.ceil(active))
    record = SessionRecord(
        id=ulid_at_time(start.timestamp()),
        started_at=start,
        ended_at=start + timedelta(minutes=active),
        planned_minutes=planned,
        active_minutes=active,
        body_area=validate_body_area(body_area),
        outcome=_outcome(active, planned),
        rating=None if rating is None else validate_rating(rating),
        notes=(validate_notes(notes) or None) if notes is not None else None,
    )
    check_fits(history, running, record)
    return record


def corrected_record(
    history: SessionHistory,
    running: Session | None,
    record: SessionRecord,
    *,
    start: datetime | Keep = KEEP,
    end_moved_by: timedelta | Keep = KEEP,
    minutes: float | Keep = KEEP,
    body_area: str | Keep = KEEP,
    rating: float | None | Keep = KEEP,
    notes: str | None | Keep = KEEP,
) -> SessionRecord:
    """A logged session with the user's corrections, checked; not written yet.

    end_moved_by is how far the user moved the end. Moving start and end alike
    moves the session with its minutes and pauses; moving only one of them
    changes its minutes, pauses kept. Given minutes win over the end and move it.
    The outcome follows the new minutes.
    """
    paused = max(timedelta(0), record.ended_at - record.started_at - _active(record))
    moved_by = _moved(None if start is KEEP else start - record.started_at)
    end_by = _moved(None if end_moved_by is KEEP else end_moved_by)
    new_start = record.started_at + moved_by
    active = _active(record)
    if minutes is not KEEP:
        active = timedelta(minutes=validate_minutes(minutes))
    elif abs(end_by - moved_by) >= _SAME_TIME:
        end = record.ended_at + end_by
        active = end - new_start - paused
        if not MIN_LOGGED_MINUTES <= active.total_seconds() / 60 <= MAX_MINUTES:
            raise refuse(
                "calendar_event_length",
                min=f"{MIN_LOGGED_MINUTES:g}",
                max=MAX_MINUTES,
                minutes=f"{max(0.0, active.total_seconds() / 60):.1f}",
            )
    active_minutes = (
        record.active_minutes
        if active == _active(record)
        else round(active.total_seconds() / 60, 1)
    )
    corrected = replace(
        record,
        started_at=new_start,
        ended_at=new_start + active + paused,
        active_minutes=active_minutes,
        outcome=_outcome(active_minutes, record.planned_minutes),
    )
    if body_area is not KEEP:
        corrected.body_area = validate_body_area(body_area)
    if rating is not KEEP:
        corrected.rating = None if rating is None else validate_rating(rating)
    if notes is not KEEP:
        corrected.notes = None if notes is None else (validate_notes(notes) or None)
    if (corrected.started_at, corrected.ended_at) != (
        record.started_at,
        record.ended_at,
    ):
        check_fits(history, running, corrected)
    return corrected


async def async_log(
    history: SessionHistory,
    running: Session | None,
    *,
    start: datetime | None,
    minutes: float,
    body_area: str,
    rating: float | None = None,
    notes: str | None = None,
) -> SessionRecord:
    """Log a session done without Home Assistant (checked first, see new_record)."""
    record = new_record(
        history,
        running,
        start=start,
        minutes=minutes,
        body_area=body_area,
        rating=rating,
        notes=notes,
    )
    await history.async_add(record)
    return record


async def async_correct(
    history: SessionHistory,
    running: Session | None,
    record: SessionRecord,
    **corrections: Any,
) -> SessionRecord:
    """Correct a logged session (checked first, see corrected_record)."""
    corrected = corrected_record(history, running, record, **corrections)
    changes = {
        name: getattr(corrected, name)
        for name in _CORRECTED_FIELDS
        if getattr(corrected, name) != getattr(record, name)
    }
    if not changes:
        return record
    return await history.async_update(record.id, **changes)


def check_fits(
    history: SessionHistory, running: Session | None, record: SessionRecord
) -> None:
    """Refuse a session that is not over yet or overlaps another of the mat's."""
    now = dt_util.utcnow()
    if record.ended_at > now:
        raise refuse("logged_session_in_future", end=_local_text(record.ended_at))
    others = [
        other.started_at
        for other in history.overlapping(record.started_at, record.ended_at)
        if other.id != record.id
    ]
    if running is not None and running.started_at < record.ended_at:
        others.append(running.started_at)
    if others:
        raise refuse("logged_session_overlaps", other=_local_text(min(others)))


def _moved(by: timedelta | None) -> timedelta:
    """How far a time was moved; less than the dialog's second is not at all."""
    return timedelta(0) if by is None or abs(by) < _SAME_TIME else by


def _active(record: SessionRecord) -> timedelta:
    return timedelta(minutes=record.active_minutes)


def _local_text(moment: datetime) -> str:
    return dt_util.as_local(moment).strftime("%Y-%m-%d %H:%M")
