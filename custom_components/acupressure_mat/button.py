"""Buttons to start, stop, pause, resume and extend a session."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.core import Context, HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .const import EXTEND_STEP_MINUTES
from .data import AcupressureMatConfigEntry
from .entity import MatEntity
from .session import MatSessionEngine

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class MatButtonEntityDescription(ButtonEntityDescription):
    """A mat button and what pressing it does."""

    # Called with the press's context, so the logbook names who pressed it.
    press_fn: Callable[[MatSessionEngine, Context | None], Awaitable[Any]]


BUTTONS: tuple[MatButtonEntityDescription, ...] = (
    MatButtonEntityDescription(
        key="start",
        translation_key="start",
        press_fn=lambda e, c: e.async_start(context=c),
    ),
    MatButtonEntityDescription(
        key="stop",
        translation_key="stop",
        press_fn=lambda e, c: e.async_stop(context=c),
    ),
    MatButtonEntityDescription(
        key="pause",
        translation_key="pause",
        press_fn=lambda e, c: e.async_pause(context=c),
    ),
    MatButtonEntityDescription(
        key="resume",
        translation_key="resume",
        press_fn=lambda e, c: e.async_resume(context=c),
    ),
    MatButtonEntityDescription(
        key="extend",
        translation_key="extend",
        press_fn=lambda e, c: e.async_extend(EXTEND_STEP_MINUTES, context=c),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AcupressureMatConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the mat's buttons."""
    async_add_entities(MatButton(entry, description) for description in BUTTONS)


class MatButton(MatEntity, ButtonEntity):
    """A button of the mat; a press that does not apply says why."""

    entity_description: MatButtonEntityDescription

    def _async_subscribe(self) -> None:
        """Buttons render nothing of the session."""

    async def async_press(self) -> None:
        """Do what the button says."""
        await self.entity_description.press_fn(self.engine, self._context)
