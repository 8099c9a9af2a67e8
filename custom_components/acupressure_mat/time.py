"""The user's target bedtime."""

from __future__ import annotations

from datetime import time

from homeassistant.components.time import TimeEntity, TimeEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .data import AcupressureMatConfigEntry
from .entity import MatEntity

PARALLEL_UPDATES = 0

BEDTIME = TimeEntityDescription(
    key="bedtime", translation_key="bedtime", entity_category=EntityCategory.CONFIG
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AcupressureMatConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the bedtime entity."""
    async_add_entities([MatBedtime(entry, BEDTIME)])


class MatBedtime(MatEntity, TimeEntity):
    """When the user wants to be asleep; saved when it changes."""

    @property
    def native_value(self) -> time:
        """The stored bedtime."""
        return time.fromisoformat(self.engine.settings.bedtime)

    async def async_set_value(self, value: time) -> None:
        """Store a new bedtime."""
        await self.engine.async_set_bedtime(value)
