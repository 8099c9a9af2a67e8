"""Sleep sensors read into one night record, whatever their source.

How a state reads as a night's figure is in sleep_readings, which figures are
a night's and which are old values again in sleep_nights (see NightFiler), and
seeding from the recorder's history in sleep_history. This module watches the
sleep entities in a mat's options and files their figures.
"""

from __future__ import annotations

from collections.abc import Mapping
import logging
from typing import Any, Final

from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    EventStateReportedData,
    HomeAssistant,
    callback,
)
from homeassistant.helpers.event import (
    async_track_state_change_event,
    async_track_state_report_event,
)

from .const import (
    CONF_SLEEP_DURATION_SENSOR,
    CONF_SLEEP_LATENCY_SENSOR,
    CONF_SLEEP_SCORE_SENSOR,
    CONF_SLEEP_START_ENTITY,
    DOMAIN,
)
from .data import AcupressureMatConfigEntry
from .history import SessionHistory
from .sleep_history import SEED_DAYS, async_recorded_states, recorded_nights
from .sleep_nights import KEPT_MORNINGS, NightFiler
from .sleep_readings import (
    DURATION_UNITS,
    FIELD_DURATION,
    FIELD_LATENCY,
    FIELD_ONSET,
    FIELD_SCORE,
    MAX_MINUTES,
    MAX_SCORE,
    MORNING_END,
    MORNING_START,
    NO_VALUE_STATES,
    SLEEP_STARTED_EVENTS,
    Figure,
    SleepReading,
    has_value,
    read_sleep,
)

__all__ = [
    "DURATION_UNITS",
    "FIELD_DURATION",
    "FIELD_LATENCY",
    "FIELD_ONSET",
    "FIELD_SCORE",
    "KEPT_MORNINGS",
    "MAX_MINUTES",
    "MAX_SCORE",
    "MORNING_END",
    "MORNING_START",
    "NO_VALUE_STATES",
    "SEED_DAYS",
    "SLEEP_SOURCES",
    "SLEEP_STARTED_EVENTS",
    "Figure",
    "NightFiler",
    "SleepReading",
    "SleepWatcher",
    "has_value",
    "read_sleep",
]

_LOGGER = logging.getLogger(__name__)

# Which option feeds which figure of a night.
SLEEP_SOURCES: Final = {
    CONF_SLEEP_DURATION_SENSOR: FIELD_DURATION,
    CONF_SLEEP_SCORE_SENSOR: FIELD_SCORE,
    CONF_SLEEP_LATENCY_SENSOR: FIELD_LATENCY,
    CONF_SLEEP_START_ENTITY: FIELD_ONSET,
}


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
        """File the last SEED_DAYS of recorded nights of the new sleep entities."""
        start, states = await async_recorded_states(self._hass, entity_ids)
        nights, last_states = recorded_nights(states, start, self._fields)
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
