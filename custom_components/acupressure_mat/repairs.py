"""Repairs for a mat: replace or remove an entity that is missing or unavailable."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import voluptuous as vol

from homeassistant.components.repairs import RepairsFlow
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import CONF_ENTITY_ID
from homeassistant.core import HomeAssistant, callback
from homeassistant.data_entry_flow import FlowResult
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.selector import (
    EntitySelector,
    EntitySelectorConfig,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
)

from .const import CONF_NOTIFY_TARGET, DOMAIN, OPTION_DOMAINS
from .names import notify_choices, target_name

ISSUE_ENTITY_UNAVAILABLE: Final = "entity_unavailable"


_DATA_ENTRY_ID: Final = "entry_id"
_DATA_OPTION: Final = "option"
_DATA_ENTITY_ID: Final = "entity_id"


def entity_issue_id(entry_id: str, entity_id: str) -> str:
    """The repair issue id for one entity of one mat."""
    return f"{entry_id}_{entity_id}"


@callback
def async_raise_entity_issue(
    hass: HomeAssistant, entry: ConfigEntry, option: str, entity_id: str
) -> None:
    """Tell the user that a chosen entity is missing or unavailable."""
    ir.async_create_issue(
        hass,
        DOMAIN,
        entity_issue_id(entry.entry_id, entity_id),
        data={
            _DATA_ENTRY_ID: entry.entry_id,
            _DATA_OPTION: option,
            _DATA_ENTITY_ID: entity_id,
        },
        is_fixable=True,
        severity=ir.IssueSeverity.WARNING,
        translation_key=ISSUE_ENTITY_UNAVAILABLE,
        translation_placeholders=_placeholders(hass, entity_id, entry.title),
    )


def _placeholders(hass: HomeAssistant, entity_id: str, mat: str) -> dict[str, str]:
    """Name the entity as the user knows it; the id tells two of a name apart."""
    return {"entity": target_name(hass, entity_id), "entity_id": entity_id, "name": mat}


@callback
def async_delete_entity_issue(
    hass: HomeAssistant, entry_id: str, entity_id: str
) -> None:
    """Withdraw the repair issue of an entity that works again."""
    ir.async_delete_issue(hass, DOMAIN, entity_issue_id(entry_id, entity_id))


@callback
def async_delete_mat_issues(hass: HomeAssistant, entry_id: str) -> None:
    """Withdraw every repair issue of a removed mat: its entities' and its files'."""
    # Every issue id of a mat holds its entry id (entity_issue_id, MatStore's ids).
    for domain, issue_id in list(ir.async_get(hass).issues):
        if domain == DOMAIN and entry_id in issue_id:
            ir.async_delete_issue(hass, DOMAIN, issue_id)


@callback
def async_entity_issues(hass: HomeAssistant, entry_id: str) -> dict[str, str]:
    """Return {entity id: option} of a mat's open entity issues."""
    issues: dict[str, str] = {}
    for (domain, _), issue in ir.async_get(hass).issues.items():
        data = issue.data or {}
        if domain == DOMAIN and data.get(_DATA_ENTRY_ID) == entry_id:
            issues[str(data[_DATA_ENTITY_ID])] = str(data[_DATA_OPTION])
    return issues


def option_of(options: Mapping[str, Any], entity_id: str) -> str | None:
    """Return the option that names an entity, if any."""
    for option in OPTION_DOMAINS:
        value = options.get(option)
        if value == entity_id or (isinstance(value, list) and entity_id in value):
            return option
    return None


def replace_entity(
    options: Mapping[str, Any], option: str, old: str, new: str | None
) -> dict[str, Any]:
    """Return options with one entity replaced by another, or removed (new None)."""
    updated = dict(options)
    value = options.get(option)
    if isinstance(value, list):
        entities = [new if entity == old else entity for entity in value]
        # Drop the removed entity, and a duplicate when the new one was chosen already.
        kept = list(dict.fromkeys(entity for entity in entities if entity))
        if kept:
            updated[option] = kept
        else:
            updated.pop(option, None)
    elif new:
        updated[option] = new
    else:
        updated.pop(option, None)
    return updated


def rename_entity(options: Mapping[str, Any], old: str, new: str) -> dict[str, Any]:
    """Return options with a renamed entity followed wherever an option names it."""
    option = option_of(options, old)
    assert option is not None
    return replace_entity(options, option, old, new)


class EntityUnavailableRepairFlow(RepairsFlow):
    """Pick another entity for one that is missing or unavailable, or remove it."""

    def __init__(self, entry_id: str, option: str, entity_id: str) -> None:
        """Remember which mat, option and entity the issue is about."""
        self._entry_id = entry_id
        self._option = option
        self._entity_id = entity_id

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Open the replacement form (the input here is the issue, not an answer)."""
        return await self.async_step_replace()

    async def async_step_replace(
        self, user_input: dict[str, Any] | None = None
    ) -> FlowResult:
        """Show the replacement form; an empty choice removes the entity."""
        entry = self.hass.config_entries.async_get_entry(self._entry_id)
        if entry is None:
            return self.async_abort(reason="entry_removed")
        if user_input is not None:
            options = replace_entity(
                entry.options,
                self._option,
                self._entity_id,
                user_input.get(CONF_ENTITY_ID) or None,
            )
            # The mat applies its new options in place (its update listener).
            self.hass.config_entries.async_update_entry(entry, options=options)
            return self.async_create_entry(data={})
        return self.async_show_form(
            step_id="replace",
            data_schema=vol.Schema({vol.Optional(CONF_ENTITY_ID): self._selector()}),
            description_placeholders=_placeholders(
                self.hass, self._entity_id, entry.title
            ),
        )

    def _selector(self) -> EntitySelector | SelectSelector:
        """An entity of the option's domain; a notify target may also be an action."""
        if self._option == CONF_NOTIFY_TARGET:
            return SelectSelector(
                SelectSelectorConfig(
                    options=[
                        choice
                        for choice in notify_choices(self.hass)
                        if choice["value"] != self._entity_id
                    ],
                    custom_value=True,
                    mode=SelectSelectorMode.DROPDOWN,
                )
            )
        return EntitySelector(
            EntitySelectorConfig(
                domain=OPTION_DOMAINS[self._option],
                exclude_entities=[self._entity_id],
            )
        )


async def async_create_fix_flow(
    hass: HomeAssistant,
    issue_id: str,
    data: dict[str, str | int | float | None] | None,
) -> RepairsFlow:
    """Create the flow that fixes a mat's issue."""
    assert data is not None
    return EntityUnavailableRepairFlow(
        str(data[_DATA_ENTRY_ID]), str(data[_DATA_OPTION]), str(data[_DATA_ENTITY_ID])
    )
