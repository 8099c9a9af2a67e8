"""Lights shared with other mats, and lights renamed during a session.

Two mats that share a light hand it over: the first snapshot wins, and the light
is put back when the last session that dimmed it ends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from custom_components.acupressure_mat.const import DOMAIN
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.util.hass_dict import HassKey

from .light_snapshot import ROOM_DIMMED, ROOM_LIGHTS, SNAPSHOT_REGISTRY_ID

type SessionRoom = Callable[[], dict[str, Any] | None]

# Machine-wide: each loaded mat's running session's room (None when idle), so
# mats that share a light know who else dims it.
SESSION_ROOMS: HassKey[dict[str, SessionRoom]] = HassKey(f"{DOMAIN}_session_rooms")


def held_elsewhere(
    hass: HomeAssistant, own_entry_id: str, entity_id: str
) -> tuple[dict[str, Any], dict[str, list[Any]] | None] | None:
    """Another mat's running session that dims the light: its snapshot, target."""
    for entry_id, session_room in hass.data.get(SESSION_ROOMS, {}).items():
        if entry_id == own_entry_id or not (room := session_room()):
            continue
        for stored_id, snapshot in room.get(ROOM_LIGHTS, {}).items():
            if current_entity_id(hass, stored_id, snapshot) == entity_id:
                return snapshot, room.get(ROOM_DIMMED, {}).get(stored_id)
    return None


def current_entity_id(
    hass: HomeAssistant, stored_id: str, snapshot: dict[str, Any]
) -> str:
    """The light's entity id now, following a rename during the session."""
    registry_id = snapshot.get(SNAPSHOT_REGISTRY_ID)
    if registry_id is not None and (
        entity_id := er.async_resolve_entity_id(er.async_get(hass), registry_id)
    ):
        return entity_id
    return stored_id
