"""Voices: a text-to-speech engine with voices, which can stop responding."""

from __future__ import annotations

from typing import Any

from homeassistant.components.tts import (
    ATTR_VOICE,
    TextToSpeechEntity,
    TtsAudioType,
    Voice as TtsVoice,
)
from homeassistant.exceptions import HomeAssistantError


class Voice(TextToSpeechEntity):
    """A text-to-speech engine that records what it says, in which language and voice.

    Broken, it fails as a cloud engine does when its service does not respond:
    while rendering the audio, not when asked to speak. Signed out, it is
    unavailable.
    """

    _attr_default_language = "en-US"

    def __init__(
        self,
        key: str = "voice",
        name: str = "Voice",
        *,
        voices: list[str] | None = None,
    ) -> None:
        """Create the engine; voices are the voices it offers in each language."""
        self._attr_name = name
        self._attr_unique_id = key
        self._attr_supported_languages = [
            "en-US",
            "en-GB",
            "de-DE",
            "nl-NL",
            "fr-FR",
            "es-ES",
        ]
        self._attr_supported_options = [ATTR_VOICE]
        self._voices = voices or []
        self.spoken: list[tuple[str, str]] = []
        self.voices_used: list[str | None] = []
        self.broken = False

    def async_get_supported_voices(self, language: str) -> list[TtsVoice]:
        """The voices it offers."""
        return [TtsVoice(voice, voice.title()) for voice in self._voices]

    async def async_get_tts_audio(
        self, message: str, language: str, options: dict[str, Any]
    ) -> TtsAudioType:
        """Return a little audio for the message, unless the service is down."""
        if self.broken:
            raise HomeAssistantError("The voice service is not responding")
        self.spoken.append((message, language))
        self.voices_used.append(options.get(ATTR_VOICE))
        return "mp3", f"spoken: {message}".encode()

    def sign_out(self) -> None:
        """The account behind the voice is signed out: it is unavailable."""
        self._attr_available = False
        self.async_write_ha_state()
