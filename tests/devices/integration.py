"""A test integration whose config entry holds the devices of a test."""

from __future__ import annotations

from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockModule,
    MockPlatform,
    mock_integration,
    mock_platform,
)

from homeassistant.config_entries import ConfigEntry
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_platform
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import Entity
from homeassistant.setup import async_setup_component

TEST_DOMAIN = "mat_room_devices"


def device_info(key: str, name: str) -> DeviceInfo:
    """The device an entity of the test integration belongs to."""
    return DeviceInfo(identifiers={(TEST_DOMAIN, key)}, name=name)


def entity_platform_of(entities: list[Entity]) -> MockPlatform:
    """A platform that adds these entities for its config entry."""

    async def async_setup_entry(
        hass: HomeAssistant,
        entry: ConfigEntry,
        async_add_entities: entity_platform.AddEntitiesCallback,
    ) -> None:
        async_add_entities(entities)

    return MockPlatform(async_setup_entry=async_setup_entry)


async def async_setup_room_devices(
    hass: HomeAssistant, entities: dict[Platform, list[Entity]]
) -> MockConfigEntry:
    """Add the entities through a test integration's config entry."""
    await hass.config.async_update(internal_url="http://192.168.1.10:8123")
    for component in (
        "homeassistant",
        "light",
        "media_source",
        "tts",
        "media_player",
        "assist_satellite",
    ):
        assert await async_setup_component(hass, component, {})

    async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
        await hass.config_entries.async_forward_entry_setups(entry, list(entities))
        return True

    async def async_unload_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
        return await hass.config_entries.async_unload_platforms(entry, list(entities))

    mock_integration(
        hass,
        MockModule(
            TEST_DOMAIN,
            async_setup_entry=async_setup_entry,
            async_unload_entry=async_unload_entry,
        ),
    )
    mock_platform(hass, f"{TEST_DOMAIN}.config_flow")
    for platform, platform_entities in entities.items():
        mock_platform(
            hass, f"{TEST_DOMAIN}.{platform}", entity_platform_of(platform_entities)
        )
    entry = MockConfigEntry(domain=TEST_DOMAIN)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry
