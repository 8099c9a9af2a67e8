"""What differs between the Home Assistant releases the mat runs on.

The floor is 2026.2.3; the newest release tested is 2026.11. Every difference
lives here, detected by what a release has (an import or an attribute), never
by its version number, so the rest of the integration imports from this module
and never asks which release it runs on.

Not here, because no code has to bridge them: the language-model tools
platform (``llm.py``), which releases without it never load, and APIs that
work the same on every supported release.
"""

from __future__ import annotations

from collections.abc import Callable
import inspect
from typing import TYPE_CHECKING, Any, Final

from homeassistant import exceptions as ha_exceptions
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.helpers import condition as ha_condition, device_registry as dr
from homeassistant.helpers.target import (
    TargetStateChangedData,
    async_track_target_selector_state_change_event,
)
from homeassistant.helpers.typing import ConfigType

if TYPE_CHECKING:
    from homeassistant.components.conversation.trigger import TRIGGER_CALLBACK_TYPE

# From 2026.10 the store itself refuses a file of a newer major version, before
# the store's migration sees it; earlier releases hand it to the migration.
STORE_VERSION_ERRORS: Final[tuple[type[Exception], ...]] = tuple(
    error
    for error in (getattr(ha_exceptions, "UnsupportedStorageVersionError", None),)
    if error is not None
)


@callback
def async_register_sentence_trigger(
    hass: HomeAssistant, sentences: list[str], answer: TRIGGER_CALLBACK_TYPE
) -> CALLBACK_TYPE:
    """Give the built-in agent sentences and the callback that answers them."""
    # Imported here: conversation's modules need its requirements (hassil), which
    # are installed once conversation is set up, not before.
    from homeassistant.components.conversation.agent_manager import (  # noqa: PLC0415
        get_agent_manager,
    )

    register: Callable[..., CALLBACK_TYPE] = get_agent_manager(hass).register_trigger
    try:
        from homeassistant.components.conversation.trigger import (  # type: ignore[attr-defined,unused-ignore]  # noqa: PLC0415
            TriggerDetails,
        )
    except ImportError:
        # 2026.10+: the sentences and the callback are arguments of their own.
        return register(sentences=sentences, trigger_callback=answer)
    return register(TriggerDetails(sentences=sentences, callback=answer))


@callback
def device_area_id(hass: HomeAssistant, device: Any) -> str | None:
    """The area a device is in; from 2026.10 a child device may take its parent's."""
    effective = getattr(dr, "async_get_effective_area_id", None)
    area_id: str | None = (
        device.area_id if effective is None else effective(hass, device)
    )
    return area_id


async def async_track_target_states(
    hass: HomeAssistant,
    target: ConfigType,
    action: Callable[[TargetStateChangedData], None],
    entity_filter: Callable[[set[str]], set[str]],
) -> CALLBACK_TYPE:
    """Follow the states of the entities a target reaches, now and as it changes."""
    tracking: Any = async_track_target_selector_state_change_event(
        hass, target, action, entity_filter
    )
    # 2026.10+ makes this a coroutine; earlier releases return the unsubscribe.
    if inspect.isawaitable(tracking):
        tracking = await tracking
    unsubscribe: CALLBACK_TYPE = tracking
    return unsubscribe


class StateCondition(ha_condition.Condition):
    """A condition checked against states now, on every release.

    2026.2 asks a condition for a checker (``async_get_checker``); from 2026.10 the
    condition is the checker and implements ``_async_check``. Both lead to ``check``.
    """

    def check(self) -> bool:
        """Whether the condition holds now."""
        raise NotImplementedError

    async def async_get_checker(self) -> ha_condition.ConditionChecker:
        """The checker 2026.2 calls (and ignores from 2026.10)."""

        def checker(**kwargs: Any) -> bool:
            return self.check()

        return checker

    def _async_check(self, **kwargs: Any) -> bool:
        """The check 2026.10+ calls."""
        return self.check()
