"""Speaker volume for announcements, put back once they have played.

One owner per Home Assistant remembers each player's own volume from before the
first announcement that raised it (the first saved volume wins), and puts it
back with `media_player.volume_set` when the last announcement on that player
has finished, whichever mat made it. What must be put back is stored at once,
so after a restart it is put back as soon as the player is on again.

A player that is off is not raised: its volume is unknown while it is off. One
that goes off before its volume is back gets it back when it comes on again.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
import logging
from typing import Any, Final

from custom_components.acupressure_mat.const import DOMAIN
from homeassistant.components.media_player.const import (
    ATTR_MEDIA_CONTENT_ID,
    ATTR_MEDIA_VOLUME_LEVEL,
    DOMAIN as MEDIA_PLAYER_DOMAIN,
    MediaPlayerEntityFeature,
    MediaPlayerState,
)
from homeassistant.const import (
    ATTR_ENTITY_ID,
    ATTR_SUPPORTED_FEATURES,
    SERVICE_VOLUME_SET,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
)
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
from homeassistant.helpers.storage import Store
from homeassistant.util.hass_dict import HassKey

from .device_guard import DeviceGuard

_LOGGER = logging.getLogger(__name__)

STORAGE_KEY: Final = f"{DOMAIN}.speaker_volumes"
STORAGE_VERSION: Final = 1
# A player that never shows the announcement end gets its volume back after this.
VOLUME_RESTORE_TIMEOUT: Final = timedelta(minutes=2)
# Calm speech runs at about two words a second; a player needs a moment to start.
WORDS_PER_SECOND: Final = 2.0
START_MARGIN: Final = timedelta(seconds=5)

_PLAYING: Final = (MediaPlayerState.PLAYING, MediaPlayerState.BUFFERING)
_NOT_ON: Final = (
    MediaPlayerState.OFF,
    # MediaPlayerState.STANDBY is deprecated (a warning in the log); its value stays.
    "standby",
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
)

SPEAKER_VOLUMES: HassKey[SpeakerVolumes] = HassKey(f"{DOMAIN}_speaker_volumes")


def spoken_length(message: str) -> timedelta:
    """About how long a message takes to say, and for a player to start it."""
    return timedelta(seconds=len(message.split()) / WORDS_PER_SECOND) + START_MARGIN


def _is_on(state: State | None) -> bool:
    """Whether a player is on (its volume can be read and set)."""
    return state is not None and state.state not in _NOT_ON


def _now_playing(state: State | None) -> str | None:
    """What a player plays ("" when it does not say); None when it plays nothing."""
    if state is None or state.state not in _PLAYING:
        return None
    return str(state.attributes.get(ATTR_MEDIA_CONTENT_ID) or "")


@dataclass(slots=True)
class _Hold:
    """One mat's announcement on a player, watched until it has played."""

    guard: DeviceGuard
    unsubscribes: list[CALLBACK_TYPE] = field(default_factory=list)

    def stop_watching(self) -> None:
        """Stop watching the player."""
        while self.unsubscribes:
            self.unsubscribes.pop()()


@dataclass(slots=True)
class _SavedVolume:
    """A player's own volume, until the last announcement on it is over."""

    level: float
    holds: dict[str, _Hold] = field(default_factory=dict)
    # Set while waiting for a player that is off to come on.
    unsub_on: CALLBACK_TYPE | None = None

    def stop_waiting(self) -> None:
        """Stop waiting for the player to come on."""
        if self.unsub_on is not None:
            self.unsub_on()
            self.unsub_on = None


@callback
def speaker_volumes(hass: HomeAssistant) -> SpeakerVolumes:
    """The owner of the speakers' volumes, loading what a restart left over."""
    if (volumes := hass.data.get(SPEAKER_VOLUMES)) is None:
        volumes = hass.data[SPEAKER_VOLUMES] = SpeakerVolumes(hass)
    return volumes


