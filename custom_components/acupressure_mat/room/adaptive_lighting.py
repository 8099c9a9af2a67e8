"""Adaptive Lighting keeps its hands off the lights a session dimmed.

Adaptive Lighting is a custom integration: each of its entries lists its lights
in its options (data for YAML entries, which take precedence), and its main
switch has the entry's name as unique id.
"""

from __future__ import annotations

from functools import partial
import logging
from typing import Final

from homeassistant.const import ATTR_ENTITY_ID, CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er

from .device_guard import DeviceGuard

_LOGGER = logging.getLogger(__name__)

ADAPTIVE_LIGHTING_DOMAIN: Final = "adaptive_lighting"
SET_MANUAL_CONTROL: Final = "set_manual_control"
ATTR_LIGHTS: Final = "lights"
ATTR_MANUAL_CONTROL: Final = "manual_control"


async def async_mark_manual(
    hass: HomeAssistant, guard: DeviceGuard, lights: list[str], *, manual: bool
) -> None:
    """Mark lights as manually controlled in Adaptive Lighting, or release them."""
    if not lights or not hass.services.has_service(
        ADAPTIVE_LIGHTING_DOMAIN, SET_MANUAL_CONTROL
    ):
        return
    for switch, managed in _switches(hass, lights).items():
        _LOGGER.debug(
            "%s: manual control %s for %s",
            switch,
            "on" if manual else "off",
            managed,
        )
        await guard.async_run(
            switch,
            partial(
                hass.services.async_call,
                ADAPTIVE_LIGHTING_DOMAIN,
                SET_MANUAL_CONTROL,
                {
                    ATTR_ENTITY_ID: switch,
                    ATTR_LIGHTS: managed,
                    ATTR_MANUAL_CONTROL: manual,
                },
                blocking=True,
            ),
        )


def _switches(hass: HomeAssistant, lights: list[str]) -> dict[str, list[str]]:
    """Return {Adaptive Lighting switch: the given lights it manages}."""
    registry = er.async_get(hass)
    switches: dict[str, list[str]] = {}
    for entry in hass.config_entries.async_loaded_entries(ADAPTIVE_LIGHTING_DOMAIN):
        settings = {**entry.options, **entry.data}
        managed = [light for light in lights if light in settings.get(ATTR_LIGHTS, ())]
        switch = registry.async_get_entity_id(
            "switch", ADAPTIVE_LIGHTING_DOMAIN, settings.get(CONF_NAME, entry.title)
        )
        if managed and switch is not None:
            switches[switch] = managed
    return switches
