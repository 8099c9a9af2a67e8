"""Lamps: a plain lamp on a bridge, and a smart bulb with a bulb's quirks."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from homeassistant.components.light import (
    ATTR_BRIGHTNESS,
    ATTR_COLOR_TEMP_KELVIN,
    LightEntity,
)
from homeassistant.components.light.const import ColorMode, LightEntityFeature
from homeassistant.core import CALLBACK_TYPE, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.event import async_call_later


class Lamp(LightEntity):
    """A lamp on a bridge that stops answering when told to.

    Unregistered, it has no unique id (as lights set up in YAML often have);
    not dimmable, it only turns on and off.
    """

    _attr_should_poll = False

    def __init__(
        self, key: str, name: str, *, registered: bool = True, dimmable: bool = True
    ) -> None:
        """Create a lamp that is on, at full brightness if dimmable."""
        self._attr_name = name
        if registered:
            self._attr_unique_id = f"lamp_{key}"
        mode = ColorMode.BRIGHTNESS if dimmable else ColorMode.ONOFF
        self._attr_color_mode = mode
        self._attr_supported_color_modes = {mode}
        self._attr_is_on = True
        self._attr_brightness = 255 if dimmable else None
        self.unreachable = False

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Turn on, unless the bridge is unreachable."""
        if self.unreachable:
            raise HomeAssistantError("The lamp's bridge does not answer")
        self._attr_is_on = True
        if self._attr_brightness is not None:
            self._attr_brightness = kwargs.get(ATTR_BRIGHTNESS, self._attr_brightness)
        self.async_write_ha_state()

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Turn off, unless the bridge is unreachable."""
        if self.unreachable:
            raise HomeAssistantError("The lamp's bridge does not answer")
        self._attr_is_on = False
        self.async_write_ha_state()


class Bulb(LightEntity):
    """A white-ambiance bulb on a Zigbee bridge, as Hue's behave.

    It shows 2700-6500 K only: asked for a warmer white it takes its warmest,
    2700 K. Home Assistant learns its new state when the bridge next reports,
    1 to 2 seconds after a command, not at once. Not yet reachable (its bridge
    just started), it is added unavailable, and rejoins showing what it shows.
    """

    _attr_should_poll = False
    _attr_min_color_temp_kelvin = 2700
    _attr_max_color_temp_kelvin = 6500
    _attr_color_mode = ColorMode.COLOR_TEMP
    _attr_supported_features = LightEntityFeature.TRANSITION

    def __init__(
        self,
        key: str,
        name: str,
        *,
        brightness: int = 255,
        kelvin: int = 4000,
        report_after: timedelta = timedelta(seconds=1.5),
        reachable: bool = True,
    ) -> None:
        """Create a bulb that is on; it reports report_after a command."""
        self._attr_name = name
        self._attr_supported_color_modes = {ColorMode.COLOR_TEMP}
        self._attr_available = reachable
        self._attr_unique_id = f"bulb_{key}"
        self.report_after = report_after
        # What the bulb shows; the state reports it later.
        self.shows: dict[str, Any] = {
            "is_on": True,
            ATTR_BRIGHTNESS: brightness,
            ATTR_COLOR_TEMP_KELVIN: kelvin,
        }
        self._unsub_report: CALLBACK_TYPE | None = None
        self._attr_is_on = True
        self._attr_brightness = brightness
        self._attr_color_temp_kelvin = kelvin

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Take the command; the bridge reports it a moment later."""
        self.shows["is_on"] = True
        if ATTR_BRIGHTNESS in kwargs:
            self.shows[ATTR_BRIGHTNESS] = kwargs[ATTR_BRIGHTNESS]
        if ATTR_COLOR_TEMP_KELVIN in kwargs:
            self.shows[ATTR_COLOR_TEMP_KELVIN] = min(
                max(kwargs[ATTR_COLOR_TEMP_KELVIN], self.min_color_temp_kelvin),
                self.max_color_temp_kelvin,
            )
        self._report_later()

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Take the command; the bridge reports it a moment later."""
        self.shows["is_on"] = False
        self._report_later()

    def rejoin(self) -> None:
        """It is reachable again and reports what it shows."""
        self._attr_available = True
        self._report(None)

    def _report_later(self) -> None:
        if self._unsub_report is not None:
            self._unsub_report()
        self._unsub_report = async_call_later(
            self.hass, self.report_after, self._report
        )

    @callback
    def _report(self, _now: datetime | None) -> None:
        """The bridge reports what the bulb shows."""
        self._unsub_report = None
        self._attr_is_on = self.shows["is_on"]
        self._attr_brightness = self.shows[ATTR_BRIGHTNESS]
        self._attr_color_temp_kelvin = self.shows[ATTR_COLOR_TEMP_KELVIN]
        self.async_write_ha_state()
