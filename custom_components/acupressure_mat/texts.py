"""The integration's own sentences (announcements, logbook) in the configured language.

Each sentence is a whole template with placeholders under "common" in
strings.json, so a translation never assembles English fragments. Home
Assistant loads an integration's texts in its configured language on top of
English when the integration loads, and again when the language changes.
"""

from __future__ import annotations

from typing import Final

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.translation import (
    async_get_cached_translations,
    async_get_translations,
)

from .const import DOMAIN

CATEGORY: Final = "common"
FALLBACK_LANGUAGE: Final = "en"


def _key(key: str) -> str:
    return f"component.{DOMAIN}.{CATEGORY}.{key}"


def _fill(template: str, placeholders: dict[str, object]) -> str:
    """Put the values in; a translation may order its placeholders as it needs."""
    for name, value in placeholders.items():
        template = template.replace(f"{{{name}}}", str(value))
    return template


async def async_load_texts(hass: HomeAssistant) -> None:
    """Have the English texts at hand, the fallback of every language."""
    await async_get_translations(hass, FALLBACK_LANGUAGE, CATEGORY, [DOMAIN])


async def async_text(hass: HomeAssistant, key: str, **placeholders: object) -> str:
    """A sentence in Home Assistant's language, loading its texts if needed."""
    await async_get_translations(hass, hass.config.language, CATEGORY, [DOMAIN])
    return text(hass, key, **placeholders)


@callback
def text(hass: HomeAssistant, key: str, **placeholders: object) -> str:
    """A sentence in Home Assistant's language from the loaded texts, else English."""
    for language in (hass.config.language, FALLBACK_LANGUAGE):
        texts = async_get_cached_translations(hass, language, CATEGORY, DOMAIN)
        if template := texts.get(_key(key)):
            return _fill(template, placeholders)
    return key
