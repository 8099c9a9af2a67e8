"""The guard that turns a failing device into a log line and a repair issue.

A light, speaker, voice or notification target that is missing, unavailable or
failing never stops a session: it is logged once and, when the user chose it in
the options, a repair issue names it until it works again. Renamed entities are
followed in the options; a removed one raises the issue.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from functools import partial
import logging
from typing import TYPE_CHECKING, Any

from custom_components.acupressure_mat.repairs import (
    async_delete_entity_issue,
    async_entity_issues,
    async_raise_entity_issue,
    option_of,
    rename_entity,
)
from homeassistant.components.light.const import DOMAIN as LIGHT_DOMAIN
from homeassistant.components.notify.const import DOMAIN as NOTIFY_DOMAIN
from homeassistant.const import (
    ATTR_DOMAIN,
    EVENT_SERVICE_REGISTERED,
    STATE_OFF,
    STATE_ON,
    STATE_UNAVAILABLE,
)
from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    HomeAssistant,
    State,
    callback,
    split_entity_id,
)
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.event import async_track_state_change_event

if TYPE_CHECKING:
    from custom_components.acupressure_mat.data import AcupressureMatConfigEntry

_LOGGER = logging.getLogger(__name__)


def usable(state: State | None) -> bool:
    """Whether an entity exists and is available."""
    return state is not None and state.state != STATE_UNAVAILABLE


@callback
def _is_notify_action(event_data: Mapping[str, Any]) -> bool:
    """Whether a newly registered action is a notify action."""
    return bool(event_data[ATTR_DOMAIN] == NOTIFY_DOMAIN)


class DeviceGuard:
    """One mat's failing devices: logged once, a repair issue while they fail."""

    def __init__(self, hass: HomeAssistant, entry: AcupressureMatConfigEntry) -> None:
        """Watch nothing yet; call async_setup to follow renames and recoveries."""
        self.hass = hass
        self.entry = entry
        self._faults: set[str] = set()
        self._recovery: dict[str, list[CALLBACK_TYPE]] = {}
        self._unsubscribes: list[CALLBACK_TYPE] = []

    @callback
    def async_setup(self) -> None:
        """Follow renamed and removed entities, and watch those with open issues."""
        self._unsubscribes.append(
            self.hass.bus.async_listen(
                er.EVENT_ENTITY_REGISTRY_UPDATED,
                self._async_entity_registry_updated,
                event_filter=self._is_ours,
            )
        )
        self.async_review_issues()

    @callback
    def async_review_issues(self) -> None:
        """Withdraw the issues of entities no longer chosen or back; watch the rest.

        Runs at setup and after every options change.
        """
        entry_id = self.entry.entry_id
        for entity_id, option in async_entity_issues(self.hass, entry_id).items():
            # Withdrawn when the user picked another entity meanwhile, or it is back.
            if self.option_of(entity_id) != option or self.works(entity_id):
                _LOGGER.debug(
                    "%s: repair issue for %s withdrawn (%s)",
                    self.entry.title,
                    entity_id,
                    "no longer chosen"
                    if self.option_of(entity_id) != option
                    else "it works again",
                )
                self._forget(entity_id)
                async_delete_entity_issue(self.hass, entry_id, entity_id)
            elif entity_id not in self._recovery:
                self._faults.add(entity_id)
                self._watch_recovery(entity_id)

    @callback
    def async_shutdown(self) -> None:
        """Stop following renames and recoveries."""
        while self._unsubscribes:
            self._unsubscribes.pop()()
        for unsubscribes in self._recovery.values():
            for unsubscribe in unsubscribes:
                unsubscribe()
        self._recovery.clear()

    def option_of(self, entity_id: str) -> str | None:
        """The option naming an entity; None for one found in the mat's area."""
        return option_of(self.entry.options, entity_id)

    def check(self, entity_id: str) -> bool:
        """Whether an entity can be used now; a fault if not."""
        if usable(self.hass.states.get(entity_id)):
            return True
        self.fault(entity_id)
        return False

    def works(self, entity_id: str) -> bool:
        """Whether an entity (or a notify action) exists and can be used."""
        state = self.hass.states.get(entity_id)
        domain, _, name = entity_id.partition(".")
        if domain == LIGHT_DOMAIN:
            return state is not None and state.state in (STATE_ON, STATE_OFF)
        if usable(state):
            return True
        return domain == NOTIFY_DOMAIN and self.hass.services.has_service(domain, name)

    async def async_call(
        self,
        entity_id: str,
        domain: str,
        service: str,
        data: dict[str, Any],
        *,
        proves_working: bool = True,
    ) -> bool:
        """Call an action on an entity; whether it worked (a fault if not)."""
        if not self.check(entity_id):
            return False
        return await self.async_run(
            entity_id,
            partial(
                self.hass.services.async_call, domain, service, data, blocking=True
            ),
            proves_working=proves_working,
        )

    async def async_run(
        self,
        entity_id: str,
        action: Callable[[], Awaitable[Any]],
        *,
        proves_working: bool = True,
    ) -> bool:
        """Run one device's action; its failure never stops the others.

        A side action (a speaker's volume) that works does not clear a fault.
        """
        try:
            await action()
        except Exception as err:  # noqa: BLE001 (any integration may raise anything)
            self.fault(entity_id, err)
            return False
        if proves_working:
            self.working(entity_id)
        return True

    @callback
    def fault(self, entity_id: str, error: Exception | None = None) -> None:
        """Log a failing entity once and, if the user chose it, raise an issue."""
        if entity_id not in self._faults:
            _LOGGER.warning(
                "%s: %s is missing, unavailable or failed%s; sessions go on without it",
                self.entry.title,
                entity_id,
                f" ({error})" if error else "",
            )
            self._faults.add(entity_id)
            if error is None:
                # Missing or unavailable: it is back once its state says so. One
                # that failed while available is back when it next works.
                self._watch_recovery(entity_id)
        if (option := self.option_of(entity_id)) is not None:
            _LOGGER.debug(
                "%s: repair issue raised for %s (option %s)",
                self.entry.title,
                entity_id,
                option,
            )
            async_raise_entity_issue(self.hass, self.entry, option, entity_id)
        else:
            _LOGGER.debug(
                "%s: no repair issue for %s: found in the mat's area, not chosen",
                self.entry.title,
                entity_id,
            )

    @callback
    def working(self, entity_id: str) -> None:
        """Forget a fault: the entity works again."""
        if entity_id not in self._faults:
            return
        self._forget(entity_id)
        async_delete_entity_issue(self.hass, self.entry.entry_id, entity_id)
        _LOGGER.info(
            "%s: %s works again; its repair issue, if any, is withdrawn",
            self.entry.title,
            entity_id,
        )

    @callback
    def _forget(self, entity_id: str) -> None:
        """Stop watching an entity's fault."""
        self._faults.discard(entity_id)
        for unsubscribe in self._recovery.pop(entity_id, []):
            unsubscribe()

    @callback
    def _watch_recovery(self, entity_id: str) -> None:
        """Clear the fault once the entity (or notify action) is back."""

        @callback
        def _changed(_event: Event[Any]) -> None:
            if self.works(entity_id):
                self.working(entity_id)

        unsubscribes = [async_track_state_change_event(self.hass, entity_id, _changed)]
        if split_entity_id(entity_id)[0] == NOTIFY_DOMAIN:
            unsubscribes.append(
                self.hass.bus.async_listen(
                    EVENT_SERVICE_REGISTERED,
                    _changed,
                    event_filter=_is_notify_action,
                )
            )
        self._recovery[entity_id] = unsubscribes

    # --- renamed and removed entities --------------------------------------

    @callback
    def _is_ours(self, event_data: Mapping[str, Any]) -> bool:
        """Whether a registry change concerns an entity the mat's options name."""
        entity_id = event_data.get("old_entity_id", event_data["entity_id"])
        return self.option_of(str(entity_id)) is not None

    @callback
    def _async_entity_registry_updated(
        self, event: Event[er.EventEntityRegistryUpdatedData]
    ) -> None:
        """Follow a renamed entity in the options; a removed one raises an issue."""
        data = event.data
        if data["action"] == "remove":
            self.fault(data["entity_id"])
            return
        if data["action"] != "update" or "old_entity_id" not in data:
            return
        old_entity_id = data["old_entity_id"]
        options = rename_entity(self.entry.options, old_entity_id, data["entity_id"])
        _LOGGER.info(
            "%s: following %s, renamed %s",
            self.entry.title,
            old_entity_id,
            data["entity_id"],
        )
        # The mat applies its new options in place (its update listener).
        self.hass.config_entries.async_update_entry(self.entry, options=options)
