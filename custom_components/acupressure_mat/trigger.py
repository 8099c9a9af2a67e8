"""The mat's triggers for the automation editor: a session started, ended, ...

Like core's event entity triggers, each listens to the mat's ``activity`` event
entity (reached by entity, device or area) and fires on some of its event types.
"""

from __future__ import annotations

from typing import Any, ClassVar, cast, override

import voluptuous as vol

from homeassistant.const import (
    ATTR_ENTITY_ID,
    CONF_OPTIONS,
    CONF_TARGET,
    STATE_UNAVAILABLE,
    STATE_UNKNOWN,
)
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import config_validation as cv, entity_registry as er
from homeassistant.helpers.target import TargetStateChangedData
from homeassistant.helpers.trigger import Trigger, TriggerActionRunner, TriggerConfig
from homeassistant.helpers.typing import ConfigType

from .compat import async_track_target_states
from .const import (
    ACTIVITY_COMPLETED,
    ACTIVITY_REMINDER,
    ACTIVITY_STARTED,
    ACTIVITY_STOPPED_EARLY,
    DOMAIN,
)

ATTR_EVENT_TYPE = "event_type"
CONF_OUTCOME = "outcome"
OUTCOME_ANY = "any"
# The event type the back-then-neck plan gives the activity entity between phases.
ACTIVITY_PHASE_CHANGED = "phase_changed"

_TARGET_SCHEMA = vol.Schema({vol.Required(CONF_TARGET): cv.TARGET_FIELDS})


@callback
def mat_entities(hass: HomeAssistant, entity_ids: set[str], key: str) -> set[str]:
    """The entities among entity_ids that are a mat's entity `key` (e.g. session)."""
    registry = er.async_get(hass)
    return {
        entity_id
        for entity_id in entity_ids
        if (entry := registry.async_get(entity_id)) is not None
        and entry.platform == DOMAIN
        and entry.unique_id.endswith(f"-{key}")
    }


class ActivityTrigger(Trigger):
    """Fires when a targeted mat's activity entity reports one of some event types."""

    _event_types: ClassVar[frozenset[str]]
    _schema: ClassVar[vol.Schema] = _TARGET_SCHEMA

    @override
    @classmethod
    async def async_validate_config(
        cls, hass: HomeAssistant, config: ConfigType
    ) -> ConfigType:
        """Check the target (and options, where the trigger has them)."""
        return cast("ConfigType", cls._schema(config))

    def __init__(self, hass: HomeAssistant, config: TriggerConfig) -> None:
        """Keep the target and options."""
        super().__init__(hass, config)
        self._target: ConfigType = config.target or {}
        self._options: dict[str, Any] = dict(config.options or {})

    def event_types(self) -> frozenset[str]:
        """The activity event types this trigger fires on."""
        return self._event_types

    @override
    async def async_attach_runner(
        self,
        run_action: TriggerActionRunner,
        did_not_trigger: Any = None,
    ) -> CALLBACK_TYPE:
        """Follow the targeted mats' activity entities (did_not_trigger: 2026.11)."""
        event_types = self.event_types()

        @callback
        def on_activity(data: TargetStateChangedData) -> None:
            event = data.state_change_event
            from_state = event.data["old_state"]
            to_state = event.data["new_state"]
            # No old state: the entity was just added (restored), nothing happened.
            if from_state is None or from_state.state == STATE_UNAVAILABLE:
                return
            if to_state is None or to_state.state in (STATE_UNAVAILABLE, STATE_UNKNOWN):
                return
            if to_state.state == from_state.state:
                return  # an attribute write, not a new event
            event_type = to_state.attributes.get(ATTR_EVENT_TYPE)
            if event_type not in event_types:
                return
            entity_id = event.data["entity_id"]
            run_action(
                {
                    ATTR_ENTITY_ID: entity_id,
                    ATTR_EVENT_TYPE: event_type,
                    "from_state": from_state,
                    "to_state": to_state,
                },
                f"{event_type} of {entity_id}",
                event.context,
            )

        return await async_track_target_states(
            self._hass,
            self._target,
            on_activity,
            lambda entity_ids: mat_entities(self._hass, entity_ids, "activity"),
        )


class SessionStartedTrigger(ActivityTrigger):
    """A session started on the mat."""

    _event_types = frozenset({ACTIVITY_STARTED})


class SessionEndedTrigger(ActivityTrigger):
    """A session ended: completed, stopped early, or either."""

    _event_types = frozenset({ACTIVITY_COMPLETED, ACTIVITY_STOPPED_EARLY})
    _schema = _TARGET_SCHEMA.extend(
        {
            vol.Optional(CONF_OPTIONS, default={}): {
                vol.Optional(CONF_OUTCOME, default=OUTCOME_ANY): vol.In(
                    [OUTCOME_ANY, ACTIVITY_COMPLETED, ACTIVITY_STOPPED_EARLY]
                )
            }
        }
    )

    @override
    def event_types(self) -> frozenset[str]:
        outcome = self._options.get(CONF_OUTCOME, OUTCOME_ANY)
        return self._event_types if outcome == OUTCOME_ANY else frozenset({outcome})


class ReminderTrigger(ActivityTrigger):
    """Someone is still on the mat 10 minutes after the session ended."""

    _event_types = frozenset({ACTIVITY_REMINDER})


class PhaseChangedTrigger(ActivityTrigger):
    """A session moved on to its next phase (a plan's back, then neck)."""

    _event_types = frozenset({ACTIVITY_PHASE_CHANGED})


TRIGGERS: dict[str, type[Trigger]] = {
    "session_started": SessionStartedTrigger,
    "session_ended": SessionEndedTrigger,
    "reminder": ReminderTrigger,
    "phase_changed": PhaseChangedTrigger,
}


async def async_get_triggers(hass: HomeAssistant) -> dict[str, type[Trigger]]:
    """The mat's triggers."""
    return TRIGGERS
