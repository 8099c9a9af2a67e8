"""What a player shows of its volume: late reports, and changes made by hand.

Players report a volume a moment after they set it (Sonos and Music Assistant
by their events, Cast by its next status), so just after a volume was put back
the state may still show an announcement volume: it is remembered until the
player shows it, or for a while. A volume that no mat set is the user's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from homeassistant.components.media_player.const import ATTR_MEDIA_VOLUME_LEVEL
from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    HassJob,
    HomeAssistant,
    State,
    callback,
)
from homeassistant.helpers.event import async_call_later, async_track_state_change_event

# How long a player may take to report the volume it was given back.
REPORT_DELAY: Final = timedelta(seconds=10)
# Players round volumes (Sonos to a percent, Cast to a float32).
_SAME_VOLUME: Final = 0.006


def volume_of(state: State | None) -> float | None:
    """The volume a player shows, if it shows one."""
    level = state.attributes.get(ATTR_MEDIA_VOLUME_LEVEL) if state else None
    return float(level) if isinstance(level, int | float) else None


def among(level: float, levels: set[float]) -> bool:
    """Whether a volume is one of these, as a player rounds it."""
    return any(abs(level - other) < _SAME_VOLUME for other in levels)


@callback
def follow_volume(
    hass: HomeAssistant, player: str, shown: Callable[[float], None]
) -> CALLBACK_TYPE:
    """Call `shown` with each new volume the player shows."""

    @callback
    def _changed(event: Event[EventStateChangedData]) -> None:
        level = volume_of(event.data["new_state"])
        if level is not None and level != volume_of(event.data["old_state"]):
            shown(level)

    return async_track_state_change_event(hass, player, _changed)


@dataclass(slots=True)
class _PutBack:
    level: float
    ours: set[float]
    unsubscribes: list[CALLBACK_TYPE]

    def forget(self) -> None:
        while self.unsubscribes:
            self.unsubscribes.pop()()


class PutBackVolumes:
    """The volumes just put back, until their players show them."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Remember none yet."""
        self.hass = hass
        self._put_back: dict[str, _PutBack] = {}

    @callback
    def remember(self, player: str, level: float, ours: set[float]) -> None:
        """A player was given its volume back; `ours` are the volumes mats set."""
        announcement_volumes = ours - {level}

        @callback
        def _changed(event: Event[EventStateChangedData]) -> None:
            shown = volume_of(event.data["new_state"])
            if shown is not None and not among(shown, announcement_volumes):
                _forget()

        @callback
        def _forget(_now: datetime | None = None) -> None:
            if self._put_back.get(player) is put_back:
                del self._put_back[player]
                put_back.forget()

        self.take(player)
        put_back = self._put_back[player] = _PutBack(
            level,
            set(ours),
            [
                async_track_state_change_event(self.hass, player, _changed),
                async_call_later(
                    self.hass, REPORT_DELAY, HassJob(_forget, cancel_on_shutdown=True)
                ),
            ],
        )

    @callback
    def take(self, player: str) -> tuple[float, set[float]] | None:
        """The volume just put back (and the mats' volumes) while it may not show."""
        if (put_back := self._put_back.pop(player, None)) is None:
            return None
        put_back.forget()
        return put_back.level, put_back.ours
