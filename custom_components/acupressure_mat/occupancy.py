"""Lying down on the mat and getting up, told to automations.

The mat's occupancy sensor (an option) is followed here. Each time someone lies
down or gets up, the bus event ``acupressure_mat_occupancy_changed`` says so with
the mat's session entity, so that an automation (the bedtime blueprint) can use
the sensor the mat already has without being told which one it is.
"""

from __future__ import annotations

import logging

from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    HomeAssistant,
    callback,
)
from homeassistant.helpers.event import async_track_state_change_event

from .const import CONF_OCCUPANCY_SENSOR, EVENT_OCCUPANCY_CHANGED
from .data import AcupressureMatConfigEntry
from .session import MatSessionEngine

_LOGGER = logging.getLogger(__name__)


class OccupancyWatcher:
    """Fires an event when someone lies down on the mat or gets up."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: AcupressureMatConfigEntry,
        engine: MatSessionEngine,
    ) -> None:
        """Watch nothing yet."""
        self.hass = hass
        self.entry = entry
        self.engine = engine
        self._sensor: str | None = None
        self._unsub_sensor: CALLBACK_TYPE | None = None

    @callback
    def async_start(self) -> CALLBACK_TYPE:
        """Follow the occupancy sensor, and another one when the options change."""
        self._follow(self._configured())
        unsub_options = self.entry.add_update_listener(self._async_options_changed)

        @callback
        def stop() -> None:
            unsub_options()
            self._follow(None)

        return stop

    def _configured(self) -> str | None:
        sensor: str | None = self.entry.options.get(CONF_OCCUPANCY_SENSOR) or None
        return sensor

    async def _async_options_changed(
        self, _hass: HomeAssistant, _entry: AcupressureMatConfigEntry
    ) -> None:
        self._follow(self._configured())

    @callback
    def _follow(self, sensor: str | None) -> None:
        """Listen to this sensor (None: to none) instead of the one before."""
        if sensor == self._sensor:
            return
        if self._unsub_sensor:
            self._unsub_sensor()
            self._unsub_sensor = None
        self._sensor = sensor
        if sensor:
            self._unsub_sensor = async_track_state_change_event(
                self.hass, sensor, self._async_changed
            )

    @callback
    def _async_changed(self, event: Event[EventStateChangedData]) -> None:
        """Lying down is the sensor going from off to on; getting up, on to off.

        A sensor that appears or comes back from unavailable tells no change.
        """
        new, old = event.data["new_state"], event.data["old_state"]
        states = (STATE_ON, STATE_OFF)
        if (
            new is None
            or old is None
            or new.state not in states
            or old.state not in states
            or new.state == old.state
        ):
            return
        occupied = new.state == STATE_ON
        _LOGGER.debug(
            "%s: %s reports someone %s",
            self.engine.name,
            event.data["entity_id"],
            "lying down" if occupied else "getting up",
        )
        self.hass.bus.async_fire(
            EVENT_OCCUPANCY_CHANGED,
            {
                "entity_id": self.engine.session_entity_id,
                "occupied": occupied,
                "sensor": event.data["entity_id"],
            },
            context=event.context,
        )
