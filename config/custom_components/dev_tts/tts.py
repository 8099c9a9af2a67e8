"""The Dev TTS entity: half a second of silence for any message, no network."""

from __future__ import annotations

import io
import logging
from typing import Any, Final
import wave

from homeassistant.components.tts import (
    ATTR_PREFERRED_FORMAT,
    TextToSpeechEntity,
    TtsAudioType,
)
from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .const import NAME

_LOGGER = logging.getLogger(__name__)

PARALLEL_UPDATES = 0

SUPPORTED_LANGUAGES: Final = ["en", "de", "nl", "fr", "es"]
# Answering the requested format ourselves means no ffmpeg conversion.
SUPPORTED_OPTIONS: Final = [ATTR_PREFERRED_FORMAT]
SILENCE_SECONDS: Final = 0.5

# MPEG-1 Layer III, 32 kbit/s, 48 kHz, mono, no CRC: 96-byte frames of 1152
# samples. A frame whose side information and main data are all zero decodes
# to silence, so the MP3 is built without an encoder (and without ffmpeg).
_MP3_FRAME_HEADER: Final = bytes((0xFF, 0xFB, 0x14, 0xC0))
_MP3_FRAME_BYTES: Final = 96
_MP3_SAMPLES_PER_FRAME: Final = 1152
_MP3_SAMPLE_RATE: Final = 48000

_WAV_SAMPLE_RATE: Final = 16000


def silent_mp3(seconds: float = SILENCE_SECONDS) -> bytes:
    """Return a valid MP3 of `seconds` of silence."""
    frames = max(1, round(seconds * _MP3_SAMPLE_RATE / _MP3_SAMPLES_PER_FRAME))
    frame = _MP3_FRAME_HEADER + bytes(_MP3_FRAME_BYTES - len(_MP3_FRAME_HEADER))
    return frame * frames


def silent_wav(seconds: float = SILENCE_SECONDS) -> bytes:
    """Return a valid 16-bit mono 16 kHz WAV of `seconds` of silence."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(_WAV_SAMPLE_RATE)
        wav.writeframes(bytes(2 * round(seconds * _WAV_SAMPLE_RATE)))
    return buffer.getvalue()


async def async_setup_entry(
    hass: HomeAssistant,
    entry: ConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the Dev TTS entity."""
    async_add_entities([DevTTSEntity(entry)])


class DevTTSEntity(TextToSpeechEntity):
    """A TTS entity that speaks silence in MP3 (the default) or WAV."""

    # The tts manager needs the entity's own name; it is also the entity id.
    _attr_name = NAME
    _attr_default_language = SUPPORTED_LANGUAGES[0]
    _attr_supported_languages = SUPPORTED_LANGUAGES
    _attr_supported_options = SUPPORTED_OPTIONS

    def __init__(self, entry: ConfigEntry) -> None:
        """Initialize the entity of `entry`."""
        self._attr_unique_id = entry.entry_id

    async def async_get_tts_audio(
        self, message: str, language: str, options: dict[str, Any]
    ) -> TtsAudioType:
        """Return silence as WAV when asked for it, as MP3 otherwise."""
        _LOGGER.debug("Speaking (silently, %s): %s", language, message)
        if options.get(ATTR_PREFERRED_FORMAT) == "wav":
            return "wav", silent_wav()
        return "mp3", silent_mp3()