class SpeakerVolumes:
    """Each player's own volume while announcements play on it, for every mat."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Start loading the volumes a restart left to put back."""
        self.hass = hass
        self._store: Store[dict[str, Any]] = Store(
            hass, STORAGE_VERSION, STORAGE_KEY, atomic_writes=True
        )
        self._saved: dict[str, _SavedVolume] = {}
        # One change of a player's volume at a time: raising it, or putting it back.
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._loaded = hass.async_create_task(
            self._async_load(), f"{DOMAIN} load speaker volumes", eager_start=True
        )

    async def _async_load(self) -> None:
        """Put back what announcements cut short by a restart left raised."""
        data = await self._store.async_load()
        stored = data.get("volumes") if isinstance(data, dict) else None
        if not isinstance(stored, dict):
            return
        for player, level in stored.items():
            if isinstance(level, int | float):
                self._saved[player] = _SavedVolume(float(level))
                # Now if the player is on, else as soon as its integration has it on.
                self._put_back_soon(player)

    # --- announcements -----------------------------------------------------

    async def async_raise(
        self, player: str, level: float, holder: str, guard: DeviceGuard
    ) -> bool:
        """Set the announcement volume, saving the player's own; whether it was set."""
        await self._loaded
        async with self._locks[player]:
            state = self.hass.states.get(player)
            if not _is_on(state):
                _LOGGER.debug("%s is off: its volume is left alone", player)
                return False
            assert state is not None
            features = state.attributes.get(ATTR_SUPPORTED_FEATURES, 0)
            own = state.attributes.get(ATTR_MEDIA_VOLUME_LEVEL)
            if not features & MediaPlayerEntityFeature.VOLUME_SET or own is None:
                _LOGGER.debug("%s cannot set its volume: left alone", player)
                return False
            _LOGGER.debug(
                "%s: volume %s for the announcement, %s to put back",
                player,
                level,
                own if player not in self._saved else self._saved[player].level,
            )
            if (saved := self._saved.get(player)) is None:
                saved = self._saved[player] = _SavedVolume(float(own))
                # Stored before the change, so a crash cannot lose the player's volume.
                await self._async_save()
            saved.stop_waiting()
            if (earlier := saved.holds.get(holder)) is not None:
                # The mat's next announcement while its last one still plays.
                earlier.stop_watching()
            saved.holds[holder] = _Hold(guard)
            raised = await self._async_set(player, level, guard)
        if not raised:
            await self.async_release(player, holder)
        return raised

    @callback
    def watch(self, player: str, holder: str, length: timedelta) -> None:
        """Put the volume back once the announcement on the player has played.

        Its end shows as the player stopping or going back to what it played
        before. A player that shows nothing (an audio clip over the music) is
        done after the announcement's length; none waits more than 2 minutes.
        """
        hold = self._saved[player].holds[holder]
        before = _now_playing(self.hass.states.get(player))
        announcement: str | None = None

        @callback
        def _changed(event: Event[EventStateChangedData]) -> None:
            nonlocal announcement
            playing = _now_playing(event.data["new_state"])
            if announcement is None:
                if playing is not None and playing != before:
                    # The player shows the announcement: wait for it to end.
                    announcement = playing
                    unsub_length()
            elif playing is None or playing == before:
                self._release_soon(player, holder)

        @callback
        def _done(_now: datetime) -> None:
            self._release_soon(player, holder)

        unsub_length = async_call_later(
            self.hass, length, HassJob(_done, cancel_on_shutdown=True)
        )
        hold.unsubscribes = [
            async_track_state_change_event(self.hass, player, _changed),
            unsub_length,
            async_call_later(
                self.hass,
                VOLUME_RESTORE_TIMEOUT,
                HassJob(_done, cancel_on_shutdown=True),
            ),
        ]

    async def async_release(self, player: str, holder: str) -> None:
        """One mat's announcement is over; the last one puts the volume back."""
        await self._loaded
        if (saved := self._saved.get(player)) is None or (
            hold := saved.holds.pop(holder, None)
        ) is None:
            # Released already: the mat unloaded while its announcement played.
            return
        hold.stop_watching()
        if not saved.holds:
            await self._async_put_back(player, hold.guard)

    async def async_release_all(self, holder: str) -> None:
        """A mat unloads: its announcements are over now."""
        await self._loaded
        for player in [p for p, s in self._saved.items() if holder in s.holds]:
            await self.async_release(player, holder)

    @callback
    def _release_soon(self, player: str, holder: str) -> None:
        self.hass.async_create_task(
            self.async_release(player, holder),
            f"{DOMAIN} put back the volume of {player}",
            eager_start=True,
        )

    # --- putting the volume back ---------------------------------------------

    async def _async_put_back(
        self, player: str, guard: DeviceGuard | None = None
    ) -> None:
        """Give a player its own volume back now, or when it comes on again."""
        async with self._locks[player]:
            saved = self._saved[player]
            if not _is_on(self.hass.states.get(player)):
                _LOGGER.debug(
                    "%s is off: volume %s put back when it comes on",
                    player,
                    saved.level,
                )
                self._wait_until_on(player, saved)
                return
            _LOGGER.debug("%s: volume %s put back", player, saved.level)
            # A failure is reported, not retried: the player may be gone for good.
            await self._async_set(player, saved.level, guard)
            del self._saved[player]
            await self._async_save()

    @callback
    def _put_back_soon(self, player: str) -> None:
        self.hass.async_create_task(
            self._async_put_back(player),
            f"{DOMAIN} put back the volume of {player}",
            eager_start=True,
        )

    @callback
    def _wait_until_on(self, player: str, saved: _SavedVolume) -> None:
        """Put the volume back when a player that is off comes on."""
        saved.stop_waiting()

        @callback
        def _changed(event: Event[EventStateChangedData]) -> None:
            if _is_on(event.data["new_state"]):
                saved.stop_waiting()
                self._put_back_soon(player)

        saved.unsub_on = async_track_state_change_event(self.hass, player, _changed)

    async def _async_set(
        self, player: str, level: float, guard: DeviceGuard | None
    ) -> bool:
        """Set a player's volume; whether it worked."""
        data = {ATTR_ENTITY_ID: player, ATTR_MEDIA_VOLUME_LEVEL: level}
        if guard is not None:
            return await guard.async_call(
                player,
                MEDIA_PLAYER_DOMAIN,
                SERVICE_VOLUME_SET,
                data,
                proves_working=False,
            )
        # No mat waits for this one (a restart, a player back on): only log.
        try:
            await self.hass.services.async_call(
                MEDIA_PLAYER_DOMAIN, SERVICE_VOLUME_SET, data, blocking=True
            )
        except Exception as err:  # noqa: BLE001 (any integration may raise anything)
            _LOGGER.warning("Could not give %s its volume back: %s", player, err)
            return False
        return True

    async def _async_save(self) -> None:
        """Store the volumes to put back; no file when there are none."""
        if self._saved:
            await self._store.async_save(
                {"volumes": {p: s.level for p, s in self._saved.items()}}
            )
        else:
            await self._store.async_remove()
