"""Small real devices for the room tests: speaker, TTS engine, satellite, lamp.

Home Assistant's demo lacks them (its TTS is a legacy provider, its players
do not announce and its lights never fail), so a test integration provides
them as ordinary entities that Home Assistant's own actions drive.

Adaptive Lighting is a custom integration, so its stand-in mimics the two
things the mat relies on: its entry's `lights` option with a switch named
after the entry, and the `adaptive_lighting.set_manual_control` action
listing lights under the switch's `manual_control` attribute.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockModule,
    MockPlatform,
    mock_integration,
    mock_platform,
)
import voluptuous as vol

from homeassistant.components import tts
from homeassistant.components.assist_pipeline import PipelineEvent
from homeassistant.components.assist_satellite import (
    AssistSatelliteAnnouncement,
    AssistSatelliteConfiguration,
    AssistSatelliteEntity,
    AssistSatelliteEntityFeature,
)
from homeassistant.components.light import LightEntity
from homeassistant.components.light.const import ColorMode
from homeassistant.components.media_player import MediaPlayerEntity
from homeassistant.components.media_player.const import (
    MediaPlayerEntityFeature,
    MediaPlayerState,
    MediaType,
)
from homeassistant.components.switch import SwitchEntity
from homeassistant.components.tts import TextToSpeechEntity, TtsAudioType
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_NAME, Platform
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import config_validation as cv, entity_platform
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import Entity
from homeassistant.setup import async_setup_component

TEST_DOMAIN = "mat_room_devices"
ADAPTIVE_LIGHTING = "adaptive_lighting"

ANNOUNCING = (
    MediaPlayerEntityFeature.PLAY_MEDIA
    | MediaPlayerEntityFeature.MEDIA_ANNOUNCE
    | MediaPlayerEntityFeature.VOLUME_SET
)


def _device(key: str, name: str) -> DeviceInfo:
    return DeviceInfo(identifiers={(TEST_DOMAIN, key)}, name=name)


@dataclass
class Playback:
    """What a speaker was asked to play, and at which volume."""

    media_id: str
    announce: bool | None
    volume_level: float | None


class Speaker(MediaPlayerEntity):
    """A speaker that plays what it is sent, at its volume, then goes idle.

    It fetches the audio from Home Assistant's TTS, as a real speaker does,
    so the TTS engine hears the message. With hold, it keeps playing until
    finish() is called.
    """

    _attr_has_entity_name = True
    _attr_name = None
    _attr_should_poll = False

    def __init__(
        self,
        key: str,
        name: str,
        *,
        device: str | None = None,
        features: MediaPlayerEntityFeature = ANNOUNCING,
        volume: float = 0.3,
        hold: bool = False,
    ) -> None:
        """Create an idle speaker."""
        self._attr_unique_id = f"speaker_{key}"
        self._attr_device_info = _device(device or key, name)
        self._attr_supported_features = features
        self._attr_state = MediaPlayerState.IDLE
        self._attr_volume_level = volume
        self.hold = hold
        self.played: list[Playback] = []
        self.audio: list[bytes] = []

    async def async_play_media(
        self, media_type: MediaType | str, media_id: str, **kwargs: Any
    ) -> None:
        """Start playing; the audio is fetched while playing."""
        self.played.append(
            Playback(media_id, kwargs.get("announce"), self.volume_level)
        )
        for state in (MediaPlayerState.BUFFERING, MediaPlayerState.PLAYING):
            self._attr_state = state
            self.async_write_ha_state()
        self.hass.async_create_task(self._async_play(media_id))

    async def _async_play(self, media_id: str) -> None:
        _, audio = await tts.async_get_media_source_audio(self.hass, media_id)
        self.audio.append(audio)
        if not self.hold:
            self.finish()

    def finish(self) -> None:
        """The announcement has been played."""
        self._attr_state = MediaPlayerState.IDLE
        self.async_write_ha_state()

    async def async_set_volume_level(self, volume: float) -> None:
        """Change the volume."""
        self._attr_volume_level = volume
        self.async_write_ha_state()


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
            self._attr_brightness = kwargs.get("brightness", self._attr_brightness)
        self.async_write_ha_state()

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Turn off, unless the bridge is unreachable."""
        if self.unreachable:
            raise HomeAssistantError("The lamp's bridge does not answer")
        self._attr_is_on = False
        self.async_write_ha_state()


class Voice(TextToSpeechEntity):
    """A TTS engine that records what it says, in which language."""

    _attr_name = "Voice"
    _attr_default_language = "en-US"

    def __init__(self) -> None:
        """Create the engine."""
        self._attr_unique_id = "voice"
        self._attr_supported_languages = ["en-US", "de-DE"]
        self.spoken: list[tuple[str, str]] = []
        self.broken = False

    async def async_get_tts_audio(
        self, message: str, language: str, options: dict[str, Any]
    ) -> TtsAudioType:
        """Return a little audio for the message."""
        self.spoken.append((message, language))
        return "mp3", f"spoken: {message}".encode()

    async def async_speak(
        self,
        media_player_entity_id: list[str],
        message: str,
        cache: bool,
        language: str | None = None,
        options: dict[str, Any] | None = None,
    ) -> None:
        """Speak through the speakers, unless the engine is broken."""
        if self.broken:
            raise HomeAssistantError("The voice engine is not responding")
        await super().async_speak(
            media_player_entity_id, message, cache, language, options
        )


