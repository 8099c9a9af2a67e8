"""The reminder: someone still on the mat ten minutes after the end is told once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from functools import partial
import logging
from typing import TYPE_CHECKING, Final

from custom_components.acupressure_mat.const import CONF_OCCUPANCY_SENSOR, DOMAIN
from custom_components.acupressure_mat.models import SessionRecord
from homeassistant.const import STATE_ON
from homeassistant.core import CALLBACK_TYPE, HassJob, HomeAssistant, callback
from homeassistant.helpers.event import async_call_later

from .announcements import MESSAGE_REMINDER
from .device_guard import DeviceGuard

if TYPE_CHECKING:
    from custom_components.acupressure_mat.data import AcupressureMatConfigEntry
    from custom_components.acupressure_mat.session import MatSessionEngine

_LOGGER = logging.getLogger(__name__)

REMINDER_DELAY: Final = timedelta(minutes=10)

type Announce = Callable[[str, int], Awaitable[None]]


class MatReminder:
    """One gentle reminder, in case someone falls asleep on the mat."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: AcupressureMatConfigEntry,
        guard: DeviceGuard,
        engine: MatSessionEngine,
        announce: Announce,
    ) -> None:
        """Plan nothing yet."""
        self.hass = hass
        self.entry = entry
        self.guard = guard
        self.engine = engine
        self._announce = announce
        self._unsub: CALLBACK_TYPE | None = None

    @callback
    def schedule(self, record: SessionRecord, *, announce: bool) -> None:
        """Plan the reminder, if an occupancy sensor tells who is on the mat."""
        if not (sensor := self.entry.options.get(CONF_OCCUPANCY_SENSOR)):
            _LOGGER.debug(
                "%s: no reminder: no occupancy sensor chosen", self.entry.title
            )
            return
        self.cancel()
        self._unsub = async_call_later(
            self.hass,
            REMINDER_DELAY,
            HassJob(
                partial(self._async_remind, record, sensor, announce),
                f"{DOMAIN} reminder",
                cancel_on_shutdown=True,
            ),
        )

    @callback
    def cancel(self) -> None:
        """Forget a planned reminder (a new session, or the mat unloads)."""
        if self._unsub:
            self._unsub()
            self._unsub = None

    async def _async_remind(
        self, record: SessionRecord, sensor: str, announce: bool, _now: datetime
    ) -> None:
        """Remind whoever is still on the mat; nothing if they got up."""
        self._unsub = None
        if not self.guard.check(sensor):
            return
        state = self.hass.states.get(sensor)
        assert state is not None
        if state.state != STATE_ON:
            _LOGGER.debug(
                "%s: no reminder: %s says nobody is on the mat",
                self.entry.title,
                sensor,
            )
            return
        _LOGGER.debug(
            "%s: %s says someone is still on the mat; reminding",
            self.entry.title,
            sensor,
        )
        self.engine.async_remind(record)
        if announce:
            await self._announce(
                MESSAGE_REMINDER, int(REMINDER_DELAY.total_seconds() // 60)
            )
