"""The lights around the mat: snapshot, dim, the hand-changed check, restore.

A session snapshots the chosen lights, dims those that are on, and at its end
restores them, turns them off or leaves them, never one changed by hand. Two
mats that share a light hand it over: the first snapshot wins, and the light is
put back when the last session that dimmed it ends. A light unavailable at the
end is put back when it returns, within a quarter of an hour.

The snapshot is in light_snapshot, the hand-changed check in light_hand_changed,
lights shared with other mats (and renamed ones) in light_sharing.
"""

from __future__ import annotations

import asyncio
from copy import deepcopy
from datetime import datetime, timedelta
from functools import partial
import logging
from typing import TYPE_CHECKING, Any, Final

from custom_components.acupressure_mat.const import (
    AFTER_SESSION_LEAVE,
    AFTER_SESSION_OFF,
    AFTER_SESSION_RESTORE,
    CONF_AFTER_SESSION_LIGHTS,
    CONF_BRIGHTNESS_PCT,
    CONF_COLOR_TEMP_KELVIN,
    CONF_LIGHTS,
    DEFAULT_BRIGHTNESS_PCT,
    DEFAULT_COLOR_TEMP_KELVIN,
    DOMAIN,
)
from homeassistant.components.light import (
    ATTR_BRIGHTNESS,
    ATTR_COLOR_TEMP_KELVIN,
    ATTR_TRANSITION,
)
from homeassistant.components.light.const import DOMAIN as LIGHT_DOMAIN
from homeassistant.const import (
    ATTR_ENTITY_ID,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    STATE_ON,
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
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.event import async_call_later, async_track_state_change_event
from homeassistant.helpers.state import async_reproduce_state

from .adaptive_lighting import async_mark_manual
from .chosen_devices import ChosenDevices
from .device_guard import DeviceGuard
from .light_hand_changed import changed_by_hand
from .light_sharing import SESSION_ROOMS, SessionRoom, current_entity_id, held_elsewhere
from .light_snapshot import (
    LIGHT_ATTRIBUTES,
    ROOM_DIMMED,
    ROOM_LIGHTS,
    SNAPSHOT_ATTRIBUTES,
    SNAPSHOT_REGISTRY_ID,
    SNAPSHOT_STATE,
    as_stored,
    warm_target,
)

if TYPE_CHECKING:
    from custom_components.acupressure_mat.data import AcupressureMatConfigEntry

_LOGGER = logging.getLogger(__name__)

TRANSITION_SECONDS: Final = 2
# A light unavailable at the end (a bridge still starting) is put back if it returns
# within this time; later, whoever switched it on again is in charge of it.
RETURN_WINDOW: Final = timedelta(minutes=15)

# What each after-session choice does, in the debug log.
_AFTER_WORDS: Final = {
    AFTER_SESSION_RESTORE: "restored as it was",
    AFTER_SESSION_OFF: "turned off",
    AFTER_SESSION_LEAVE: "left dimmed",
}


class MatLights:
    """One mat's lights: dimmed for a session, put back after it."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: AcupressureMatConfigEntry,
        guard: DeviceGuard,
        devices: ChosenDevices,
    ) -> None:
        """Prepare the lights; call async_setup to let other mats see this one's."""
        self.hass = hass
        self.entry = entry
        self.guard = guard
        self.devices = devices
        # Lights unavailable at the end, watched for their return.
        self._returns: dict[str, list[CALLBACK_TYPE]] = {}

    @callback
    def async_setup(self, session_room: SessionRoom) -> None:
        """Tell other mats which lights this mat's running session dims."""
        self.hass.data.setdefault(SESSION_ROOMS, {})[self.entry.entry_id] = session_room

    @callback
    def async_shutdown(self) -> None:
        """Stop watching for returning lights; leave the machine-wide list."""
        self.hass.data.get(SESSION_ROOMS, {}).pop(self.entry.entry_id, None)
        for entity_id in list(self._returns):
            self._cancel_return(entity_id)

    # --- start -------------------------------------------------------------

    def capture(self) -> dict[str, Any]:
        """Snapshot the lights to dim, and what each will be set to."""
        options = self.entry.options
        brightness = round(
            255 * options.get(CONF_BRIGHTNESS_PCT, DEFAULT_BRIGHTNESS_PCT) / 100
        )
        kelvin = self._color_temp_kelvin()
        registry = er.async_get(self.hass)
        lights: dict[str, dict[str, Any]] = {}
        dimmed: dict[str, dict[str, list[Any]]] = {}
        for entity_id in self.devices.of(CONF_LIGHTS, LIGHT_DOMAIN):
            # This session takes the light over from an earlier one's return watch.
            self._cancel_return(entity_id)
            if (
                shared := held_elsewhere(self.hass, self.entry.entry_id, entity_id)
            ) is not None:
                # Another mat dims it already: its snapshot is the one to go back to.
                _LOGGER.debug(
                    "%s: %s is dimmed by another mat's session; keeping its snapshot",
                    self.entry.title,
                    entity_id,
                )
                snapshot, target = shared
                lights[entity_id] = deepcopy(snapshot)
                if target is not None:
                    dimmed[entity_id] = deepcopy(target)
                continue
            if not self.guard.works(entity_id):
                _LOGGER.debug(
                    "%s: %s skipped: missing or unavailable",
                    self.entry.title,
                    entity_id,
                )
                self.guard.fault(entity_id)
                continue
            state = self.hass.states.get(entity_id)
            assert state is not None
            snapshot = {SNAPSHOT_STATE: state.state}
            if state.state != STATE_ON:
                _LOGGER.debug(
                    "%s: %s is off; it stays off", self.entry.title, entity_id
                )
            if state.state == STATE_ON:
                snapshot[SNAPSHOT_ATTRIBUTES] = {
                    key: as_stored(value)
                    for key in LIGHT_ATTRIBUTES
                    if (value := state.attributes.get(key)) is not None
                }
                dimmed[entity_id] = {
                    ATTR_BRIGHTNESS: [brightness],
                    ATTR_COLOR_TEMP_KELVIN: warm_target(state, kelvin),
                }
                warm = dimmed[entity_id][ATTR_COLOR_TEMP_KELVIN]
                _LOGGER.debug(
                    "%s: %s will be dimmed to brightness %s, %s",
                    self.entry.title,
                    entity_id,
                    brightness,
                    f"{warm[0]} K"
                    if warm
                    else "its color kept (no color temperature chosen)"
                    if kelvin is None
                    else "its color kept (it has no color temperature)",
                )
            # Follows the light if it is renamed while the session runs.
            entry = registry.async_get(entity_id)
            snapshot[SNAPSHOT_REGISTRY_ID] = entry.id if entry else None
            lights[entity_id] = snapshot
        return {ROOM_LIGHTS: lights, ROOM_DIMMED: dimmed}

    async def async_dim(self, room: dict[str, Any]) -> None:
        """Dim the lights that were on; a light another mat dims stays as it is."""
        dimmed: dict[str, dict[str, list[Any]]] = room.get(ROOM_DIMMED, {})
        if not dimmed:
            return
        await async_mark_manual(self.hass, self.guard, list(dimmed), manual=True)
        await asyncio.gather(
            *(
                self._async_dim(entity_id, dimmed)
                for entity_id in list(dimmed)
                if held_elsewhere(self.hass, self.entry.entry_id, entity_id) is None
            )
        )

    def _color_temp_kelvin(self) -> int | None:
        """The warm white to dim to; None keeps the lights' color."""
        options = self.entry.options
        if not options:
            # Never configured: all defaults. Once saved, a missing value was cleared.
            return DEFAULT_COLOR_TEMP_KELVIN
        value = options.get(CONF_COLOR_TEMP_KELVIN)
        return None if value is None else int(value)

    async def _async_dim(
        self, entity_id: str, dimmed: dict[str, dict[str, list[Any]]]
    ) -> None:
        """Dim one light and note what it reports afterwards."""
        target = dimmed[entity_id]
        data: dict[str, Any] = {
            ATTR_ENTITY_ID: entity_id,
            ATTR_BRIGHTNESS: target[ATTR_BRIGHTNESS][0],
            ATTR_TRANSITION: TRANSITION_SECONDS,
        }
        if target[ATTR_COLOR_TEMP_KELVIN]:
            data[ATTR_COLOR_TEMP_KELVIN] = target[ATTR_COLOR_TEMP_KELVIN][0]
        if not await self.guard.async_call(
            entity_id, LIGHT_DOMAIN, SERVICE_TURN_ON, data
        ):
            del dimmed[entity_id]
            return
        # What the light reports after our call counts as ours too (rounding, a
        # transition still under way), so it is not taken for a change by hand.
        state = self.hass.states.get(entity_id)
        attributes = state.attributes if state else {}
        target[ATTR_BRIGHTNESS].append(attributes.get(ATTR_BRIGHTNESS))
        if target[ATTR_COLOR_TEMP_KELVIN]:
            target[ATTR_COLOR_TEMP_KELVIN].append(
                attributes.get(ATTR_COLOR_TEMP_KELVIN)
            )

    # --- end ---------------------------------------------------------------

    async def async_put_back(self, room: dict[str, Any]) -> None:
        """Restore, turn off or leave the lights; never one changed by hand."""
        lights: dict[str, dict[str, Any]] = room.get(ROOM_LIGHTS, {})
        dimmed: dict[str, dict[str, list[Any]]] = room.get(ROOM_DIMMED, {})
        released = await asyncio.gather(
            *(
                self._async_put_back(stored_id, snapshot, dimmed.get(stored_id))
                for stored_id, snapshot in lights.items()
            )
        )
        await self._async_release([light for light in released if light])

    async def _async_put_back(
        self,
        stored_id: str,
        snapshot: dict[str, Any],
        target: dict[str, list[Any]] | None,
    ) -> str | None:
        """Put one light back; returns it if Adaptive Lighting may have it again."""
        entity_id = current_entity_id(self.hass, stored_id, snapshot)
        title = self.entry.title
        if held_elsewhere(self.hass, self.entry.entry_id, entity_id) is not None:
            _LOGGER.debug(
                "%s: %s is still dimmed by another mat's session; left to it",
                title,
                entity_id,
            )
            return None
        if not self.guard.works(entity_id):
            _LOGGER.debug(
                "%s: %s is unavailable; put back if it returns within %s",
                title,
                entity_id,
                RETURN_WINDOW,
            )
            self.guard.fault(entity_id)
            self._watch_return(entity_id, snapshot, target)
            return None
        state = self.hass.states.get(entity_id)
        assert state is not None
        if changed_by_hand(state, snapshot, target):
            _LOGGER.debug(
                "%s: %s was changed by hand during the session; leaving it alone",
                title,
                entity_id,
            )
            return None
        after = self.entry.options.get(CONF_AFTER_SESSION_LIGHTS, AFTER_SESSION_RESTORE)
        _LOGGER.debug(
            "%s: %s after the session: %s", title, entity_id, _AFTER_WORDS[after]
        )
        if after == AFTER_SESSION_RESTORE:
            await self._async_restore(entity_id, snapshot)
        elif after == AFTER_SESSION_OFF and state.state == STATE_ON:
            await self.guard.async_call(
                entity_id,
                LIGHT_DOMAIN,
                SERVICE_TURN_OFF,
                {ATTR_ENTITY_ID: entity_id, ATTR_TRANSITION: TRANSITION_SECONDS},
            )
        return entity_id if target is not None else None

    async def _async_release(self, lights: list[str]) -> None:
        """Give lights back to Adaptive Lighting, unless they are left dimmed."""
        after = self.entry.options.get(CONF_AFTER_SESSION_LIGHTS, AFTER_SESSION_RESTORE)
        # Left dimmed, the lights stay out of Adaptive Lighting's hands.
        if after != AFTER_SESSION_LEAVE:
            await async_mark_manual(self.hass, self.guard, lights, manual=False)

    async def _async_restore(self, entity_id: str, snapshot: dict[str, Any]) -> None:
        """Put one light back exactly as it was."""
        await self.guard.async_run(
            entity_id,
            partial(
                async_reproduce_state,
                self.hass,
                State(
                    entity_id,
                    snapshot[SNAPSHOT_STATE],
                    snapshot.get(SNAPSHOT_ATTRIBUTES, {}),
                ),
                reproduce_options={ATTR_TRANSITION: TRANSITION_SECONDS},
            ),
        )

    @callback
    def _watch_return(
        self,
        entity_id: str,
        snapshot: dict[str, Any],
        target: dict[str, list[Any]] | None,
    ) -> None:
        """Put a light back once it is available again, within the return window."""
        self._cancel_return(entity_id)

        @callback
        def _changed(_event: Event[EventStateChangedData]) -> None:
            if not self.guard.works(entity_id):
                return
            self._cancel_return(entity_id)
            self.hass.async_create_task(
                self._async_returned(entity_id, snapshot, target),
                f"{DOMAIN} put back {entity_id}",
                eager_start=True,
            )

        @callback
        def _give_up(_now: datetime) -> None:
            self._cancel_return(entity_id)
            _LOGGER.debug(
                "%s: %s did not return; it stays as it is", self.entry.title, entity_id
            )

        self._returns[entity_id] = [
            async_track_state_change_event(self.hass, entity_id, _changed),
            async_call_later(
                self.hass, RETURN_WINDOW, HassJob(_give_up, cancel_on_shutdown=True)
            ),
        ]

    async def _async_returned(
        self,
        entity_id: str,
        snapshot: dict[str, Any],
        target: dict[str, list[Any]] | None,
    ) -> None:
        """A light is back: put it back as at the end of the session."""
        if released := await self._async_put_back(entity_id, snapshot, target):
            await self._async_release([released])

    @callback
    def _cancel_return(self, entity_id: str) -> None:
        for unsubscribe in self._returns.pop(entity_id, []):
            unsubscribe()
