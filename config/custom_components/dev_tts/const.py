"""Constants for Dev TTS."""

from typing import Final

DOMAIN: Final = "dev_tts"
NAME: Final = "Dev TTS"
