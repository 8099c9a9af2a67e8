"""Checks of what the user asks for; each refusal is a translated error.

Plain functions of values, shared by the actions, the calendar and the engine:
they know no engine, entity or room.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util

from .const import (
    BODY_AREAS,
    DEFAULT_HISTORY_DAYS,
    DEFAULT_HISTORY_LIMIT,
    DOMAIN,
    MAX_EXTEND_MINUTES,
    MAX_HISTORY_LIMIT,
    MAX_MINUTES,
    MAX_NOTES_LENGTH,
    MAX_RATING,
    MIN_EXTEND_MINUTES,
    MIN_HISTORY_LIMIT,
    MIN_MINUTES,
    MIN_RATING,
    STATE_IDLE,
    STATE_PAUSED,
)


def refuse(key: str, **placeholders: object) -> ServiceValidationError:
    """A translated refusal of the user's request."""
    return ServiceValidationError(
        translation_domain=DOMAIN,
        translation_key=key,
        translation_placeholders={k: str(v) for k, v in placeholders.items()},
    )


def validate_duration(value: float) -> int:
    """Return a session length in whole minutes, or refuse it with what is allowed."""
    if not float(value).is_integer() or not MIN_MINUTES <= value <= MAX_MINUTES:
        raise refuse(
            "duration_out_of_range",
            min=MIN_MINUTES,
            max=MAX_MINUTES,
            duration=_number_text(value),
        )
    return int(value)


def validate_body_area(value: str) -> str:
    """Return a known body area, or refuse it with the choices."""
    if value not in BODY_AREAS:
        raise refuse(
            "invalid_body_area", body_area=value, choices=", ".join(BODY_AREAS)
        )
    return value


def validate_rating(value: float) -> int:
    """Return a rating from 1 to 5, or refuse it."""
    if not float(value).is_integer() or not MIN_RATING <= value <= MAX_RATING:
        raise refuse(
            "rating_out_of_range",
            min=MIN_RATING,
            max=MAX_RATING,
            rating=_number_text(value),
        )
    return int(value)


def validate_notes(value: str) -> str:
    """Return notes as plain text of at most 500 characters, or refuse them."""
    if len(value) > MAX_NOTES_LENGTH:
        raise refuse("notes_too_long", max=MAX_NOTES_LENGTH, length=len(value))
    # Control characters other than line breaks have no place in a note.
    return "".join(c for c in value if c in "\n\t" or c.isprintable()).strip()


def validate_extend(minutes: float) -> int:
    """Return whole minutes to add to a session (1 to 20), or refuse them."""
    if not float(minutes).is_integer() or not (
        MIN_EXTEND_MINUTES <= minutes <= MAX_EXTEND_MINUTES
    ):
        raise refuse(
            "extend_out_of_range",
            min=MIN_EXTEND_MINUTES,
            max=MAX_EXTEND_MINUTES,
            minutes=_number_text(minutes),
        )
    return int(minutes)


def validate_extended_plan(planned: int, added: int) -> None:
    """Refuse minutes that would take a session's plan past 40 minutes."""
    if planned + added > MAX_MINUTES:
        raise refuse(
            "extend_past_max",
            max=MAX_MINUTES,
            planned=planned,
            allowed=MAX_MINUTES - planned,
            minutes=added,
        )


def check_idle(name: str, state: str) -> None:
    """Refuse a start while the mat's session runs or is paused."""
    if state == STATE_PAUSED:
        raise refuse("session_paused", name=name)
    if state != STATE_IDLE:
        raise refuse("session_active", name=name)


def check_session_state(
    action: str, name: str, state: str, allowed: str | None = None
) -> None:
    """Refuse an action without a session, or in a state other than allowed."""
    if state == STATE_IDLE:
        raise refuse(f"{action}_no_session", name=name)
    if allowed is not None and state != allowed:
        raise refuse(f"{action}_wrong_state", name=name)


def history_range(
    start: datetime | None, end: datetime | None, limit: int | None
) -> tuple[datetime, datetime, int]:
    """The range and limit of a history query, with defaults, or refuse them."""
    try:
        end = dt_util.as_utc(end) if end else dt_util.utcnow()
        start = (
            dt_util.as_utc(start)
            if start
            else end - timedelta(days=DEFAULT_HISTORY_DAYS)
        )
    except OverflowError as err:
        raise refuse("history_range_out_of_bounds") from err
    if start >= end:
        raise refuse(
            "history_range_empty", start=start.isoformat(), end=end.isoformat()
        )
    limit = DEFAULT_HISTORY_LIMIT if limit is None else limit
    if not MIN_HISTORY_LIMIT <= limit <= MAX_HISTORY_LIMIT:
        raise refuse(
            "history_limit_out_of_range",
            min=MIN_HISTORY_LIMIT,
            max=MAX_HISTORY_LIMIT,
            limit=limit,
        )
    return start, end, limit


def _number_text(value: float) -> str:
    """A number as the user typed it: 20, not 20.0."""
    return str(int(value)) if float(value).is_integer() else str(value)
