"""Adaptive Lighting, as far as a mat sees it.

Adaptive Lighting is a custom integration, so its stand-in mimics the two
things the mat relies on: its entry's `lights` option with a switch named
after the entry, and the `adaptive_lighting.set_manual_control` action
listing lights under the switch's `manual_control` attribute.
"""

from __future__ import annotations

from typing import Any

from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockModule,
    mock_integration,
    mock_platform,
)
import voluptuous as vol

from homeassistant.components.switch import SwitchEntity
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_NAME, Platform
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import config_validation as cv

from .integration import entity_platform_of

ADAPTIVE_LIGHTING = "adaptive_lighting"


class AdaptiveLightingSwitch(SwitchEntity):
    """Adaptive Lighting's main switch."""

    _attr_should_poll = False
    _attr_is_on = True

    def __init__(self, name: str, lights: list[str]) -> None:
        """Manage the lights."""
        self._attr_name = f"Adaptive Lighting: {name}"
        self._attr_unique_id = name
        self.lights = lights
        self.manual_control: list[str] = []

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """The lights Adaptive Lighting keeps its hands off."""
        return {"manual_control": list(self.manual_control)}

    def set_manual_control(self, lights: list[str], manual: bool) -> None:
        """Mark or release lights, as the real action does."""
        chosen = lights or self.lights
        if manual:
            self.manual_control += [
                light for light in chosen if light not in self.manual_control
            ]
        else:
            self.manual_control = [
                light for light in self.manual_control if light not in chosen
            ]
        self.async_write_ha_state()


async def async_setup_adaptive_lighting(
    hass: HomeAssistant, name: str, lights: list[str]
) -> AdaptiveLightingSwitch:
    """Set up the Adaptive Lighting stand-in managing the lights."""
    switch = AdaptiveLightingSwitch(name, lights)

    async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
        async def set_manual_control(call: ServiceCall) -> None:
            if call.data["entity_id"] != switch.entity_id:
                raise HomeAssistantError("No such Adaptive Lighting switch")
            switch.set_manual_control(call.data["lights"], call.data["manual_control"])

        hass.services.async_register(
            ADAPTIVE_LIGHTING,
            "set_manual_control",
            set_manual_control,
            schema=vol.Schema(
                {
                    vol.Required("entity_id"): cv.entity_id,
                    vol.Optional("lights", default=[]): cv.entity_ids,
                    vol.Optional("manual_control", default=True): cv.boolean,
                }
            ),
        )
        await hass.config_entries.async_forward_entry_setups(entry, [Platform.SWITCH])
        return True

    mock_integration(
        hass,
        MockModule(ADAPTIVE_LIGHTING, async_setup_entry=async_setup_entry),
        built_in=False,
    )
    mock_platform(hass, f"{ADAPTIVE_LIGHTING}.config_flow", built_in=False)
    mock_platform(
        hass,
        f"{ADAPTIVE_LIGHTING}.switch",
        entity_platform_of([switch]),
        built_in=False,
    )
    # Entries made in the UI keep the name in data and the lights in options.
    entry = MockConfigEntry(
        domain=ADAPTIVE_LIGHTING,
        title=name,
        data={CONF_NAME: name},
        options={"lights": lights},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return switch
