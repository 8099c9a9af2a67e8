"""The room around the mat: lights, speakers and the "don't sleep on it" reminder.

A session dims the lights and puts them back, announces its start and end, and
reminds whoever is still lying on the mat ten minutes later. Each concern has
its file: `lights`, `announcements`, `volume` (speaker volume, with
`announcement_end` telling when an announcement is over and `volume_reports`
reading the volume a player shows), `reminder`, and the `device_guard` that
turns a failing device into a repair issue. MatRoom is what the session engine
talks to (its effects); nothing else is used outside.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any

from custom_components.acupressure_mat.const import (
    CONF_ANNOUNCE_START,
    OUTCOME_COMPLETED,
)
from custom_components.acupressure_mat.models import Session, SessionRecord
from homeassistant.core import HomeAssistant, callback

from .announcements import (
    MESSAGE_COMPLETED,
    MESSAGE_STARTED,
    MESSAGE_STOPPED_EARLY,
    MatAnnouncements,
)
from .chosen_devices import ChosenDevices
from .device_guard import DeviceGuard
from .lights import MatLights
from .reminder import MatReminder

if TYPE_CHECKING:
    from custom_components.acupressure_mat.data import AcupressureMatConfigEntry
    from custom_components.acupressure_mat.session import MatSessionEngine

__all__ = ["MatRoom"]


class MatRoom:
    """Lights, speakers and the reminder around one mat (the engine's effects)."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: AcupressureMatConfigEntry,
        engine: MatSessionEngine,
    ) -> None:
        """Prepare the room; call async_setup to follow renames and recoveries."""
        self.hass = hass
        self.entry = entry
        self.engine = engine
        self.guard = DeviceGuard(hass, entry)
        devices = ChosenDevices(hass, entry)
        self.lights = MatLights(hass, entry, self.guard, devices)
        self.announcements = MatAnnouncements(hass, entry, self.guard, devices)
        self.reminder = MatReminder(
            hass, entry, self.guard, engine, self.announcements.async_announce
        )

    # --- lifecycle -------------------------------------------------------

    @callback
    def async_setup(self) -> None:
        """Follow renamed entities, share the lights, put back left-over volumes."""
        self.guard.async_setup()
        self.lights.async_setup(self._session_room)
        self.announcements.async_setup()

    @callback
    def async_options_updated(self) -> None:
        """Take new options in place: the next session uses them.

        A running session keeps the lights it dimmed and their snapshot; lights,
        speakers and the reminder read the options when they act.
        """
        self.guard.async_review_issues()

    async def async_shutdown(self) -> None:
        """Stop every listener and timer; give speakers their volume back now."""
        self.guard.async_shutdown()
        self.reminder.cancel()
        self.lights.async_shutdown()
        await self.announcements.async_shutdown()

    def _session_room(self) -> dict[str, Any] | None:
        """What the mat's running session dims, for other mats that share a light."""
        session = self.engine.session
        return session.room if session is not None else None

    # --- the engine's effects ----------------------------------------------

    def capture(self, session: Session) -> dict[str, Any]:
        """Snapshot the lights to dim, and what each will be set to."""
        return self.lights.capture() if session.dim_lights else {}

    async def async_started(self, session: Session) -> None:
        """Dim the lights that are on, and announce the start if wanted."""
        self.reminder.cancel()
        await self.lights.async_dim(session.room)
        if session.announce and self.entry.options.get(CONF_ANNOUNCE_START):
            await self.announcements.async_announce(
                MESSAGE_STARTED, session.planned_minutes
            )

    async def async_ended(
        self, session: Session, record: SessionRecord | None, *, offline: bool
    ) -> None:
        """Announce the end, put the lights back and plan the reminder."""
        steps: list[Awaitable[None]] = [self.lights.async_put_back(session.room)]
        # A false start is not worth a word; an end while offline is old news.
        if record is not None and not offline:
            if session.announce:
                if record.outcome == OUTCOME_COMPLETED:
                    key, minutes = MESSAGE_COMPLETED, record.planned_minutes
                else:
                    key, minutes = MESSAGE_STOPPED_EARLY, round(record.active_minutes)
                steps.append(self.announcements.async_announce(key, minutes))
            self.reminder.schedule(record, announce=session.announce)
        await asyncio.gather(*steps)
