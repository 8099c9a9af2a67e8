"""A sleep sensor's state read into one night's figure, whatever its source.

Durations arrive in seconds (Withings), minutes (Fitbit, Garmin, Health Connect)
or hours; scores as 0-100; the sleep start as a timestamp sensor, a text sensor
"HH:MM" (Fitbit) or an event entity (Sleep as Android). Figures reported between
03:00 and 15:00 local time describe the night that began the evening before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
import math
from typing import Final

from homeassistant.components.event import ATTR_EVENT_TYPE
from homeassistant.const import (
    ATTR_UNIT_OF_MEASUREMENT,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
    Platform,
    UnitOfTime,
)
from homeassistant.core import State, split_entity_id
from homeassistant.util import dt as dt_util
from homeassistant.util.unit_conversion import DurationConverter

from .history import evening_of

FIELD_DURATION: Final = "duration_minutes"
FIELD_SCORE: Final = "score"
FIELD_LATENCY: Final = "latency_minutes"
FIELD_ONSET: Final = "onset"

# Trackers report last night's figures in the morning, after the sleeper wakes.
MORNING_START: Final = time(3)
MORNING_END: Final = time(15)

DURATION_UNITS: Final = frozenset(
    {UnitOfTime.SECONDS, UnitOfTime.MINUTES, UnitOfTime.HOURS}
)
MAX_MINUTES: Final = {FIELD_DURATION: 24 * 60, FIELD_LATENCY: 6 * 60}
MAX_SCORE: Final = 100
# Sleep as Android's event; Home Assistant's integration renames it "started".
SLEEP_STARTED_EVENTS: Final = frozenset({"started", "sleep_tracking_started"})
# A sensor that is unknown or unavailable says nothing of its value, so coming
# back from either with the old value is not a new value.
NO_VALUE_STATES: Final = frozenset({STATE_UNKNOWN, STATE_UNAVAILABLE})
type Figure = float | str


@dataclass(frozen=True, kw_only=True, slots=True)
class SleepReading:
    """One figure of one night, read from a state."""

    evening: date
    field: str
    value: Figure
    # A timestamp names its night itself, so repeating it files nothing new.
    dated: bool = False


def read_sleep(field: str, state: State, reported_at: datetime) -> SleepReading | None:
    """Read a night's figure from a state; None when the state says nothing usable."""
    if field == FIELD_ONSET:
        return _read_onset(state, reported_at)
    if (evening := morning_evening(reported_at)) is None:
        return None
    value = _read_score(state) if field == FIELD_SCORE else _read_minutes(field, state)
    if value is None:
        return None
    return SleepReading(evening=evening, field=field, value=value)


def morning_evening(reported_at: datetime) -> date | None:
    """The evening before a morning report; None outside the morning window."""
    local = dt_util.as_local(reported_at)
    if MORNING_START <= local.time() < MORNING_END:
        return local.date() - timedelta(days=1)
    return None


def _number(state: State) -> float | None:
    """The state as a finite number ("unknown", "abc" and "nan" are not)."""
    try:
        value = float(state.state)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _read_minutes(field: str, state: State) -> float | None:
    """A duration in minutes; only s, min and h convert, and only within limits."""
    unit = state.attributes.get(ATTR_UNIT_OF_MEASUREMENT)
    if unit not in DURATION_UNITS or (value := _number(state)) is None:
        return None
    minutes = DurationConverter.convert(value, unit, UnitOfTime.MINUTES)
    # A night of no sleep at all is a tracker without data; a latency of 0 is real.
    too_low = minutes <= 0 if field == FIELD_DURATION else minutes < 0
    if too_low or minutes > MAX_MINUTES[field]:
        return None
    return round(minutes, 1)


def _read_score(state: State) -> float | None:
    """A sleep score, 0 to 100."""
    value = _number(state)
    if value is None or not 0 <= value <= MAX_SCORE:
        return None
    return value


def _read_onset(state: State, reported_at: datetime) -> SleepReading | None:
    """A sleep start as local "HH:MM", filed under the evening it belongs to."""
    if split_entity_id(state.entity_id)[0] == Platform.EVENT:
        event_type = state.attributes.get(ATTR_EVENT_TYPE)
        # Sleep as Android's one entity also fires paused, resumed and stopped.
        if event_type is not None and event_type not in SLEEP_STARTED_EVENTS:
            return None
    if (moment := dt_util.parse_datetime(state.state)) is not None:
        # A timestamp says which evening itself, whenever it is reported.
        return SleepReading(
            evening=evening_of(moment),
            field=FIELD_ONSET,
            value=dt_util.as_local(moment).strftime("%H:%M"),
            dated=True,
        )
    if split_entity_id(state.entity_id)[0] == Platform.EVENT:
        return None
    if (clock := dt_util.parse_time(state.state)) is None:
        return None
    # A bare clock time reported in the morning is last night's; at bedtime, tonight's.
    evening = morning_evening(reported_at) or evening_of(reported_at)
    return SleepReading(evening=evening, field=FIELD_ONSET, value=f"{clock:%H:%M}")


def why_ignored(field: str, state: State, reported_at: datetime) -> str:
    """Why read_sleep found nothing in a state, for the debug log."""
    if not has_value(state):
        return "the sensor has no value"
    if field == FIELD_ONSET:
        is_event = split_entity_id(state.entity_id)[0] == Platform.EVENT
        return (
            "not a sleep-tracking-started event"
            if is_event
            else "neither a timestamp nor a time HH:MM"
        )
    if morning_evening(reported_at) is None:
        return f"reported outside the morning window ({MORNING_START}-{MORNING_END})"
    if (
        field != FIELD_SCORE
        and (unit := state.attributes.get(ATTR_UNIT_OF_MEASUREMENT))
        not in DURATION_UNITS
    ):
        return f"unit {unit} is not s, min or h"
    if _number(state) is None:
        return "not a number"
    return "out of range"


def has_value(state: State) -> bool:
    """Whether a state is a value of its sensor (not unknown or unavailable)."""
    return state.state not in NO_VALUE_STATES
