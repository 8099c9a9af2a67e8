"""Sleep sensors read into one night record, whatever their source.

Durations arrive in seconds (Withings), minutes (Fitbit, Garmin, Health Connect)
or hours; scores as 0-100; the sleep start as a timestamp sensor, a text sensor
"HH:MM" (Fitbit) or an event entity (Sleep as Android). Figures reported between
03:00 and 15:00 local time describe the night that began the evening before.

Cloud trackers re-write an unchanged value at every poll, and after a restart
or an outage a sensor comes back with the value it had. Such a value is not a new
night: a figure counts when its sensor's state changed since the last known state,
or when the same morning shows the night was measured (another of the mat's
sleep sensors reported a new value); see NightFiler.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
import logging
import math
from typing import Any, Final

from homeassistant.components.event import ATTR_EVENT_TYPE
from homeassistant.components.recorder import history as recorder_history
from homeassistant.const import (
    ATTR_UNIT_OF_MEASUREMENT,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
    Platform,
    UnitOfTime,
)
from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    EventStateReportedData,
    HomeAssistant,
    State,
    callback,
    split_entity_id,
)
from homeassistant.helpers.event import (
    async_track_state_change_event,
    async_track_state_report_event,
)
from homeassistant.helpers.recorder import get_instance
from homeassistant.util import dt as dt_util
from homeassistant.util.unit_conversion import DurationConverter

from .const import (
    CONF_SLEEP_DURATION_SENSOR,
    CONF_SLEEP_LATENCY_SENSOR,
    CONF_SLEEP_SCORE_SENSOR,
    CONF_SLEEP_START_ENTITY,
    DOMAIN,
)
from .data import AcupressureMatConfigEntry
from .history import SessionHistory, evening_of

_LOGGER = logging.getLogger(__name__)

FIELD_DURATION: Final = "duration_minutes"
FIELD_SCORE: Final = "score"
FIELD_LATENCY: Final = "latency_minutes"
FIELD_ONSET: Final = "onset"

# Which option feeds which figure of a night.
SLEEP_SOURCES: Final = {
    CONF_SLEEP_DURATION_SENSOR: FIELD_DURATION,
    CONF_SLEEP_SCORE_SENSOR: FIELD_SCORE,
    CONF_SLEEP_LATENCY_SENSOR: FIELD_LATENCY,
    CONF_SLEEP_START_ENTITY: FIELD_ONSET,
}

# Trackers report last night's figures in the morning, after the sleeper wakes.
MORNING_START: Final = time(3)
MORNING_END: Final = time(15)
SEED_DAYS: Final = 60

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
# Mornings kept waiting for evidence: the night being reported and the one before.
KEPT_MORNINGS: Final = timedelta(days=2)

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
    if (evening := _morning_evening(reported_at)) is None:
        return None
    value = _read_score(state) if field == FIELD_SCORE else _read_minutes(field, state)
    if value is None:
        return None
    return SleepReading(evening=evening, field=field, value=value)


def _morning_evening(reported_at: datetime) -> date | None:
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
    evening = _morning_evening(reported_at) or evening_of(reported_at)
    return SleepReading(evening=evening, field=FIELD_ONSET, value=f"{clock:%H:%M}")


def _why_ignored(field: str, state: State, reported_at: datetime) -> str:
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
    if _morning_evening(reported_at) is None:
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


@dataclass(slots=True)
class _Morning:
    """What the reports of one night's morning have shown so far."""

    # Another of the mat's sleep sensors reported a new value this morning.
    measured: bool = False
    # Values re-written unchanged, filed once the night proves measured.
    unchanged: dict[str, Figure] = field(default_factory=dict)


class NightFiler:
    """Decides which reported figures are a night's, and which are old ones again.

    A figure is filed under its night when its sensor's state differs from the
    sensor's last known state (unknown and unavailable do not count as states),
    or when its night is measured: in that night's morning window (03:00-15:00)
    one of the mat's sleep sensors reported a new value. Unchanged figures
    reported before that evidence wait for it until the morning is over, so the
    order in which a tracker writes its sensors does not matter. A night whose
    every figure equals the night before's cannot be told from no measurement
    and is not filed.
    """

    def __init__(self) -> None:
        """Start with no morning seen."""
        self._mornings: dict[date, _Morning] = {}

    def readings(
        self,
        state: State,
        fields: list[str],
        reported_at: datetime,
        last_state: str | None,
    ) -> dict[date, dict[str, Figure]]:
        """The figures to file from a reported state, by evening.

        last_state is the sensor's last known state before this report.
        """
        new_value = has_value(state) and state.state != last_state
        filed: dict[date, dict[str, Figure]] = {}
        for name in fields:
            reading = read_sleep(name, state, reported_at)
            if reading is None:
                _LOGGER.debug(
                    "%s %r of %s ignored: %s",
                    name,
                    state.state,
                    state.entity_id,
                    _why_ignored(name, state, reported_at),
                )
                continue
            for evening, values in self._accept(
                reading, new_value, reported_at
            ).items():
                filed.setdefault(evening, {}).update(values)
        return filed

    def _accept(
        self, reading: SleepReading, new_value: bool, reported_at: datetime
    ) -> dict[date, dict[str, Figure]]:
        morning = self._morning(reading.evening)
        night = reading.evening.isoformat()
        if new_value and _morning_evening(reported_at) == reading.evening:
            # Evidence of a measured night: what waited for it is filed too.
            morning.measured = True
            figures = {**morning.unchanged, reading.field: reading.value}
            _LOGGER.debug(
                "%s %s filed for the night of %s: a new value%s",
                reading.field,
                reading.value,
                night,
                f", with {morning.unchanged} that waited for it"
                if morning.unchanged
                else "",
            )
            morning.unchanged.clear()
            return {reading.evening: figures}
        if new_value or reading.dated or morning.measured:
            _LOGGER.debug(
                "%s %s filed for the night of %s: %s",
                reading.field,
                reading.value,
                night,
                "a new value"
                if new_value
                else "a timestamp names its night"
                if reading.dated
                else "another sensor showed the night was measured",
            )
            return {reading.evening: {reading.field: reading.value}}
        _LOGGER.debug(
            "%s %s for the night of %s waits: unchanged since the last report, filed "
            "only if another sleep sensor reports a new value this morning",
            reading.field,
            reading.value,
            night,
        )
        morning.unchanged[reading.field] = reading.value
        return {}

    def _morning(self, evening: date) -> _Morning:
        for old in [e for e in self._mornings if e < evening - KEPT_MORNINGS]:
            del self._mornings[old]
        return self._mornings.setdefault(evening, _Morning())


