"""Stores that keep the user's data safe.

Writes are atomic, failed writes are retried, and an unreadable file never stops
a mat from loading.

Home Assistant's Store only logs a failed write; these stores also raise a repair
issue and try again, so a full disk never silently loses a session. A file that
cannot be read (corrupt, from a newer version, malformed) is kept aside, a repair
issue says so, and the mat starts with an empty log instead of failing to load.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
import logging
import os
from typing import Any, Final

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.event import async_call_later
from homeassistant.helpers.storage import Store
from homeassistant.util import dt as dt_util

from .compat import STORE_VERSION_ERRORS
from .const import DOMAIN

_LOGGER = logging.getLogger(__name__)

RETRY_SECONDS = 30

type Migration = Callable[[int, int, dict[str, Any]], Awaitable[dict[str, Any]]]


class UnreadableStoreError(Exception):
    """The stored file is of a newer version or malformed."""


# What a stored file that cannot be used raises, from Home Assistant's store (a
# newer version, 2026.10+) or from the mat's own migration and parsing.
_UNREADABLE: Final[tuple[type[Exception], ...]] = (
    UnreadableStoreError,
    *STORE_VERSION_ERRORS,
    KeyError,
    TypeError,
    ValueError,
    ServiceValidationError,
)


class MatStore(Store[dict[str, Any]]):
    """A store of one mat's data that reports and retries failed writes."""

    def __init__(
        self,
        hass: HomeAssistant,
        version: int,
        key: str,
        *,
        migrate: Migration | None = None,
        serialize_in_event_loop: bool = True,
    ) -> None:
        """Prepare an atomic store."""
        super().__init__(
            hass,
            version,
            key,
            atomic_writes=True,
            serialize_in_event_loop=serialize_in_event_loop,
        )
        self._migrate = migrate
        self._last_saved: dict[str, Any] | None = None
        # A delayed save not yet handed to a write.
        self._pending = False
        self._failing = False
        self._unsub_retry: CALLBACK_TYPE | None = None

    @property
    def unreadable_issue_id(self) -> str:
        """The repair issue of this file kept aside; a later good write keeps it."""
        return f"storage_unreadable_{self.key}"

    @property
    def write_failed_issue_id(self) -> str:
        """The repair issue of failing writes to this file, withdrawn once one works."""
        return f"storage_write_failed_{self.key}"

    async def async_load_safely[T](
        self, parse: Callable[[dict[str, Any]], T], *, in_executor: bool = False
    ) -> T | None:
        """Load and parse the data; keep an unreadable file aside and start empty.

        A long log is parsed in the executor, so the event loop does not stall.
        """
        try:
            data = await self.async_load()
            if data is None:
                return None
            if in_executor:
                return await self.hass.async_add_executor_job(parse, data)
            return parse(data)
        except _UNREADABLE as err:
            await self._async_keep_aside(err)
            return None

    async def async_save(self, data: dict[str, Any]) -> None:
        """Save the data; a failure is reported and retried, never raised."""
        self._last_saved = data
        await super().async_save(data)

    @callback
    def async_save_later(self, data: dict[str, Any], delay: float) -> None:
        """Save the data within delay seconds; later changes join the same write.

        data is a snapshot that is not changed afterwards: it is serialized in the
        executor. Home Assistant writes a pending save at its final write stage,
        and async_flush writes it when the mat unloads.
        """
        self._last_saved = data
        self._pending = True
        self.async_delay_save(lambda: data, delay)

    async def async_flush(self) -> None:
        """Write a pending delayed save now."""
        if self._pending and self._last_saved is not None:
            await self.async_save(self._last_saved)

    @callback
    def async_shutdown(self) -> None:
        """Stop retrying (the mat is unloading)."""
        if self._unsub_retry:
            self._unsub_retry()
            self._unsub_retry = None

    async def _async_migrate_func(
        self,
        old_major_version: int,
        old_minor_version: int,
        old_data: dict[str, Any],
    ) -> dict[str, Any]:
        if old_major_version > self.version:
            msg = f"version {old_major_version} is newer than {self.version}"
            raise UnreadableStoreError(msg)
        if self._migrate is None:
            return old_data
        return await self._migrate(old_major_version, old_minor_version, old_data)

    async def _async_write_data(self, data: dict[str, Any]) -> None:
        # This write carries the newest data, so nothing is pending any more.
        self._pending = False
        try:
            await super()._async_write_data(data)
        except Exception as err:  # noqa: BLE001 - a failed write must not break a session
            self._write_failed(err)
        else:
            self._write_succeeded()

    def _write_failed(self, err: Exception) -> None:
        if not self._failing:
            _LOGGER.error(
                "Could not write %s (retrying every %ss): %s",
                self.path,
                RETRY_SECONDS,
                err,
            )
        self._failing = True
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            self.write_failed_issue_id,
            is_fixable=False,
            severity=ir.IssueSeverity.ERROR,
            translation_key="storage_write_failed",
            translation_placeholders={"path": self.path, "error": str(err)},
        )
        if self._unsub_retry is None:
            self._unsub_retry = async_call_later(
                self.hass, RETRY_SECONDS, self._async_retry
            )

    def _write_succeeded(self) -> None:
        if self._failing:
            _LOGGER.info("Writing %s works again", self.path)
            self._failing = False
            ir.async_delete_issue(self.hass, DOMAIN, self.write_failed_issue_id)

    async def _async_retry(self, _now: Any) -> None:
        self._unsub_retry = None
        if self._failing and self._last_saved is not None:
            await self.async_save(self._last_saved)

    async def _async_keep_aside(self, err: Exception) -> None:
        kept_as = f"{self.path}.unreadable.{dt_util.utcnow():%Y%m%dT%H%M%S}"
        try:
            await self.hass.async_add_executor_job(os.replace, self.path, kept_as)
        except FileNotFoundError:
            kept_as = self.path
        _LOGGER.error("Could not read %s (%s); kept it as %s", self.path, err, kept_as)
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            self.unreadable_issue_id,
            is_fixable=False,
            is_persistent=True,
            severity=ir.IssueSeverity.ERROR,
            translation_key="storage_unreadable",
            translation_placeholders={
                "path": self.path,
                "kept_as": kept_as,
                "error": str(err),
            },
        )
