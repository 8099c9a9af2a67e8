"""Announcements: the message, the voice, speakers, satellites, the notify fallback.

The message is rendered by the text-to-speech engine first, then played on each
speaker in announce mode, so a failure is blamed on what failed: the voice, or
one speaker. Satellites announce with `assist_satellite.announce`; a speaker
that belongs to a satellite's device speaks once, as the satellite. When nothing
could speak, the message goes to the notification target.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
import logging
from typing import TYPE_CHECKING, Any, Final

from custom_components.acupressure_mat.const import (
    CONF_ANNOUNCE_VOLUME_PCT,
    CONF_MEDIA_PLAYERS,
    CONF_NOTIFY_TARGET,
    CONF_SATELLITES,
    CONF_TTS_ENTITY,
)
from custom_components.acupressure_mat.texts import async_text
from homeassistant.components.assist_pipeline.pipeline import async_get_pipeline
from homeassistant.components.media_player.const import (
    ATTR_MEDIA_ANNOUNCE,
    ATTR_MEDIA_CONTENT_ID,
    ATTR_MEDIA_CONTENT_TYPE,
    DOMAIN as MEDIA_PLAYER_DOMAIN,
    SERVICE_PLAY_MEDIA,
    MediaType,
)
from homeassistant.components.notify.const import (
    ATTR_MESSAGE,
    ATTR_TITLE,
    DOMAIN as NOTIFY_DOMAIN,
    SERVICE_SEND_MESSAGE,
)
from homeassistant.components.tts import (
    ATTR_VOICE,
    ResultStream,
    async_create_stream,
    async_default_engine,
)
from homeassistant.components.tts.const import DOMAIN as TTS_DOMAIN
from homeassistant.components.tts.helper import get_engine_instance
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant, callback, valid_entity_id
from homeassistant.util import language as language_util

from .announcement_end import spoken_length
from .chosen_devices import ChosenDevices
from .device_guard import DeviceGuard
from .volume import speaker_volumes

if TYPE_CHECKING:
    from custom_components.acupressure_mat.data import AcupressureMatConfigEntry

_LOGGER = logging.getLogger(__name__)

ASSIST_PIPELINE_DOMAIN: Final = "assist_pipeline"
SERVICE_ANNOUNCE: Final = "announce"

# Message keys, under "common" in strings.json.
MESSAGE_STARTED: Final = "announcement_started"
MESSAGE_COMPLETED: Final = "announcement_completed"
MESSAGE_STOPPED_EARLY: Final = "announcement_stopped_early"
MESSAGE_REMINDER: Final = "announcement_reminder"


@dataclass(frozen=True, slots=True)
class Voice:
    """Who speaks: a text-to-speech engine, its language and options (its voice)."""

    engine: str
    language: str | None
    options: dict[str, Any] = field(default_factory=dict)


class MatAnnouncements:
    """One mat's announcements."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: AcupressureMatConfigEntry,
        guard: DeviceGuard,
        devices: ChosenDevices,
    ) -> None:
        """Prepare the announcements; call async_setup before the first."""
        self.hass = hass
        self.entry = entry
        self.guard = guard
        self.devices = devices
        self._warned_no_tts = False

    @callback
    def async_setup(self) -> None:
        """Put back the speaker volumes a restart left raised."""
        speaker_volumes(self.hass)

    async def async_shutdown(self) -> None:
        """Give the speakers this mat raised their volume back now."""
        await speaker_volumes(self.hass).async_release_all(self.entry.entry_id)

    async def async_announce(self, key: str, minutes: int) -> None:
        """Say a message on the speakers and satellites; notify if none spoke it."""
        message = await async_text(self.hass, key, minutes=minutes)
        satellites = [
            entity_id
            for entity_id in self.devices.of(CONF_SATELLITES, None)
            if self.guard.check(entity_id)
        ]
        satellite_devices = {self.devices.device_id(s) for s in satellites} - {None}
        speakers: list[str] = []
        twins: dict[str, list[str]] = {}
        for entity_id in self.devices.of(CONF_MEDIA_PLAYERS, MEDIA_PLAYER_DOMAIN):
            if not self.guard.check(entity_id):
                continue
            # A speaker that is also a satellite announces once, as the satellite.
            if (device_id := self.devices.device_id(entity_id)) in satellite_devices:
                twins.setdefault(str(device_id), []).append(entity_id)
            else:
                speakers.append(entity_id)
        _LOGGER.debug(
            "%s: announcing %s on speakers %s, satellites %s%s",
            self.entry.title,
            key,
            speakers or "none",
            satellites or "none",
            f" (speaking as their satellite: {sorted(twins.values())})"
            if twins
            else "",
        )
        spoken = await asyncio.gather(
            self._async_speak(speakers, message),
            *(
                self._async_satellite_announce(
                    satellite,
                    twins.get(str(self.devices.device_id(satellite)), []),
                    message,
                )
                for satellite in satellites
            ),
        )
        if not any(spoken):
            _LOGGER.debug(
                "%s: no speaker or satellite said it; notifying %s",
                self.entry.title,
                self.entry.options.get(CONF_NOTIFY_TARGET) or "nobody (none chosen)",
            )
            await self._async_notify(message)

    # --- speakers ----------------------------------------------------------

    async def _async_speak(self, speakers: list[str], message: str) -> bool:
        """Render the message once and play it on the speakers; whether any did."""
        if not speakers or (voice := self._voice()) is None:
            return False
        _LOGGER.debug(
            "%s: voice %s, language %s%s",
            self.entry.title,
            voice.engine,
            voice.language or "the engine's default",
            f", {voice.options}" if voice.options else "",
        )
        if (media_id := await self._async_render(voice, message)) is None:
            return False
        length = spoken_length(message)
        played = await asyncio.gather(
            *(self._async_play(speaker, media_id, length) for speaker in speakers)
        )
        return any(played)

    async def _async_render(self, voice: Voice, message: str) -> str | None:
        """Have the voice say the message; its media id, or None if it failed."""
        rendered: ResultStream | None = None

        async def _render() -> None:
            nonlocal rendered
            stream = async_create_stream(
                self.hass, voice.engine, voice.language, voice.options
            )
            stream.async_set_message(message)
            # The whole audio now, so a failing voice is found before any speaker.
            async for _chunk in stream.async_stream_result():
                pass
            rendered = stream

        await self.guard.async_run(voice.engine, _render)
        return rendered.media_source_id if rendered is not None else None

    async def _async_play(self, speaker: str, media_id: str, length: timedelta) -> bool:
        """Play the announcement on one speaker, at the announcement volume."""
        holder = self.entry.entry_id
        volumes = speaker_volumes(self.hass)
        raised = await self._async_raise_volume(speaker)
        if raised:
            volumes.watch(speaker, holder, length)
        played = await self.guard.async_call(
            speaker,
            MEDIA_PLAYER_DOMAIN,
            SERVICE_PLAY_MEDIA,
            {
                ATTR_ENTITY_ID: speaker,
                ATTR_MEDIA_CONTENT_ID: media_id,
                ATTR_MEDIA_CONTENT_TYPE: MediaType.MUSIC,
                ATTR_MEDIA_ANNOUNCE: True,
            },
        )
        if raised:
            if played:
                volumes.played(speaker, holder)
            else:
                await volumes.async_release(speaker, holder)
        return played

    async def _async_raise_volume(self, speaker: str) -> bool:
        """Set the announcement volume, if one is chosen; whether it was set."""
        if (percent := self.entry.options.get(CONF_ANNOUNCE_VOLUME_PCT)) is None:
            return False
        return await speaker_volumes(self.hass).async_raise(
            speaker, percent / 100, self.entry.entry_id, self.guard
        )

    # --- the voice -----------------------------------------------------------

    def _voice(self) -> Voice | None:
        """The chosen voice, else the preferred assistant's, else the default one."""
        if configured := self.entry.options.get(CONF_TTS_ENTITY):
            if not self.guard.check(configured):
                return None
            return Voice(configured, self._closest_language(configured))
        if (voice := self._assistant_voice()) is None:
            if (engine := self._default_engine()) is None:
                if not self._warned_no_tts:
                    self._warned_no_tts = True
                    _LOGGER.warning(
                        "%s: no text-to-speech engine to announce with",
                        self.entry.title,
                    )
                return None
            voice = Voice(engine, self._closest_language(engine))
        self._warned_no_tts = False
        # An entity can be unavailable; a legacy engine has no state.
        if valid_entity_id(voice.engine) and not self.guard.check(voice.engine):
            return None
        return voice

    def _assistant_voice(self) -> Voice | None:
        """The voice of the preferred assistant (Settings > Voice assistants)."""
        if ASSIST_PIPELINE_DOMAIN not in self.hass.config.components:
            return None
        pipeline = async_get_pipeline(self.hass)
        if not (engine := pipeline.tts_engine) or not get_engine_instance(
            self.hass, engine
        ):
            return None
        if pipeline.tts_language and language_util.matches(
            self.hass.config.language, [pipeline.tts_language]
        ):
            options = {ATTR_VOICE: pipeline.tts_voice} if pipeline.tts_voice else {}
            return Voice(engine, pipeline.tts_language, options)
        # The assistant speaks another language than the messages: not its voice.
        return Voice(engine, self._closest_language(engine))

    def _default_engine(self) -> str | None:
        """Home Assistant's default engine (Home Assistant Cloud's, if set up)."""
        if TTS_DOMAIN not in self.hass.config.components:
            return None
        return async_default_engine(self.hass)

    def _closest_language(self, engine: str) -> str | None:
        """The engine's language closest to Home Assistant's, if it has one."""
        instance = get_engine_instance(self.hass, engine)
        matches = language_util.matches(
            self.hass.config.language,
            (instance.supported_languages or []) if instance else [],
            country=self.hass.config.country,
        )
        return matches[0] if matches else None

    # --- satellites and notifications ------------------------------------------

    async def _async_satellite_announce(
        self, satellite: str, twins: list[str], message: str
    ) -> bool:
        """Announce on a satellite; it returns once the announcement has played."""
        raised = [
            speaker for speaker in twins if await self._async_raise_volume(speaker)
        ]
        try:
            return await self.guard.async_call(
                satellite,
                Platform.ASSIST_SATELLITE,
                SERVICE_ANNOUNCE,
                {ATTR_ENTITY_ID: satellite, ATTR_MESSAGE: message},
            )
        finally:
            volumes = speaker_volumes(self.hass)
            await asyncio.gather(
                *(volumes.async_release(s, self.entry.entry_id) for s in raised)
            )

    async def _async_notify(self, message: str) -> None:
        """Send the message to the notify entity or notify action, if one is set."""
        if not (target := self.entry.options.get(CONF_NOTIFY_TARGET)):
            return
        title = self.entry.title
        if self.hass.states.get(target) is not None:
            await self.guard.async_call(
                target,
                NOTIFY_DOMAIN,
                SERVICE_SEND_MESSAGE,
                {ATTR_ENTITY_ID: target, ATTR_MESSAGE: message, ATTR_TITLE: title},
            )
            return
        domain, _, action = target.partition(".")
        if (
            domain != NOTIFY_DOMAIN
            or action == SERVICE_SEND_MESSAGE
            or not self.hass.services.has_service(domain, action)
        ):
            self.guard.fault(target)
            return
        await self.guard.async_run(
            target,
            partial(
                self.hass.services.async_call,
                domain,
                action,
                {ATTR_MESSAGE: message, ATTR_TITLE: title},
                blocking=True,
            ),
        )