def _recorded_states(
    hass: HomeAssistant, entity_ids: list[str], start: datetime
) -> list[State]:
    """The entities' recorded states since start, oldest first (runs in the recorder).

    Each entity's list starts with its state at start, where there is one: that
    state was its sensor's value before the window.
    """
    states = [
        state
        for entity_id in entity_ids
        for state in recorder_history.state_changes_during_period(
            hass, start, entity_id=entity_id, include_start_time_state=True
        ).get(entity_id, [])
    ]
    states.sort(key=lambda state: state.last_updated)
    return states


class SleepWatcher:
    """Files what a mat's sleep entities report under the night it describes."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: AcupressureMatConfigEntry,
        history: SessionHistory,
    ) -> None:
        """Prepare to watch the sleep entities in the mat's options."""
        self._hass = hass
        self._entry = entry
        self._history = history
        self._fields = _fields_by_entity(entry.options)
        self._filer = NightFiler()
        self._unsubscribers: list[CALLBACK_TYPE] = []

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Listen to the sleep entities and seed unseen ones; returns the stop."""
        if not self._fields:
            return self.async_stop
        entity_ids = list(self._fields)
        # Reports too: with evidence, a figure like the night before's still counts.
        self._unsubscribers = [
            async_track_state_change_event(self._hass, entity_ids, self._async_on),
            async_track_state_report_event(self._hass, entity_ids, self._async_on),
        ]
        unseeded = [e for e in entity_ids if e not in self._history.seeded]
        # Without the recorder nothing is marked seeded, so a later load seeds.
        if unseeded and "recorder" in self._hass.config.components:
            self._entry.async_create_background_task(
                self._hass,
                self._async_seed(unseeded),
                name=f"{DOMAIN} seed sleep nights {self._entry.title}",
            )
        return self.async_stop

    @callback
    def async_options_updated(self) -> None:
        """Watch the sleep entities the options now name, if they changed."""
        fields = _fields_by_entity(self._entry.options)
        if fields == self._fields:
            return
        _LOGGER.debug(
            "%s: sleep entities now %s (were %s)",
            self._entry.title,
            fields or "none",
            self._fields or "none",
        )
        self.async_stop()
        self._fields = fields
        self.async_start()

    @callback
    def async_stop(self) -> None:
        """Stop listening."""
        while self._unsubscribers:
            self._unsubscribers.pop()()

    async def _async_on(
        self, event: Event[EventStateChangedData] | Event[EventStateReportedData]
    ) -> None:
        """File a reported figure, timed by when it was written, not handled."""
        if (state := event.data["new_state"]) is None:
            return
        entity_id = state.entity_id
        filed = self._filer.readings(
            state,
            self._fields[entity_id],
            event.time_fired,
            self._history.sleep_states.get(entity_id),
        )
        if has_value(state):
            self._history.async_note_sleep_state(entity_id, state.state)
        for evening, values in filed.items():
            _LOGGER.debug(
                "%s: night of %s: %s", self._entry.title, evening.isoformat(), values
            )
            await self._history.async_file_sleep(evening, **values)

    async def _async_seed(self, entity_ids: list[str]) -> None:
        """File the last SEED_DAYS of recorded nights of the new sleep entities.

        The recorder keeps changes only, but a sensor back from unavailable with
        its old value is a change there too: the same rule as live reports applies.
        """
        start = dt_util.utcnow() - timedelta(days=SEED_DAYS)
        states = await get_instance(self._hass).async_add_executor_job(
            _recorded_states, self._hass, entity_ids, start
        )
        filer = NightFiler()
        last_states: dict[str, str] = {}
        nights: dict[date, dict[str, Any]] = {}
        # Oldest first, so a later report of the same night wins.
        for state in states:
            if state.last_updated > start:
                filed = filer.readings(
                    state,
                    self._fields[state.entity_id],
                    state.last_updated,
                    last_states.get(state.entity_id),
                )
                for evening, values in filed.items():
                    nights.setdefault(evening, {}).update(values)
            if has_value(state):
                last_states[state.entity_id] = state.state
        _LOGGER.debug(
            "%s: seeding %s nights from the recorder history of %s",
            self._entry.title,
            len(nights),
            entity_ids,
        )
        await self._history.async_seed_nights(entity_ids, nights, last_states)


def _fields_by_entity(options: Mapping[str, Any]) -> dict[str, list[str]]:
    """The night figures each configured entity feeds."""
    fields: dict[str, list[str]] = {}
    for option, figure in SLEEP_SOURCES.items():
        if entity_id := options.get(option):
            fields.setdefault(entity_id, []).append(figure)
    return fields
