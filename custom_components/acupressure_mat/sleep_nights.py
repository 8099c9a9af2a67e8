"""Which reported sleep figures are a night's, and which are old ones again.

Cloud trackers re-write an unchanged value at every poll, and after a restart
or an outage a sensor comes back with the value it had. Such a value is not a new
night: a figure counts when its sensor's state changed since the last known state,
or when the same morning shows the night was measured (another of the mat's
sleep sensors reported a new value).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
import logging
from typing import Final

from homeassistant.core import State

from .sleep_readings import (
    Figure,
    SleepReading,
    has_value,
    morning_evening,
    read_sleep,
    why_ignored,
)

_LOGGER = logging.getLogger(__name__)

# Mornings kept waiting for evidence: the night being reported and the one before.
KEPT_MORNINGS: Final = timedelta(days=2)


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
                    why_ignored(name, state, reported_at),
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
        if new_value and morning_evening(reported_at) == reading.evening:
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
