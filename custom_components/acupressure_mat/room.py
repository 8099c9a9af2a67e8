"""The room around the mat: lights, speakers and the "don't sleep on it" reminder.

A session dims the lights and restores them, announces its start and end, and
reminds whoever is still lying on the mat ten minutes later. A missing or
unavailable device never stops a session: it is logged once and raises a
repair issue until it works again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
import logging
from typing import Any, Final

from homeassistant.components.light import (
    ATTR_BRIGHTNESS,
    ATTR_COLOR_MODE,
    ATTR_COLOR_TEMP_KELVIN,
    ATTR_EFFECT,
    ATTR_HS_COLOR,
    ATTR_RGB_COLOR,
    ATTR_RGBW_COLOR,
    ATTR_RGBWW_COLOR,
    ATTR_SUPPORTED_COLOR_MODES,
    ATTR_TRANSITION,
    ATTR_XY_COLOR,
)
from homeassistant.components.light.const import DOMAIN as LIGHT_DOMAIN, ColorMode
from homeassistant.components.media_player.const import (
    ATTR_MEDIA_VOLUME_LEVEL,
    DOMAIN as MEDIA_PLAYER_DOMAIN,
    MediaPlayerEntityFeature,
    MediaPlayerState,
)
from homeassistant.components.notify.const import (
    ATTR_MESSAGE,
    ATTR_TITLE,
    DOMAIN as NOTIFY_DOMAIN,
    SERVICE_SEND_MESSAGE,
)
from homeassistant.components.tts import ATTR_MEDIA_PLAYER_ENTITY_ID
from homeassistant.components.tts.const import ATTR_LANGUAGE, DOMAIN as TTS_DOMAIN
from homeassistant.components.tts.helper import get_engine_instance
from homeassistant.const import (
    ATTR_AREA_ID,
    ATTR_DOMAIN,
    ATTR_ENTITY_ID,
    ATTR_SUPPORTED_FEATURES,
    CONF_NAME,
    EVENT_SERVICE_REGISTERED,
    SERVICE_TURN_OFF,
    SERVICE_TURN_ON,
    SERVICE_VOLUME_SET,
    STATE_OFF,
    STATE_ON,
    STATE_UNAVAILABLE,
    Platform,
)
from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    HassJob,
    HomeAssistant,
    State,
    callback,
    split_entity_id,
)
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.event import async_call_later, async_track_state_change_event
from homeassistant.helpers.state import async_reproduce_state
from homeassistant.helpers.target import (
    TargetSelection,
    async_extract_referenced_entity_ids,
)
from homeassistant.helpers.translation import async_get_translations
from homeassistant.util import language as language_util

from .const import (
    AFTER_SESSION_LEAVE,
    AFTER_SESSION_OFF,
    AFTER_SESSION_RESTORE,
    CONF_AFTER_SESSION_LIGHTS,
    CONF_ANNOUNCE_START,
    CONF_ANNOUNCE_VOLUME_PCT,
    CONF_BRIGHTNESS_PCT,
    CONF_COLOR_TEMP_KELVIN,
    CONF_LIGHTS,
    CONF_MEDIA_PLAYERS,
    CONF_NOTIFY_TARGET,
    CONF_OCCUPANCY_SENSOR,
    CONF_SATELLITES,
    CONF_TTS_ENTITY,
    CONF_USE_AREA_DEVICES,
    DEFAULT_BRIGHTNESS_PCT,
    DEFAULT_COLOR_TEMP_KELVIN,
    DOMAIN,
    OUTCOME_COMPLETED,
)
from .data import AcupressureMatConfigEntry
from .models import Session, SessionRecord
from .repairs import (
    async_delete_entity_issue,
    async_entity_issues,
    async_raise_entity_issue,
    option_of,
    rename_entity,
)
from .session import MatSessionEngine

_LOGGER = logging.getLogger(__name__)

REMINDER_DELAY: Final = timedelta(minutes=10)
# tts.speak returns before the speaker has played; give up waiting after this.
VOLUME_RESTORE_TIMEOUT: Final = timedelta(minutes=2)
TRANSITION_SECONDS: Final = 2
# Lights round what they are sent; a difference within this is not a change by hand.
BRIGHTNESS_TOLERANCE: Final = 3
KELVIN_TOLERANCE: Final = 100

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

ADAPTIVE_LIGHTING_DOMAIN: Final = "adaptive_lighting"
ADAPTIVE_LIGHTING_SET_MANUAL_CONTROL: Final = "set_manual_control"
ADAPTIVE_LIGHTING_LIGHTS: Final = "lights"
ADAPTIVE_LIGHTING_MANUAL_CONTROL: Final = "manual_control"

SERVICE_SPEAK: Final = "speak"
SERVICE_ANNOUNCE: Final = "announce"

# Message keys, under "exceptions" in strings.json (the category custom text may use).
MESSAGE_STARTED: Final = "announcement_started"
MESSAGE_COMPLETED: Final = "announcement_completed"
MESSAGE_STOPPED_EARLY: Final = "announcement_stopped_early"
MESSAGE_REMINDER: Final = "announcement_reminder"

# The stored snapshot: keys of Session.room.
ROOM_LIGHTS: Final = "lights"
ROOM_DIMMED: Final = "dimmed"
SNAPSHOT_STATE: Final = "state"
SNAPSHOT_ATTRIBUTES: Final = "attributes"
SNAPSHOT_REGISTRY_ID: Final = "registry_id"


def _usable(state: State | None) -> bool:
    """Whether an entity exists and is available."""
    return state is not None and state.state != STATE_UNAVAILABLE


@callback
def _is_notify_action(event_data: Mapping[str, Any]) -> bool:
    """Whether a newly registered action is a notify action."""
    return bool(event_data[ATTR_DOMAIN] == NOTIFY_DOMAIN)


def _as_stored(value: Any) -> Any:
    """Store tuples as lists, as they read back from JSON."""
    return list(value) if isinstance(value, tuple) else value


def _matches(value: Any, accepted: list[Any], tolerance: float) -> bool:
    """Whether a light's value is one we set or saw after setting it."""
    if value is None:
        return None in accepted
    return any(
        isinstance(candidate, int | float) and abs(value - candidate) <= tolerance
        for candidate in accepted
    )


