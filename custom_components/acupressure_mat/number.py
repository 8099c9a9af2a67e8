"""The length of the next session."""

from __future__ import annotations

from homeassistant.components.number import (
    NumberDeviceClass,
    NumberEntity,
    NumberEntityDescription,
    NumberMode,
)
from homeassistant.const import EntityCategory, UnitOfTime
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .const import MAX_MINUTES, MIN_MINUTES
from .data import AcupressureMatConfigEntry
from .entity import MatEntity

PARALLEL_UPDATES = 0

DURATION = NumberEntityDescription(
    key="duration",
    translation_key="duration",
    entity_category=EntityCategory.CONFIG,
    device_class=NumberDeviceClass.DURATION,
    native_min_value=MIN_MINUTES,
    native_max_value=MAX_MINUTES,
    native_step=1,
    native_unit_of_measurement=UnitOfTime.MINUTES,
    # A box shows its value and takes any whole minute; a slider of 26 steps did not.
    mode=NumberMode.BOX,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AcupressureMatConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the duration entity."""
    async_add_entities([MatDurationNumber(entry, DURATION)])


class MatDurationNumber(MatEntity, NumberEntity):
    """Whole minutes for the next session, 15 to 40; saved when it changes.

    Until the user sets a length it shows, and the next session takes, the
    recommended one.
    """

    @property
    def native_value(self) -> float:
        """The length the next session will have."""
        return self.engine.duration

    async def async_set_native_value(self, value: float) -> None:
        """Store a new length."""
        await self.engine.async_set_duration(value)
