"""Which mats an assistant may reach (Settings > Voice assistants > Expose).

A mat hidden from an assistant is out of that assistant's reach: the handlers act
only on the mats exposed to it. A new mat is exposed to Assist once, as Home
Assistant exposes a new light.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.data import AcupressureMatConfigEntry
from custom_components.acupressure_mat.session import MatSessionEngine
from homeassistant.components.homeassistant.const import DATA_EXPOSED_ENTITIES
from homeassistant.components.homeassistant.exposed_entities import (
    async_expose_entity,
    async_should_expose,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.setup import async_when_setup

# Assist's name for exposure, and the platform the sentences are handled by.
ASSIST: Final = "conversation"
# Marks a session entity whose first exposure to Assist has been decided.
_EXPOSURE_DECIDED: Final = "assist_exposure_decided"


def loaded_entries(hass: HomeAssistant) -> list[AcupressureMatConfigEntry]:
    """The mats that are set up."""
    entries: list[AcupressureMatConfigEntry] = hass.config_entries.async_loaded_entries(
        DOMAIN
    )
    return entries


def is_exposed(
    hass: HomeAssistant, entry: AcupressureMatConfigEntry, assistant: str
) -> bool:
    """Whether the mat's session entity is exposed to the assistant."""
    entity_id = entry.runtime_data.engine.session_entity_id
    return entity_id is not None and async_should_expose(hass, assistant, entity_id)


@callback
def async_any_mat_exposed(hass: HomeAssistant, assistant: str) -> bool:
    """Whether a loaded mat is exposed to the assistant."""
    return any(is_exposed(hass, e, assistant) for e in loaded_entries(hass))


@callback
def async_expose_new_mat(hass: HomeAssistant, engine: MatSessionEngine) -> None:
    """Expose a mat to Assist the first time it is set up, as a new light would be.

    Home Assistant exposes no sensor by default, so a new mat would not be
    reachable by voice. The decision is made once and marked on the session
    entity: a mat the user hides later stays hidden. With "expose new entities"
    off for Assist, the mat stays hidden too.
    """

    async def _async_expose(hass: HomeAssistant, _component: str) -> None:
        registry = er.async_get(hass)
        entity_id = engine.session_entity_id
        if entity_id is None or (entry := registry.async_get(entity_id)) is None:
            return
        options: Mapping[str, Any] = entry.options.get(DOMAIN, {})
        if options.get(_EXPOSURE_DECIDED):
            return
        if hass.data[DATA_EXPOSED_ENTITIES].async_get_expose_new_entities(ASSIST):
            async_expose_entity(hass, ASSIST, entity_id, True)
        registry.async_update_entity_options(
            entity_id, DOMAIN, {**options, _EXPOSURE_DECIDED: True}
        )

    # Exposure settings belong to Home Assistant's core integration.
    async_when_setup(hass, "homeassistant", _async_expose)
