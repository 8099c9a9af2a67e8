"""Base entity of a mat: one device per config entry."""

from __future__ import annotations

from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription

from .const import DOMAIN, SENSORS_ENABLED_BY_OPTION
from .data import AcupressureMatConfigEntry
from .session import MatSessionEngine


class MatEntity(Entity):
    """An entity of one mat that re-renders whenever its session engine changes."""

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(
        self, entry: AcupressureMatConfigEntry, description: EntityDescription
    ) -> None:
        """Attach the entity to the mat's device."""
        self.entity_description = description
        self.engine: MatSessionEngine = entry.runtime_data.engine
        self._attr_unique_id = f"{entry.entry_id}-{description.key}"
        if (option := SENSORS_ENABLED_BY_OPTION.get(description.key)) is not None:
            self._attr_entity_registry_enabled_default = bool(entry.options.get(option))
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, entry.entry_id)},
            # A mat session is a service of Home Assistant, not a connected device.
            entry_type=DeviceEntryType.SERVICE,
            name=entry.title,
            manufacturer="Acupressure Mat",
            model="Mat session",
        )

    async def async_added_to_hass(self) -> None:
        """Subscribe to what the entity renders."""
        await super().async_added_to_hass()
        self._async_subscribe()

    def _async_subscribe(self) -> None:
        """Re-render after every change of the session or the log."""
        self.async_on_remove(self.engine.async_add_listener(self.async_write_ha_state))
        self.async_on_remove(
            self.engine.history.async_add_listener(self.async_write_ha_state)
        )
