"""What a session does around the mat, as the engine sees it.

The room (lights, speakers, reminders) implements SessionEffects; the engine
calls it and knows nothing else of the room.
"""

from __future__ import annotations

from typing import Any, Protocol

from .models import Session, SessionRecord


class SessionEffects(Protocol):
    """What a session does around the mat: lights, speakers, reminders."""

    def capture(self, session: Session) -> dict[str, Any]:
        """Return what must be stored with the session to undo its effects later."""

    async def async_started(self, session: Session) -> None:
        """Act on a started session (dim the lights, announce)."""

    async def async_ended(
        self, session: Session, record: SessionRecord | None, *, offline: bool
    ) -> None:
        """Act on an ended session (announce, restore the lights, remind)."""


class NoEffects:
    """A mat with nothing around it."""

    def capture(self, session: Session) -> dict[str, Any]:
        """Nothing to store."""
        return {}

    async def async_started(self, session: Session) -> None:
        """Nothing to do."""

    async def async_ended(
        self, session: Session, record: SessionRecord | None, *, offline: bool
    ) -> None:
        """Nothing to do."""
