"""Config flow for Dev TTS: import only, from `dev_tts:` in YAML."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult

from .const import DOMAIN, NAME


class DevTTSConfigFlow(ConfigFlow, domain=DOMAIN):
    """Create the single Dev TTS entry; `single_config_entry` aborts repeats."""

    VERSION = 1

    async def async_step_import(self, import_data: dict[str, Any]) -> ConfigFlowResult:
        """Create the entry from configuration.yaml."""
        return self.async_create_entry(title=NAME, data={})