class Satellite(AssistSatelliteEntity):
    """A voice satellite that records its announcements."""

    _attr_has_entity_name = True
    _attr_name = None
    _attr_supported_features = AssistSatelliteEntityFeature.ANNOUNCE

    def __init__(self, key: str, name: str, *, device: str | None = None) -> None:
        """Create a satellite."""
        self._attr_unique_id = f"satellite_{key}"
        self._attr_device_info = _device(device or key, name)
        self.announcements: list[AssistSatelliteAnnouncement] = []
        # The speaker built into the same device, whose volume it plays at.
        self.speaker: Speaker | None = None
        self.speaker_volumes: list[float | None] = []

    async def async_announce(self, announcement: AssistSatelliteAnnouncement) -> None:
        """Play the announcement."""
        self.announcements.append(announcement)
        if self.speaker is not None:
            self.speaker_volumes.append(self.speaker.volume_level)

    def on_pipeline_event(self, event: PipelineEvent) -> None:
        """Voice pipelines are not used here."""

    def async_get_configuration(self) -> AssistSatelliteConfiguration:
        """No wake words."""
        return AssistSatelliteConfiguration(
            available_wake_words=[], active_wake_words=[], max_active_wake_words=1
        )

    async def async_set_configuration(
        self, config: AssistSatelliteConfiguration
    ) -> None:
        """Nothing to configure."""


def _platform(entities: list[Entity]) -> MockPlatform:
    """A platform that adds these entities for its config entry."""

    async def async_setup_entry(
        hass: HomeAssistant,
        entry: ConfigEntry,
        async_add_entities: entity_platform.AddEntitiesCallback,
    ) -> None:
        async_add_entities(entities)

    return MockPlatform(async_setup_entry=async_setup_entry)


async def async_setup_room_devices(
    hass: HomeAssistant, entities: dict[Platform, list[Entity]]
) -> MockConfigEntry:
    """Add the entities through a test integration's config entry."""
    await hass.config.async_update(internal_url="http://192.168.1.10:8123")
    for component in (
        "homeassistant",
        "light",
        "tts",
        "media_player",
        "assist_satellite",
    ):
        assert await async_setup_component(hass, component, {})

    async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
        await hass.config_entries.async_forward_entry_setups(entry, list(entities))
        return True

    async def async_unload_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
        return await hass.config_entries.async_unload_platforms(entry, list(entities))

    mock_integration(
        hass,
        MockModule(
            TEST_DOMAIN,
            async_setup_entry=async_setup_entry,
            async_unload_entry=async_unload_entry,
        ),
    )
    mock_platform(hass, f"{TEST_DOMAIN}.config_flow")
    for platform, platform_entities in entities.items():
        mock_platform(hass, f"{TEST_DOMAIN}.{platform}", _platform(platform_entities))
    entry = MockConfigEntry(domain=TEST_DOMAIN)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


class AdaptiveLightingSwitch(SwitchEntity):
    """Adaptive Lighting's main switch, as far as the mat sees it."""

    _attr_should_poll = False
    _attr_is_on = True

    def __init__(self, name: str, lights: list[str]) -> None:
        """Manage the lights."""
        self._attr_name = f"Adaptive Lighting: {name}"
        self._attr_unique_id = name
        self.lights = lights
        self.manual_control: list[str] = []

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """The lights Adaptive Lighting keeps its hands off."""
        return {"manual_control": list(self.manual_control)}

    def set_manual_control(self, lights: list[str], manual: bool) -> None:
        """Mark or release lights, as the real action does."""
        chosen = lights or self.lights
        if manual:
            self.manual_control += [
                light for light in chosen if light not in self.manual_control
            ]
        else:
            self.manual_control = [
                light for light in self.manual_control if light not in chosen
            ]
        self.async_write_ha_state()


async def async_setup_adaptive_lighting(
    hass: HomeAssistant, name: str, lights: list[str]
) -> AdaptiveLightingSwitch:
    """Set up the Adaptive Lighting stand-in managing the lights."""
    switch = AdaptiveLightingSwitch(name, lights)

    async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
        async def set_manual_control(call: ServiceCall) -> None:
            if call.data["entity_id"] != switch.entity_id:
                raise HomeAssistantError("No such Adaptive Lighting switch")
            switch.set_manual_control(call.data["lights"], call.data["manual_control"])

        hass.services.async_register(
            ADAPTIVE_LIGHTING,
            "set_manual_control",
            set_manual_control,
            schema=vol.Schema(
                {
                    vol.Required("entity_id"): cv.entity_id,
                    vol.Optional("lights", default=[]): cv.entity_ids,
                    vol.Optional("manual_control", default=True): cv.boolean,
                }
            ),
        )
        await hass.config_entries.async_forward_entry_setups(entry, [Platform.SWITCH])
        return True

    mock_integration(
        hass,
        MockModule(ADAPTIVE_LIGHTING, async_setup_entry=async_setup_entry),
        built_in=False,
    )
    mock_platform(hass, f"{ADAPTIVE_LIGHTING}.config_flow", built_in=False)
    mock_platform(
        hass, f"{ADAPTIVE_LIGHTING}.switch", _platform([switch]), built_in=False
    )
    # Entries made in the UI keep the name in data and the lights in options.
    entry = MockConfigEntry(
        domain=ADAPTIVE_LIGHTING,
        title=name,
        data={CONF_NAME: name},
        options={"lights": lights},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return switch
