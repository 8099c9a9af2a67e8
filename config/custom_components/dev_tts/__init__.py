"""Dev TTS: an offline text-to-speech entity for script/develop.

`dev_tts:` in configuration.yaml imports a single config entry; the entry sets
up `tts.dev_tts`, which answers every message with half a second of silence.
The tts component sets up entities only from config entries (a YAML
`tts: - platform:` is a legacy provider, which `tts.speak` cannot target).
"""

from __future__ import annotations

from homeassistant.config_entries import SOURCE_IMPORT, ConfigEntry
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.typing import ConfigType

from .const import DOMAIN

CONFIG_SCHEMA = cv.empty_config_schema(DOMAIN)
PLATFORMS: list[Platform] = [Platform.TTS]


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Import the config entry when `dev_tts:` is in configuration.yaml."""
    if DOMAIN in config:
        hass.async_create_task(
            hass.config_entries.flow.async_init(
                DOMAIN, context={"source": SOURCE_IMPORT}, data={}
            )
        )
    return True


async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Set up the TTS entity of the entry."""
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
    """Unload the TTS entity of the entry."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
