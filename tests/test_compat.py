"""The compatibility layer does the same thing on every supported release.

Each test runs on the floor (2026.2.3) and on the newest release (2026.10.4)
and holds on both, whichever way the running release does it.
"""

from __future__ import annotations

from typing import Any

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat.compat import (
    STORE_VERSION_ERRORS,
    async_register_sentence_trigger,
    device_area_id,
)
from homeassistant.components.conversation import async_converse
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers import area_registry as ar, device_registry as dr
from homeassistant.helpers.storage import Store
from homeassistant.setup import async_setup_component

KEY = "acupressure_mat.compat_probe"


class _ProbeStore(Store[dict[str, Any]]):
    """A store of version 1 that records what its migration was handed."""

    migrated: list[int]

    async def _async_migrate_func(
        self, old_major_version: int, old_minor_version: int, old_data: dict[str, Any]
    ) -> dict[str, Any]:
        self.migrated.append(old_major_version)
        return old_data


async def test_a_newer_file_is_refused_by_the_store_or_handed_to_the_migration(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """Exactly one of the two, so the mat's stores catch every newer file."""
    hass_storage[KEY] = {"version": 9, "minor_version": 1, "key": KEY, "data": {}}
    store = _ProbeStore(hass, 1, KEY)
    store.migrated = []

    try:
        await store.async_load()
    except STORE_VERSION_ERRORS:
        assert store.migrated == []
    else:
        assert store.migrated == [9]


async def test_sentence_triggers_answer_and_unregister(hass: HomeAssistant) -> None:
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    heard: list[str] = []

    async def answer(user_input: Any, result: Any) -> str:
        heard.append(user_input.text)
        return "The mat bell rings"

    unregister = async_register_sentence_trigger(hass, ["ring the mat bell"], answer)
    result = await async_converse(hass, "ring the mat bell", None, Context(), "en")

    assert result.response.speech["plain"]["speech"] == "The mat bell rings"
    assert heard == ["ring the mat bell"]
    unregister()
    result = await async_converse(hass, "ring the mat bell", None, Context(), "en")
    assert result.response.speech["plain"]["speech"] != "The mat bell rings"
    assert heard == ["ring the mat bell"]


@pytest.mark.parametrize("in_area", [True, False])
async def test_device_area(hass: HomeAssistant, in_area: bool) -> None:
    source = MockConfigEntry(domain="test")
    source.add_to_hass(hass)
    bedroom = ar.async_get(hass).async_create("Bedroom")
    device_registry = dr.async_get(hass)
    device = device_registry.async_get_or_create(
        config_entry_id=source.entry_id, identifiers={("test", "speaker")}
    )
    if in_area:
        updated = device_registry.async_update_device(device.id, area_id=bedroom.id)
        assert updated is not None
        device = updated

    assert device_area_id(hass, device) == (bedroom.id if in_area else None)
