"""A light's snapshot: what a session stores of it, and what it dims it to."""

from __future__ import annotations

from typing import Any, Final

from homeassistant.components.light import (
    ATTR_BRIGHTNESS,
    ATTR_COLOR_MODE,
    ATTR_COLOR_TEMP_KELVIN,
    ATTR_EFFECT,
    ATTR_HS_COLOR,
    ATTR_MAX_COLOR_TEMP_KELVIN,
    ATTR_MIN_COLOR_TEMP_KELVIN,
    ATTR_RGB_COLOR,
    ATTR_RGBW_COLOR,
    ATTR_RGBWW_COLOR,
    ATTR_SUPPORTED_COLOR_MODES,
    ATTR_XY_COLOR,
)
from homeassistant.components.light.const import ColorMode
from homeassistant.core import State

# The light attributes async_reproduce_state restores.
LIGHT_ATTRIBUTES: Final = (
    ATTR_BRIGHTNESS,
    ATTR_COLOR_MODE,
    ATTR_COLOR_TEMP_KELVIN,
    ATTR_EFFECT,
    ATTR_HS_COLOR,
    ATTR_RGB_COLOR,
    ATTR_RGBW_COLOR,
    ATTR_RGBWW_COLOR,
    ATTR_XY_COLOR,
)

# The stored snapshot: keys of Session.room.
ROOM_LIGHTS: Final = "lights"
ROOM_DIMMED: Final = "dimmed"
SNAPSHOT_STATE: Final = "state"
SNAPSHOT_ATTRIBUTES: Final = "attributes"
SNAPSHOT_REGISTRY_ID: Final = "registry_id"


def as_stored(value: Any) -> Any:
    """Store tuples as lists, as they read back from JSON."""
    return list(value) if isinstance(value, tuple) else value


def warm_target(state: State, kelvin: int | None) -> list[Any]:
    """The warm white a light can show: the option, within the light's own range."""
    modes = state.attributes.get(ATTR_SUPPORTED_COLOR_MODES) or ()
    if kelvin is None or ColorMode.COLOR_TEMP not in modes:
        return []
    warmest = state.attributes.get(ATTR_MIN_COLOR_TEMP_KELVIN) or kelvin
    coolest = state.attributes.get(ATTR_MAX_COLOR_TEMP_KELVIN) or kelvin
    return [min(max(kelvin, warmest), coolest)]
