"""The integration's own sentences (announcements, logbook) in the configured language.

Each sentence is a whole template with placeholders under "common" in
strings.json, so a translation never assembles English fragments. Home
Assistant loads an integration's texts in its configured language on top of
English when the integration loads, and again when the language changes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Final

from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
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


async def async_load_language(hass: HomeAssistant) -> None:
    """Have the texts of Home Assistant's language at hand (cached after once)."""
    await async_get_translations(hass, hass.config.language, CATEGORY, [DOMAIN])


async def async_text(hass: HomeAssistant, key: str, **placeholders: object) -> str:
    """A sentence in Home Assistant's language, loading its texts if needed."""
    await async_load_language(hass)
    return text(hass, key, **placeholders)


@callback
def text(hass: HomeAssistant, key: str, **placeholders: object) -> str:
    """A sentence in Home Assistant's language from the loaded texts, else English."""
    for language in (hass.config.language, FALLBACK_LANGUAGE):
        texts = async_get_cached_translations(hass, language, CATEGORY, DOMAIN)
        if template := texts.get(_key(key)):
            return _fill(template, placeholders)
    return key


@callback
def number(hass: HomeAssistant, value: float) -> str:
    """A number as the language writes it: 4.1 in English, 4,1 in German."""
    return f"{value:g}".replace(".", text(hass, "decimal_separator"))


@asynccontextmanager
async def async_refusals_in_language(hass: HomeAssistant) -> AsyncIterator[None]:
    """Give a refusal its message in Home Assistant's language.

    Home Assistant writes an error's message in English and leaves translating
    it to the frontend, which does so for actions. The calendar's dialog shows
    only the message, so there the message is written in the household's
    language; the translation key and placeholders stay for everyone else.
    """
    try:
        yield
    except ServiceValidationError as err:
        if err.translation_domain != DOMAIN or err.translation_key is None:
            raise
        translated = await async_get_translations(
            hass, hass.config.language, "exceptions", [DOMAIN]
        )
        key = f"component.{DOMAIN}.exceptions.{err.translation_key}.message"
        if not (template := translated.get(key)):
            raise
        placeholders = err.translation_placeholders or {}
        raise ServiceValidationError(
            # As Home Assistant writes its messages: no closing full stop.
            _fill(template, dict(placeholders)).rstrip("."),
            translation_domain=DOMAIN,
            translation_key=err.translation_key,
            translation_placeholders=placeholders,
        ) from err
