"""Whether a light was changed by hand while a session had it dimmed."""

from __future__ import annotations

from typing import Any, Final

from homeassistant.components.light import ATTR_BRIGHTNESS, ATTR_COLOR_TEMP_KELVIN
from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import State

from .light_snapshot import SNAPSHOT_ATTRIBUTES, SNAPSHOT_STATE

# Lights round what they are sent; a difference within this is not a change by hand.
BRIGHTNESS_TOLERANCE: Final = 3
KELVIN_TOLERANCE: Final = 100


def _matches(value: Any, accepted: list[Any], tolerance: float) -> bool:
    """Whether a light's value is one we set or saw after setting it."""
    if value is None:
        return None in accepted
    return any(
        isinstance(candidate, int | float) and abs(value - candidate) <= tolerance
        for candidate in accepted
    )


def changed_by_hand(
    state: State, snapshot: dict[str, Any], target: dict[str, list[Any]] | None
) -> bool:
    """Whether a light differs from what the session left it at."""
    if snapshot[SNAPSHOT_STATE] == STATE_OFF:
        return state.state != STATE_OFF
    if state.state != STATE_ON:
        return True
    if target is None:
        # Not dimmed (the call failed): it should be as it was.
        brightness = [snapshot.get(SNAPSHOT_ATTRIBUTES, {}).get(ATTR_BRIGHTNESS)]
        kelvin: list[Any] = []
    else:
        brightness = target[ATTR_BRIGHTNESS]
        kelvin = target[ATTR_COLOR_TEMP_KELVIN]
    if not _matches(
        state.attributes.get(ATTR_BRIGHTNESS), brightness, BRIGHTNESS_TOLERANCE
    ):
        return True
    return bool(kelvin) and not _matches(
        state.attributes.get(ATTR_COLOR_TEMP_KELVIN), kelvin, KELVIN_TOLERANCE
    )
