"""The Acupressure Mat integration: timed relaxation sessions on an acupressure mat."""

from __future__ import annotations

import logging

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.typing import ConfigType

from .bedtime_blueprint import async_forget_blueprint, async_setup_blueprint
from .card import async_add_card_resource, async_remove_card_resource, async_setup_card
from .config_flow import AcupressureMatConfigFlow
from .const import DOMAIN
from .data import AcupressureMatConfigEntry, MatData
from .history import SessionHistory
from .occupancy import OccupancyWatcher
from .repairs import async_delete_mat_issues
from .room import MatRoom
from .services import async_setup_services
from .session import MatSessionEngine
from .sleep import SleepWatcher
from .texts import async_load_texts
from .voice import async_expose_new_mat, async_setup_intents

_LOGGER = logging.getLogger(__name__)

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)

PLATFORMS: list[Platform] = [
    Platform.BUTTON,
    Platform.CALENDAR,
    Platform.EVENT,
    Platform.NUMBER,
    Platform.SELECT,
    Platform.SENSOR,
    Platform.TIME,
]


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the mat actions and the Assist sentences and intents."""
    async_setup_services(hass)
    async_setup_intents(hass)
    await async_setup_card(hass)
    await async_load_texts(hass)
    async_setup_blueprint(hass)
    return True


def _engine(hass: HomeAssistant, entry: AcupressureMatConfigEntry) -> MatSessionEngine:
    history = SessionHistory(hass, entry.entry_id)
    return MatSessionEngine(hass, entry.entry_id, entry.title, history)


async def async_migrate_entry(
    hass: HomeAssistant, entry: AcupressureMatConfigEntry
) -> bool:
    """Drop the unique id of a mat added before 1.2: it was its first name."""
    flow = AcupressureMatConfigFlow
    if entry.version > flow.VERSION:
        # Saved by a newer version of the integration, which this one cannot read.
        return False
    if entry.minor_version < flow.MINOR_VERSION:
        hass.config_entries.async_update_entry(
            entry, unique_id=None, minor_version=flow.MINOR_VERSION
        )
    return True


async def async_setup_entry(
    hass: HomeAssistant, entry: AcupressureMatConfigEntry
) -> bool:
    """Load a mat: its stored log and session, then its entities."""
    engine = _engine(hass, entry)
    # The room is in place before loading, so a session that ended offline
    # gets its lights back.
    room = MatRoom(hass, entry, engine)
    engine.effects = room
    room.async_setup()
    entry.async_on_unload(room.async_shutdown)
    await engine.history.async_load()
    # Runs last on unload: sleep figures still waiting are written before a reload.
    entry.async_on_unload(engine.history.async_flush)
    sleep = SleepWatcher(hass, entry, engine.history)
    entry.async_on_unload(sleep.async_start())
    entry.async_on_unload(OccupancyWatcher(hass, entry, engine).async_start())
    await engine.async_load()
    entry.runtime_data = MatData(engine=engine)
    entry.async_on_unload(engine.async_shutdown)
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)

    async def _async_entry_updated(
        _hass: HomeAssistant, entry: AcupressureMatConfigEntry
    ) -> None:
        """Apply new options and a new name in place: no entity reloads."""
        _LOGGER.debug("%s: options applied without reloading", entry.title)
        engine.name = entry.title
        room.async_options_updated()
        sleep.async_options_updated()

    entry.async_on_unload(entry.add_update_listener(_async_entry_updated))
    async_expose_new_mat(hass, engine)
    await async_add_card_resource(hass)
    engine.async_activate()
    return True


async def async_unload_entry(
    hass: HomeAssistant, entry: AcupressureMatConfigEntry
) -> bool:
    """Unload a mat; a running session stays stored and resumes on the next load."""
    # Dimming or announcing still under way would leave listeners behind.
    await entry.runtime_data.engine.async_wait_for_effects()
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


async def async_remove_entry(
    hass: HomeAssistant, entry: AcupressureMatConfigEntry
) -> None:
    """Put the room back after a session that was still on; delete files and issues."""
    engine = _engine(hass, entry)
    room = MatRoom(hass, entry, engine)
    engine.effects = room
    room.async_setup()
    try:
        await engine.async_abandon_session()
    finally:
        # Putting the room back may watch a missing light; a removed mat watches
        # nothing.
        await room.async_shutdown()
    await engine.async_remove_files()
    async_delete_mat_issues(hass, entry.entry_id)
    await async_remove_card_resource(hass, entry.entry_id)
    await async_forget_blueprint(hass, entry.entry_id)
