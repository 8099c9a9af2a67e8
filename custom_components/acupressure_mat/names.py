"""What the user calls the entities and notify actions a mat uses."""

from __future__ import annotations

from collections import Counter
from typing import Final

from homeassistant.components.notify.const import (
    DOMAIN as NOTIFY_DOMAIN,
    SERVICE_SEND_MESSAGE,
)
from homeassistant.const import ATTR_FRIENDLY_NAME
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import device_registry as dr, entity_registry as er
from homeassistant.helpers.selector import SelectOptionDict
from homeassistant.util import slugify

MOBILE_APP_DOMAIN: Final = "mobile_app"
# The companion app's registration field its notify action is named after.
MOBILE_APP_DEVICE_NAME: Final = "device_name"


@callback
def target_name(hass: HomeAssistant, target: str) -> str:
    """The name the user knows an entity or a notify action by; else its id."""
    if (state := hass.states.get(target)) and (
        name := state.attributes.get(ATTR_FRIENDLY_NAME)
    ):
        return str(name)
    if entry := er.async_get(hass).async_get(target):
        return _registry_name(hass, entry) or target
    domain, _, action = target.partition(".")
    if domain == NOTIFY_DOMAIN and hass.services.has_service(NOTIFY_DOMAIN, action):
        return _notify_action_name(hass, action)
    return target


def _registry_name(hass: HomeAssistant, entry: er.RegistryEntry) -> str | None:
    """The name of an entity that has no state, e.g. a disabled one."""
    if entry.name:
        return entry.name
    device = dr.async_get(hass).async_get(entry.device_id) if entry.device_id else None
    if not entry.has_entity_name or device is None:
        return entry.original_name
    device_name = device.name_by_user or device.name
    return " ".join(part for part in (device_name, entry.original_name) if part) or None


def _notify_action_name(hass: HomeAssistant, action: str) -> str:
    """The phone's name for the companion app's action, else the action in words."""
    for entry in hass.config_entries.async_entries(MOBILE_APP_DOMAIN):
        device_name = entry.data.get(MOBILE_APP_DEVICE_NAME)
        # The companion app names its action mobile_app_<slug of the phone's name>.
        if device_name and slugify(f"{MOBILE_APP_DOMAIN}_{device_name}") == action:
            devices = dr.async_entries_for_config_entry(
                dr.async_get(hass), entry.entry_id
            )
            # The phone's device carries the name the user may have changed since.
            if devices and (name := devices[0].name_by_user or devices[0].name):
                return name
            return str(device_name)
    return action.replace("_", " ").capitalize()


@callback
def notify_choices(hass: HomeAssistant) -> list[SelectOptionDict]:
    """The notify entities and notify actions, each under the name the user knows."""
    targets = set(hass.states.async_entity_ids(NOTIFY_DOMAIN)) | {
        f"{NOTIFY_DOMAIN}.{action}"
        for action in hass.services.async_services_for_domain(NOTIFY_DOMAIN)
        # send_message needs an entity target, so it is no target on its own.
        if action != SERVICE_SEND_MESSAGE
    }
    names = {target: target_name(hass, target) for target in targets}
    taken = Counter(names.values())
    # Two targets of the same name are told apart by their ids.
    choices = [
        SelectOptionDict(
            value=target, label=name if taken[name] == 1 else f"{name} ({target})"
        )
        for target, name in names.items()
    ]
    return sorted(
        choices, key=lambda choice: (choice["label"].casefold(), choice["value"])
    )