@dataclass(slots=True)
class _PendingVolume:
    """A speaker whose volume is restored once it has played the announcement."""

    previous: float
    playing: bool = False
    unsubscribes: list[CALLBACK_TYPE] = field(default_factory=list)

    def cancel(self) -> None:
        """Stop watching the speaker."""
        while self.unsubscribes:
            self.unsubscribes.pop()()


class MatRoom:
    """Lights, speakers and the reminder around one mat (the engine's effects)."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: AcupressureMatConfigEntry,
        engine: MatSessionEngine,
    ) -> None:
        """Prepare the room; call async_setup to follow renames and recoveries."""
        self.hass = hass
        self.entry = entry
        self.engine = engine
        # Failing entities -> the option naming them (None: found in the area).
        self._faults: dict[str, str | None] = {}
        self._recovery: dict[str, list[CALLBACK_TYPE]] = {}
        self._volumes: dict[str, _PendingVolume] = {}
        self._unsub_reminder: CALLBACK_TYPE | None = None
        self._unsubscribes: list[CALLBACK_TYPE] = []
        self._warned_no_tts = False

    # --- lifecycle -------------------------------------------------------

    @callback
    def async_setup(self) -> None:
        """Follow renamed and removed entities, and watch those with open issues."""
        self._unsubscribes.append(
            self.hass.bus.async_listen(
                er.EVENT_ENTITY_REGISTRY_UPDATED,
                self._async_entity_registry_updated,
                event_filter=self._is_ours,
            )
        )
        for entity_id, option in async_entity_issues(
            self.hass, self.entry.entry_id
        ).items():
            if option_of(self.entry.options, entity_id) != option:
                # The user picked another entity in the options meanwhile.
                async_delete_entity_issue(self.hass, self.entry.entry_id, entity_id)
            elif self._works(entity_id):
                async_delete_entity_issue(self.hass, self.entry.entry_id, entity_id)
            else:
                self._faults[entity_id] = option
                self._watch_recovery(entity_id)

    async def async_shutdown(self) -> None:
        """Stop every listener and timer; give speakers their volume back now."""
        while self._unsubscribes:
            self._unsubscribes.pop()()
        self._cancel_reminder()
        for unsubscribes in self._recovery.values():
            for unsubscribe in unsubscribes:
                unsubscribe()
        self._recovery.clear()
        pending = list(self._volumes)
        await asyncio.gather(*(self._async_restore_volume(p) for p in pending))

    # --- the engine's effects ----------------------------------------------

    def capture(self, session: Session) -> dict[str, Any]:
        """Snapshot the lights to dim, and what each will be set to."""
        if not session.dim_lights:
            return {}
        options = self.entry.options
        brightness = round(
            255 * options.get(CONF_BRIGHTNESS_PCT, DEFAULT_BRIGHTNESS_PCT) / 100
        )
        kelvin = self._color_temp_kelvin()
        registry = er.async_get(self.hass)
        lights: dict[str, dict[str, Any]] = {}
        dimmed: dict[str, dict[str, list[Any]]] = {}
        for entity_id, option in self._targets(CONF_LIGHTS, LIGHT_DOMAIN):
            if not self._works(entity_id):
                self._fault(entity_id, option)
                continue
            state = self.hass.states.get(entity_id)
            assert state is not None
            snapshot: dict[str, Any] = {SNAPSHOT_STATE: state.state}
            if state.state == STATE_ON:
                snapshot[SNAPSHOT_ATTRIBUTES] = {
                    key: _as_stored(value)
                    for key in LIGHT_ATTRIBUTES
                    if (value := state.attributes.get(key)) is not None
                }
                modes = state.attributes.get(ATTR_SUPPORTED_COLOR_MODES) or ()
                dimmed[entity_id] = {
                    ATTR_BRIGHTNESS: [brightness],
                    ATTR_COLOR_TEMP_KELVIN: (
                        [kelvin]
                        if kelvin is not None and ColorMode.COLOR_TEMP in modes
                        else []
                    ),
                }
            # Follows the light if it is renamed while the session runs.
            entry = registry.async_get(entity_id)
            snapshot[SNAPSHOT_REGISTRY_ID] = entry.id if entry else None
            lights[entity_id] = snapshot
        return {ROOM_LIGHTS: lights, ROOM_DIMMED: dimmed}

    async def async_started(self, session: Session) -> None:
        """Dim the lights that are on, and announce the start if wanted."""
        self._cancel_reminder()
        dimmed: dict[str, dict[str, list[Any]]] = session.room.get(ROOM_DIMMED, {})
        if dimmed:
            await self._async_adaptive_lighting(list(dimmed), manual=True)
            await asyncio.gather(
                *(self._async_dim(entity_id, dimmed) for entity_id in list(dimmed))
            )
        if session.announce and self.entry.options.get(CONF_ANNOUNCE_START):
            await self._async_announce(MESSAGE_STARTED, session.planned_minutes)

    async def async_ended(
        self, session: Session, record: SessionRecord | None, *, offline: bool
    ) -> None:
        """Announce the end, put the lights back and plan the reminder."""
        steps: list[Awaitable[None]] = [self._async_after_lights(session.room)]
        # A false start is not worth a word; an end while offline is old news.
        if record is not None and not offline:
            if session.announce:
                if record.outcome == OUTCOME_COMPLETED:
                    steps.append(
                        self._async_announce(MESSAGE_COMPLETED, record.planned_minutes)
                    )
                else:
                    steps.append(
                        self._async_announce(
                            MESSAGE_STOPPED_EARLY, round(record.active_minutes)
                        )
                    )
            self._schedule_reminder(record, announce=session.announce)
        await asyncio.gather(*steps)

    # --- lights ------------------------------------------------------------

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
        if not await self._async_call(
            entity_id,
            LIGHT_DOMAIN,
            SERVICE_TURN_ON,
            data,
            option=option_of(self.entry.options, entity_id),
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

    async def _async_after_lights(self, room: dict[str, Any]) -> None:
        """Restore, turn off or leave the lights; never one changed by hand."""
        lights: dict[str, dict[str, Any]] = room.get(ROOM_LIGHTS, {})
        if not lights:
            return
        dimmed: dict[str, dict[str, list[Any]]] = room.get(ROOM_DIMMED, {})
        after = self.entry.options.get(CONF_AFTER_SESSION_LIGHTS, AFTER_SESSION_RESTORE)
        ours: dict[str, dict[str, Any]] = {}
        released: list[str] = []
        for stored_id, snapshot in lights.items():
            entity_id = self._current_entity_id(stored_id, snapshot)
            if not self._works(entity_id):
                self._fault(entity_id, option_of(self.entry.options, entity_id))
                continue
            state = self.hass.states.get(entity_id)
            assert state is not None
            if self._changed_by_hand(state, snapshot, dimmed.get(stored_id)):
                _LOGGER.debug("%s was changed by hand; leaving it alone", entity_id)
                continue
            ours[entity_id] = snapshot
            if stored_id in dimmed:
                released.append(entity_id)
        if after == AFTER_SESSION_RESTORE:
            await asyncio.gather(
                *(self._async_restore_light(e, s) for e, s in ours.items())
            )
        elif after == AFTER_SESSION_OFF:
            await asyncio.gather(
                *(
                    self._async_call(
                        entity_id,
                        LIGHT_DOMAIN,
                        SERVICE_TURN_OFF,
                        {
                            ATTR_ENTITY_ID: entity_id,
                            ATTR_TRANSITION: TRANSITION_SECONDS,
                        },
                        option=option_of(self.entry.options, entity_id),
                    )
                    for entity_id in ours
                    if self._state_of(entity_id) == STATE_ON
                )
            )
        # Left dimmed, the lights stay out of Adaptive Lighting's hands.
        if after != AFTER_SESSION_LEAVE:
            await self._async_adaptive_lighting(released, manual=False)

    def _current_entity_id(self, stored_id: str, snapshot: dict[str, Any]) -> str:
        """The light's entity id now, following a rename during the session."""
        registry_id = snapshot.get(SNAPSHOT_REGISTRY_ID)
        if registry_id is not None and (
            entity_id := er.async_resolve_entity_id(
                er.async_get(self.hass), registry_id
            )
        ):
            return entity_id
        return stored_id

    @staticmethod
    def _changed_by_hand(
        state: State,
        snapshot: dict[str, Any],
        target: dict[str, list[Any]] | None,
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

    async def _async_restore_light(
        self, entity_id: str, snapshot: dict[str, Any]
    ) -> None:
        """Put one light back exactly as it was."""
        await self._async_guard(
            entity_id,
            option_of(self.entry.options, entity_id),
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

    async def _async_adaptive_lighting(
        self, lights: list[str], *, manual: bool
    ) -> None:
        """Mark lights as manually controlled in Adaptive Lighting, or release them."""
        if not lights or not self.hass.services.has_service(
            ADAPTIVE_LIGHTING_DOMAIN, ADAPTIVE_LIGHTING_SET_MANUAL_CONTROL
        ):
            return
        for switch, managed in self._adaptive_lighting_switches(lights).items():
            await self._async_guard(
                switch,
                None,
                partial(
                    self.hass.services.async_call,
                    ADAPTIVE_LIGHTING_DOMAIN,
                    ADAPTIVE_LIGHTING_SET_MANUAL_CONTROL,
                    {
                        ATTR_ENTITY_ID: switch,
                        ADAPTIVE_LIGHTING_LIGHTS: managed,
                        ADAPTIVE_LIGHTING_MANUAL_CONTROL: manual,
                    },
                    blocking=True,
                ),
            )

    def _adaptive_lighting_switches(self, lights: list[str]) -> dict[str, list[str]]:
        """Return {Adaptive Lighting switch: the given lights it manages}.

        Each Adaptive Lighting entry lists its lights in its options (data for
        YAML entries, which take precedence), and its main switch has the
        entry's name as unique id.
        """
        registry = er.async_get(self.hass)
        switches: dict[str, list[str]] = {}
        for entry in self.hass.config_entries.async_loaded_entries(
            ADAPTIVE_LIGHTING_DOMAIN
        ):
            settings = {**entry.options, **entry.data}
            managed = [
                light
                for light in lights
                if light in settings.get(ADAPTIVE_LIGHTING_LIGHTS, ())
            ]
            switch = registry.async_get_entity_id(
                "switch",
                ADAPTIVE_LIGHTING_DOMAIN,
                settings.get(CONF_NAME, entry.title),
            )
            if managed and switch is not None:
                switches[switch] = managed
        return switches

    # --- announcements -------------------------------------------------------

    async def _async_announce(self, key: str, minutes: int) -> None:
        """Say a message on the speakers and satellites; notify if none spoke it."""
        message = await self._async_message(key, minutes=minutes)
        satellites = [
            entity_id
            for entity_id, option in self._targets(CONF_SATELLITES, None)
            if self._check(entity_id, option)
        ]
        satellite_devices = {self._device_id(s) for s in satellites} - {None}
        speakers: list[str] = []
        twins: dict[str, list[str]] = {}
        for entity_id, option in self._targets(CONF_MEDIA_PLAYERS, MEDIA_PLAYER_DOMAIN):
            if not self._check(entity_id, option):
                continue
            # A speaker that is also a satellite announces once, as the satellite.
            if (device_id := self._device_id(entity_id)) in satellite_devices:
                twins.setdefault(str(device_id), []).append(entity_id)
            else:
                speakers.append(entity_id)
        spoken = await asyncio.gather(
            self._async_speak(speakers, message),
            *(
                self._async_satellite_announce(
                    satellite, twins.get(str(self._device_id(satellite)), []), message
                )
                for satellite in satellites
            ),
        )
        if not any(spoken):
            await self._async_notify(message)

    async def _async_message(self, key: str, **placeholders: object) -> str:
        """A message in Home Assistant's language (English if not translated)."""
        translations = await async_get_translations(
            self.hass, self.hass.config.language, "exceptions", [DOMAIN]
        )
        text = translations.get(f"component.{DOMAIN}.exceptions.{key}.message", key)
        for name, value in placeholders.items():
            text = text.replace(f"{{{name}}}", str(value))
        return text

    async def _async_speak(self, speakers: list[str], message: str) -> bool:
        """Speak through tts.speak on the speakers; whether it was sent."""
        if not speakers:
            return False
        if (tts_entity := self._tts_entity()) is None:
            return False
        data: dict[str, Any] = {
            ATTR_ENTITY_ID: tts_entity,
            ATTR_MEDIA_PLAYER_ENTITY_ID: speakers,
            ATTR_MESSAGE: message,
        }
        if language := self._tts_language(tts_entity):
            data[ATTR_LANGUAGE] = language
        for speaker in speakers:
            await self._async_raise_volume(speaker, watch=True)
        # tts.speak plays in announce mode where the speaker supports it.
        spoken = await self._async_call(
            tts_entity,
            TTS_DOMAIN,
            SERVICE_SPEAK,
            data,
            option=option_of(self.entry.options, tts_entity),
        )
        if not spoken:
            await asyncio.gather(*(self._async_restore_volume(s) for s in speakers))
        return spoken

    def _tts_entity(self) -> str | None:
        """The chosen TTS entity, or Home Assistant's first one at this moment."""
        if configured := self.entry.options.get(CONF_TTS_ENTITY):
            return configured if self._check(configured, CONF_TTS_ENTITY) else None
        entity_ids = [
            entity_id
            for entity_id in self.hass.states.async_entity_ids(TTS_DOMAIN)
            if _usable(self.hass.states.get(entity_id))
        ]
        if not entity_ids:
            if not self._warned_no_tts:
                self._warned_no_tts = True
                _LOGGER.warning(
                    "%s: no text-to-speech entity to announce with", self.entry.title
                )
            return None
        self._warned_no_tts = False
        return entity_ids[0]

    def _tts_language(self, tts_entity: str) -> str | None:
        """The engine's language closest to Home Assistant's, if it has one."""
        engine = get_engine_instance(self.hass, tts_entity)
        matches = language_util.matches(
            self.hass.config.language,
            (engine.supported_languages or []) if engine else [],
            country=self.hass.config.country,
        )
        return matches[0] if matches else None

    async def _async_satellite_announce(
        self, satellite: str, twins: list[str], message: str
    ) -> bool:
        """Announce on a satellite; it returns once the announcement has played."""
        for speaker in twins:
            await self._async_raise_volume(speaker, watch=False)
        try:
            return await self._async_call(
                satellite,
                Platform.ASSIST_SATELLITE,
                SERVICE_ANNOUNCE,
                {ATTR_ENTITY_ID: satellite, ATTR_MESSAGE: message},
                option=CONF_SATELLITES,
            )
        finally:
            await asyncio.gather(*(self._async_restore_volume(s) for s in twins))

    async def _async_notify(self, message: str) -> None:
        """Send the message to the notify entity or notify action, if one is set."""
        if not (target := self.entry.options.get(CONF_NOTIFY_TARGET)):
            return
        title = self.entry.title
        if self.hass.states.get(target) is not None:
            await self._async_call(
                target,
                NOTIFY_DOMAIN,
                SERVICE_SEND_MESSAGE,
                {ATTR_ENTITY_ID: target, ATTR_MESSAGE: message, ATTR_TITLE: title},
                option=CONF_NOTIFY_TARGET,
            )
            return
        domain, _, action = target.partition(".")
        if (
            domain != NOTIFY_DOMAIN
            or action == SERVICE_SEND_MESSAGE
            or not self.hass.services.has_service(domain, action)
        ):
            self._fault(target, CONF_NOTIFY_TARGET)
            return
        await self._async_guard(
            target,
            CONF_NOTIFY_TARGET,
            partial(
                self.hass.services.async_call,
                domain,
                action,
                {ATTR_MESSAGE: message, ATTR_TITLE: title},
                blocking=True,
            ),
        )

    # --- speaker volume ---------------------------------------------------

    async def _async_raise_volume(self, speaker: str, *, watch: bool) -> None:
        """Set the announcement volume, remembering the speaker's own volume.

        With watch, the volume is restored once the speaker has played.
        """
        if (percent := self.entry.options.get(CONF_ANNOUNCE_VOLUME_PCT)) is None:
            return
        state = self.hass.states.get(speaker)
        assert state is not None  # checked before
        features = state.attributes.get(ATTR_SUPPORTED_FEATURES, 0)
        previous = state.attributes.get(ATTR_MEDIA_VOLUME_LEVEL)
        if not features & MediaPlayerEntityFeature.VOLUME_SET or previous is None:
            return
        # A second announcement before the first finished keeps the first's.
        pending = self._volumes.setdefault(speaker, _PendingVolume(previous))
        pending.cancel()
        await self._async_call(
            speaker,
            MEDIA_PLAYER_DOMAIN,
            SERVICE_VOLUME_SET,
            {ATTR_ENTITY_ID: speaker, ATTR_MEDIA_VOLUME_LEVEL: percent / 100},
            option=option_of(self.entry.options, speaker),
        )
        if watch:
            self._watch_playback(speaker, pending)

    @callback
    def _watch_playback(self, speaker: str, pending: _PendingVolume) -> None:
        """Restore the volume when the speaker stops playing, or after a timeout."""
        pending.playing = False

        @callback
        def _state_changed(event: Event[EventStateChangedData]) -> None:
            new_state = event.data["new_state"]
            if new_state is not None and new_state.state == MediaPlayerState.PLAYING:
                pending.playing = True
            elif pending.playing:
                self._restore_volume_soon(speaker)

        @callback
        def _timed_out(_now: datetime) -> None:
            self._restore_volume_soon(speaker)

        pending.unsubscribes = [
            async_track_state_change_event(self.hass, speaker, _state_changed),
            async_call_later(
                self.hass,
                VOLUME_RESTORE_TIMEOUT,
                HassJob(_timed_out, cancel_on_shutdown=True),
            ),
        ]

    @callback
    def _restore_volume_soon(self, speaker: str) -> None:
        self.hass.async_create_task(
            self._async_restore_volume(speaker),
            f"{DOMAIN} restore volume of {speaker}",
            eager_start=True,
        )

    async def _async_restore_volume(self, speaker: str) -> None:
        """Give a speaker its own volume back."""
        if (pending := self._volumes.pop(speaker, None)) is None:
            return
        pending.cancel()
        state = self.hass.states.get(speaker)
        # Reproduce the state it is in now, so only the volume changes.
        await self._async_guard(
            speaker,
            option_of(self.entry.options, speaker),
            partial(
                async_reproduce_state,
                self.hass,
                State(
                    speaker,
                    state.state if state else STATE_UNAVAILABLE,
                    {ATTR_MEDIA_VOLUME_LEVEL: pending.previous},
                ),
            ),
        )

    # --- reminder ----------------------------------------------------------

    @callback
    def _schedule_reminder(self, record: SessionRecord, *, announce: bool) -> None:
        """Plan one reminder, in case someone falls asleep on the mat."""
        if not (sensor := self.entry.options.get(CONF_OCCUPANCY_SENSOR)):
            return
        self._cancel_reminder()
        self._unsub_reminder = async_call_later(
            self.hass,
            REMINDER_DELAY,
            HassJob(
                partial(self._async_remind, record, sensor, announce),
                f"{DOMAIN} reminder",
                cancel_on_shutdown=True,
            ),
        )

    @callback
    def _cancel_reminder(self) -> None:
        if self._unsub_reminder:
            self._unsub_reminder()
            self._unsub_reminder = None

    async def _async_remind(
        self, record: SessionRecord, sensor: str, announce: bool, _now: datetime
    ) -> None:
        """Remind whoever is still on the mat; nothing if they got up."""
        self._unsub_reminder = None
        if not self._check(sensor, CONF_OCCUPANCY_SENSOR):
            return
        if self._state_of(sensor) != STATE_ON:
            return
        self.engine.async_remind(record)
        if announce:
            minutes = int(REMINDER_DELAY.total_seconds() // 60)
            await self._async_announce(MESSAGE_REMINDER, minutes)

    # --- which entities ----------------------------------------------------

    def _targets(
        self, option: str, area_domain: str | None
    ) -> list[tuple[str, str | None]]:
        """The chosen entities of an option, or those in the mat's area.

        Each comes with the option naming it (None when found in the area).
        """
        if chosen := self.entry.options.get(option):
            return [(entity_id, option) for entity_id in chosen]
        if area_domain is None or not self.entry.options.get(CONF_USE_AREA_DEVICES):
            return []
        return [(entity_id, None) for entity_id in self._area_entities(area_domain)]

    def _area_entities(self, domain: str) -> list[str]:
        """The entities of a domain in the mat device's area, as an area target."""
        device = dr.async_get(self.hass).async_get_device(
            identifiers={(DOMAIN, self.entry.entry_id)}
        )
        if device is None or device.area_id is None:
            return []
        selected = async_extract_referenced_entity_ids(
            self.hass, TargetSelection({ATTR_AREA_ID: device.area_id})
        )
        return sorted(
            entity_id
            for entity_id in selected.indirectly_referenced
            if split_entity_id(entity_id)[0] == domain
        )

    def _device_id(self, entity_id: str) -> str | None:
        entry = er.async_get(self.hass).async_get(entity_id)
        return entry.device_id if entry else None

    def _state_of(self, entity_id: str) -> str | None:
        state = self.hass.states.get(entity_id)
        return state.state if state else None

    # --- faults ------------------------------------------------------------

    def _check(self, entity_id: str, option: str | None) -> bool:
        """Whether an entity can be used now; a fault if not."""
        if _usable(self.hass.states.get(entity_id)):
            return True
        self._fault(entity_id, option)
        return False

    async def _async_call(
        self,
        entity_id: str,
        domain: str,
        service: str,
        data: dict[str, Any],
        *,
        option: str | None,
    ) -> bool:
        """Call an action on an entity; whether it worked (a fault if not)."""
        if not self._check(entity_id, option):
            return False
        return await self._async_guard(
            entity_id,
            option,
            partial(
                self.hass.services.async_call, domain, service, data, blocking=True
            ),
        )

    async def _async_guard(
        self,
        entity_id: str,
        option: str | None,
        action: Callable[[], Awaitable[Any]],
    ) -> bool:
        """Run one device's action; its failure never stops the others."""
        try:
            await action()
        except Exception as err:  # noqa: BLE001 (any integration may raise anything)
            self._fault(entity_id, option, err)
            return False
        self._working(entity_id)
        return True

    @callback
    def _fault(
        self, entity_id: str, option: str | None, error: Exception | None = None
    ) -> None:
        """Log a failing entity once and, if the user chose it, raise an issue."""
        if entity_id not in self._faults:
            _LOGGER.warning(
                "%s: %s is missing, unavailable or failed%s; sessions go on without it",
                self.entry.title,
                entity_id,
                f" ({error})" if error else "",
            )
            self._faults[entity_id] = option
            self._watch_recovery(entity_id)
        if option is not None:
            async_raise_entity_issue(self.hass, self.entry, option, entity_id)

    @callback
    def _working(self, entity_id: str) -> None:
        """Forget a fault: the entity works again."""
        if entity_id not in self._faults:
            return
        del self._faults[entity_id]
        for unsubscribe in self._recovery.pop(entity_id, []):
            unsubscribe()
        async_delete_entity_issue(self.hass, self.entry.entry_id, entity_id)
        _LOGGER.info("%s: %s works again", self.entry.title, entity_id)

    def _works(self, entity_id: str) -> bool:
        """Whether an entity (or a notify action) exists and can be used."""
        state = self.hass.states.get(entity_id)
        domain, _, name = entity_id.partition(".")
        if domain == LIGHT_DOMAIN:
            return state is not None and state.state in (STATE_ON, STATE_OFF)
        if _usable(state):
            return True
        return domain == NOTIFY_DOMAIN and self.hass.services.has_service(domain, name)

    @callback
    def _watch_recovery(self, entity_id: str) -> None:
        """Clear the fault once the entity (or notify action) is back."""

        @callback
        def _changed(_event: Event[Any]) -> None:
            if self._works(entity_id):
                self._working(entity_id)

        unsubscribes = [async_track_state_change_event(self.hass, entity_id, _changed)]
        if split_entity_id(entity_id)[0] == NOTIFY_DOMAIN:
            unsubscribes.append(
                self.hass.bus.async_listen(
                    EVENT_SERVICE_REGISTERED,
                    _changed,
                    event_filter=_is_notify_action,
                )
            )
        self._recovery[entity_id] = unsubscribes

    # --- renamed and removed entities --------------------------------------

    @callback
    def _is_ours(self, event_data: Mapping[str, Any]) -> bool:
        """Whether a registry change concerns an entity the mat's options name."""
        entity_id = event_data.get("old_entity_id", event_data["entity_id"])
        return option_of(self.entry.options, str(entity_id)) is not None

    @callback
    def _async_entity_registry_updated(
        self, event: Event[er.EventEntityRegistryUpdatedData]
    ) -> None:
        """Follow a renamed entity in the options; a removed one raises an issue."""
        data = event.data
        if data["action"] == "remove":
            entity_id = data["entity_id"]
            self._fault(entity_id, option_of(self.entry.options, entity_id))
            return
        if data["action"] != "update" or "old_entity_id" not in data:
            return
        old_entity_id = data["old_entity_id"]
        options = rename_entity(self.entry.options, old_entity_id, data["entity_id"])
        _LOGGER.info(
            "%s: following %s, renamed %s",
            self.entry.title,
            old_entity_id,
            data["entity_id"],
        )
        self.hass.config_entries.async_update_entry(self.entry, options=options)
        # As after the options flow: the mat picks up its new options.
        self.hass.config_entries.async_schedule_reload(self.entry.entry_id)
