"""The activity event entity: started, paused, resumed, extended, completed..."""

from __future__ import annotations

from typing import Any

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .const import ACTIVITY_TYPES
from .data import AcupressureMatConfigEntry
from .entity import MatEntity

PARALLEL_UPDATES = 0

ACTIVITY = EventEntityDescription(
    key="activity", translation_key="activity", event_types=ACTIVITY_TYPES
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AcupressureMatConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the activity event entity."""
    async_add_entities([MatActivityEvent(entry, ACTIVITY)])


class MatActivityEvent(MatEntity, EventEntity):
    """Fires once for each thing that happens to a session."""

    def _async_subscribe(self) -> None:
        self.async_on_remove(self.engine.async_add_activity_listener(self._on_activity))

    @callback
    def _on_activity(self, activity: str, data: dict[str, Any]) -> None:
        attributes = {k: v for k, v in data.items() if k != ATTR_ENTITY_ID}
        self._trigger_event(activity, attributes)
        self.async_write_ha_state()
