"""Which devices are around the mat: those chosen in the options, or its area's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from custom_components.acupressure_mat.compat import device_area_id
from custom_components.acupressure_mat.const import CONF_USE_AREA_DEVICES
from homeassistant.const import ATTR_AREA_ID
from homeassistant.core import HomeAssistant, split_entity_id
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.target import (
    TargetSelection,
    async_extract_referenced_entity_ids,
)

if TYPE_CHECKING:
    from custom_components.acupressure_mat.data import AcupressureMatConfigEntry


class ChosenDevices:
    """The entities a mat uses for one option."""

    def __init__(self, hass: HomeAssistant, entry: AcupressureMatConfigEntry) -> None:
        """Read the mat's options and area when asked, so changes apply at once."""
        self.hass = hass
        self.entry = entry

    def of(self, option: str, area_domain: str | None) -> list[str]:
        """The chosen entities of an option, or those of a domain in the mat's area."""
        if chosen := self.entry.options.get(option):
            return list(chosen)
        if area_domain is None or not self.entry.options.get(CONF_USE_AREA_DEVICES):
            return []
        return self._area_entities(area_domain)

    def _area_entities(self, domain: str) -> list[str]:
        """The entities of a domain in the mat device's area, as an area target."""
        devices = dr.async_entries_for_config_entry(
            dr.async_get(self.hass), self.entry.entry_id
        )
        device = next(iter(devices), None)
        if device is None or (area_id := device_area_id(self.hass, device)) is None:
            return []
        selected = async_extract_referenced_entity_ids(
            self.hass, TargetSelection({ATTR_AREA_ID: area_id})
        )
        return sorted(
            entity_id
            for entity_id in selected.indirectly_referenced
            if split_entity_id(entity_id)[0] == domain
        )

    def device_id(self, entity_id: str) -> str | None:
        """The device an entity belongs to, if any."""
        entry = er.async_get(self.hass).async_get(entity_id)
        return entry.device_id if entry else None
