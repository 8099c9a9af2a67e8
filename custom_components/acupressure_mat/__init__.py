"""The Acupressure Mat integration: timed relaxation sessions on an acupressure mat."""

from __future__ import annotations

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.typing import ConfigType

from .const import DOMAIN
from .data import AcupressureMatConfigEntry, MatData
from .history import SessionHistory
from .intents import async_setup_intents
from .room import MatRoom
from .services import async_setup_services
from .session import MatSessionEngine
from .sleep import SleepWatcher

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
    return True


def _engine(hass: HomeAssistant, entry: AcupressureMatConfigEntry) -> MatSessionEngine:
    history = SessionHistory(hass, entry.entry_id)
    return MatSessionEngine(hass, entry.entry_id, entry.title, history)


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
    entry.async_on_unload(SleepWatcher(hass, entry, engine.history).async_start())
    await engine.async_load()
    entry.runtime_data = MatData(engine=engine)
    entry.async_on_unload(engine.async_shutdown)
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    engine.async_activate()
    return True


async def async_unload_entry(
    hass: HomeAssistant, entry: AcupressureMatConfigEntry
) -> bool:
    """Unload a mat; a running session stays stored and resumes on the next load."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


async def async_remove_entry(
    hass: HomeAssistant, entry: AcupressureMatConfigEntry
) -> None:
    """Put the room back after a session that was still on; delete the files."""
    engine = _engine(hass, entry)
    engine.effects = MatRoom(hass, entry, engine)
    await engine.async_abandon_session()
    await engine.async_remove_files()
