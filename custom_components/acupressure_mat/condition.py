"""The mat's conditions for the automation editor: a session is running, paused, idle.

Like core's timer conditions, each checks the state of the mat's ``session``
entity, reached by entity, device or area.
"""

from __future__ import annotations

from typing import Any, ClassVar, cast, override

import voluptuous as vol

from homeassistant.const import CONF_OPTIONS, CONF_TARGET
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.condition import Condition, ConditionConfig
from homeassistant.helpers.target import (
    TargetSelection,
    async_extract_referenced_entity_ids,
)
from homeassistant.helpers.typing import ConfigType

from .compat import StateCondition
from .const import STATE_IDLE, STATE_PAUSED, STATE_RUNNING
from .trigger import mat_entities

ATTR_BEHAVIOR = "behavior"
BEHAVIOR_ANY = "any"
BEHAVIOR_ALL = "all"

_SCHEMA = vol.Schema(
    {
        vol.Required(CONF_TARGET): cv.TARGET_FIELDS,
        vol.Optional(CONF_OPTIONS, default={}): {
            vol.Optional(ATTR_BEHAVIOR, default=BEHAVIOR_ANY): vol.In(
                [BEHAVIOR_ANY, BEHAVIOR_ALL]
            )
        },
    }
)


class SessionStateCondition(StateCondition):
    """Whether one (any) or every (all) targeted mat's session is in a state."""

    _state: ClassVar[str]

    @override
    @classmethod
    async def async_validate_config(
        cls, hass: HomeAssistant, config: ConfigType
    ) -> ConfigType:
        """Check the target and the behavior."""
        return cast("ConfigType", _SCHEMA(config))

    def __init__(self, hass: HomeAssistant, config: ConditionConfig) -> None:
        """Keep the target and the behavior."""
        super().__init__(hass, config)
        self._target = TargetSelection(config.target or {})
        options: dict[str, Any] = dict(config.options or {})
        self._behavior: str = options.get(ATTR_BEHAVIOR, BEHAVIOR_ANY)

    @override
    def check(self) -> bool:
        """Whether the targeted mats' sessions are in the state now."""
        selected = async_extract_referenced_entity_ids(self._hass, self._target)
        sessions = mat_entities(
            self._hass, selected.referenced | selected.indirectly_referenced, "session"
        )
        states = [
            state.state
            for entity_id in sessions
            if (state := self._hass.states.get(entity_id)) is not None
        ]
        if not states:
            return False
        matches = (state == self._state for state in states)
        return all(matches) if self._behavior == BEHAVIOR_ALL else any(matches)


class IsRunningCondition(SessionStateCondition):
    """A session is running on the mat."""

    _state = STATE_RUNNING


class IsPausedCondition(SessionStateCondition):
    """The mat's session is paused."""

    _state = STATE_PAUSED


class IsIdleCondition(SessionStateCondition):
    """No session on the mat."""

    _state = STATE_IDLE


CONDITIONS: dict[str, type[Condition]] = {
    "is_running": IsRunningCondition,
    "is_paused": IsPausedCondition,
    "is_idle": IsIdleCondition,
}


async def async_get_conditions(hass: HomeAssistant) -> dict[str, type[Condition]]:
    """The mat's conditions."""
    return CONDITIONS
