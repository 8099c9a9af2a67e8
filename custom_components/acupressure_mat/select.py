"""The body area of the next session."""

from __future__ import annotations

from homeassistant.components.select import SelectEntity, SelectEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .const import BODY_AREAS
from .data import AcupressureMatConfigEntry
from .entity import MatEntity

PARALLEL_UPDATES = 0

BODY_AREA = SelectEntityDescription(
    key="body_area",
    translation_key="body_area",
    entity_category=EntityCategory.CONFIG,
    options=BODY_AREAS,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AcupressureMatConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the body area entity."""
    async_add_entities([MatBodyAreaSelect(entry, BODY_AREA)])


class MatBodyAreaSelect(MatEntity, SelectEntity):
    """Back, neck or feet; saved when it changes."""

    @property
    def current_option(self) -> str:
        """The stored body area."""
        return self.engine.settings.body_area

    async def async_select_option(self, option: str) -> None:
        """Store a new body area."""
        await self.engine.async_set_body_area(option)
