"""Speaker volume for announcements, put back once they have played.

One owner per Home Assistant remembers each player's own volume from before the
first announcement that raised it (the first saved volume wins), and puts it
back with `media_player.volume_set` when the last announcement on that player
has finished, whichever mat made it. What must be put back is stored at once,
so after a restart it is put back as soon as the player is on again.

Players report a volume a moment after they set it, so the state may still
show an announcement volume just after the own one was put back: for a while,
the next announcement takes the volume put back as the own one. A volume the
player shows that no mat set is the user's, changed by hand: it is kept.

A player that is off is not raised: its volume is unknown while it is off. One
that goes off before its volume is back gets it back when it comes on again.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
import logging
from typing import Any, Final

from custom_components.acupressure_mat.const import DOMAIN
from homeassistant.components.media_player.const import (
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
    HomeAssistant,
    State,
    callback,
)
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.helpers.storage import Store
from homeassistant.util.hass_dict import HassKey

from .announcement_end import AnnouncementEnd
from .device_guard import DeviceGuard
from .volume_reports import PutBackVolumes, among, follow_volume, volume_of

_LOGGER = logging.getLogger(__name__)

STORAGE_KEY: Final = f"{DOMAIN}.speaker_volumes"
STORAGE_VERSION: Final = 1
_NOT_ON: Final = (
    MediaPlayerState.OFF,
    # MediaPlayerState.STANDBY is deprecated (a warning in the log); its value stays.
    "standby",
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
)

SPEAKER_VOLUMES: HassKey[SpeakerVolumes] = HassKey(f"{DOMAIN}_speaker_volumes")


def _is_on(state: State | None) -> bool:
    """Whether a player is on (its volume can be read and set)."""
    return state is not None and state.state not in _NOT_ON


@dataclass(slots=True)
class _Hold:
    """One mat's announcement on a player, watched until it has played."""

    guard: DeviceGuard
    end: AnnouncementEnd | None = None

    def stop_watching(self) -> None:
        """Stop watching the player."""
        if self.end is not None:
            self.end.stop()
            self.end = None


@dataclass(slots=True)
class _SavedVolume:
    """A player's own volume, until the last announcement on it is over."""

    level: float
    holds: dict[str, _Hold] = field(default_factory=dict)
    # The volumes the mats set: any other one the player shows is the user's.
    ours: set[float] = field(default_factory=set)
    by_hand: bool = False
    # A mat set a volume the player has not shown yet.
    answer_due: bool = False
    # Putting it back failed: kept for the player's next announcement, not stored.
    failed: bool = False
    # Set while waiting for a player that is off to come on.
    unsub_on: CALLBACK_TYPE | None = None
    unsub_volume: CALLBACK_TYPE | None = None

    def stop_waiting(self) -> None:
        """Stop waiting for the player to come on."""
        if self.unsub_on is not None:
            self.unsub_on()
            self.unsub_on = None

    def stop_following(self) -> None:
        """Stop following the volumes the player shows."""
        self.stop_waiting()
        if self.unsub_volume is not None:
            self.unsub_volume()
            self.unsub_volume = None


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
        self._put_back = PutBackVolumes(hass)
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
                self._saved[player] = _SavedVolume(float(level), ours={float(level)})
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
            own = volume_of(state)
            if not features & MediaPlayerEntityFeature.VOLUME_SET or own is None:
                _LOGGER.debug("%s cannot set its volume: left alone", player)
                return False
            if (saved := self._saved.get(player)) is None:
                ours: set[float] = set()
                if (put_back := self._put_back.take(player)) is not None:
                    # Its state may not show the volume just put back yet.
                    own, ours = put_back
                saved = self._saved[player] = _SavedVolume(own, ours=ours | {own})
                self._follow_volume(player, saved)
                # Stored before the change, so a crash cannot lose the player's volume.
                await self._async_save()
            elif saved.failed or saved.by_hand:
                # Raised again: what it plays at now is put back after.
                saved.failed = saved.by_hand = False
                await self._async_save()
            _LOGGER.debug(
                "%s: volume %s for the announcement, %s to put back",
                player,
                level,
                saved.level,
            )
            saved.ours.add(level)
            saved.answer_due = not among(own, {level})
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
        """Put the volume back once the announcement on the player has played."""
        self._saved[player].holds[holder].end = AnnouncementEnd(
            self.hass, player, length, lambda: self._release_soon(player, holder)
        )

    @callback
    def played(self, player: str, holder: str) -> None:
        """The player took the announcement: it plays its length from now."""
        saved = self._saved.get(player)
        hold = saved.holds.get(holder) if saved is not None else None
        if hold is not None and hold.end is not None:
            hold.end.played()

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
            if (saved := self._saved.get(player)) is None or saved.holds:
                # Put back already, or another announcement started meanwhile.
                return
            if saved.by_hand:
                _LOGGER.debug("%s: volume changed by hand, kept", player)
                self._forget(player)
                await self._async_save()
                return
            if not _is_on(self.hass.states.get(player)):
                _LOGGER.debug(
                    "%s is off: volume %s put back when it comes on",
                    player,
                    saved.level,
                )
                self._wait_until_on(player, saved)
                return
            _LOGGER.debug("%s: volume %s put back", player, saved.level)
            if not await self._async_set(player, saved.level, guard):
                # Not retried (it may be gone for good), but its next announcement
                # must not take the announcement volume for the player's own.
                saved.failed = True
                await self._async_save()
                return
            self._forget(player)
            self._put_back.remember(player, saved.level, saved.ours)
            await self._async_save()

    @callback
    def _forget(self, player: str) -> None:
        self._saved.pop(player).stop_following()

    @callback
    def _follow_volume(self, player: str, saved: _SavedVolume) -> None:
        """Notice a volume no mat set: the user changed it by hand."""

        @callback
        def _shown(level: float) -> None:
            if saved.answer_due:
                # Its answer to a mat's volume, as it rounds or limits it.
                saved.answer_due = False
                saved.ours.add(level)
                return
            if among(level, saved.ours):
                return
            # The user's volume is the player's own now: kept, not put back.
            _LOGGER.debug("%s: volume %s set by hand, kept", player, level)
            saved.level, saved.by_hand = level, True
            saved.ours.add(level)
            self.hass.async_create_task(
                self._async_save(), f"{DOMAIN} store speaker volumes", eager_start=True
            )

        saved.unsub_volume = follow_volume(self.hass, player, _shown)

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
        if volumes := {p: s.level for p, s in self._saved.items() if not s.failed}:
            await self._store.async_save({"volumes": volumes})
        else:
            await self._store.async_remove()
