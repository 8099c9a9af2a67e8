"""Fixtures for the Acupressure Mat tests."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator
from datetime import datetime, timedelta
import logging
from pathlib import Path
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    mock_config_flow,
)
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)
from pytest_homeassistant_custom_component.typing import (
    MockHAClientWebSocket,
    WebSocketGenerator,
)

# Importing the package makes Home Assistant's loader find the integration.
import custom_components.acupressure_mat  # noqa: F401
from custom_components.acupressure_mat.config_flow import AcupressureMatConfigFlow
from custom_components.acupressure_mat.const import CONF_ACKNOWLEDGE_SAFETY, DOMAIN
from homeassistant import block_async_io
from homeassistant.components.recorder.core import Recorder
from homeassistant.config_entries import ConfigFlow
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util

from .devices.adaptive_lighting import ADAPTIVE_LIGHTING as ADAPTIVE_LIGHTING_DOMAIN
from .devices.integration import TEST_DOMAIN as ROOM_DEVICES_DOMAIN

ENTRY_ID = "01JMATENTRY0000000000000001"


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(request: pytest.FixtureRequest) -> None:
    """Let Home Assistant load custom_components in every test.

    A test with the real recorder needs it set up before hass, so ask for it first.
    """
    if "recorder_mock" in request.fixturenames:
        request.getfixturevalue("async_test_recorder")
    request.getfixturevalue("enable_custom_integrations")


@pytest.fixture(autouse=True)
def own_config_folder(hass: HomeAssistant, tmp_path: Path) -> None:
    """Each test's own configuration folder: the mat writes its blueprint there.

    The test plugin's shared folder (in site-packages) stays as it was.
    """
    hass.config.config_dir = str(tmp_path)


@pytest.fixture(autouse=True)
def detect_blocking_io(
    caplog: pytest.LogCaptureFixture, disable_block_async_io: None
) -> Generator[None]:
    """Turn on Home Assistant's blocking-I/O detection and fail on any report."""
    block_async_io.enable()
    caplog.set_level(logging.WARNING)
    yield
    blocking = [
        r.getMessage()
        for r in caplog.records
        if "Detected blocking call" in r.getMessage()
    ]
    assert not blocking, blocking


def mat_entry(
    *,
    title: str = "Bedroom mat",
    entry_id: str | None = None,
    unique_id: str | None = None,
    **options: Any,
) -> MockConfigEntry:
    """A mat's entry as the config flow makes it now, with these options."""
    return MockConfigEntry(
        domain=DOMAIN,
        version=AcupressureMatConfigFlow.VERSION,
        minor_version=AcupressureMatConfigFlow.MINOR_VERSION,
        title=title,
        entry_id=entry_id,
        unique_id=unique_id,
        data={CONF_ACKNOWLEDGE_SAFETY: True},
        options=options,
    )


async def async_add_mat(hass: HomeAssistant, entry: MockConfigEntry) -> MockConfigEntry:
    """Add a mat's entry and set it up, as adding it in the UI does."""
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def let_time_pass(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    minutes: float = 0,
    **interval: float,
) -> None:
    """Move the clock on, and let what Home Assistant had due by then run."""
    freezer.tick(timedelta(minutes=minutes, **interval))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


@pytest.fixture
def mock_config_entry() -> MockConfigEntry:
    """A mat named Bedroom mat with no options."""
    return mat_entry(entry_id=ENTRY_ID, unique_id="bedroom_mat")


@pytest.fixture
async def init_integration(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> MockConfigEntry:
    """Set up the Bedroom mat."""
    return await async_add_mat(hass, mock_config_entry)


async def async_setup_mat(
    hass: HomeAssistant,
    *,
    title: str = "Bedroom mat",
    entry_id: str = ENTRY_ID,
    **options: Any,
) -> MockConfigEntry:
    """Set up a mat (the Bedroom mat unless told) with these options."""
    return await async_add_mat(
        hass, mat_entry(title=title, entry_id=entry_id, **options)
    )


@pytest.fixture
async def guest_mat(hass: HomeAssistant) -> MockConfigEntry:
    """A second mat, the Guest mat, beside the Bedroom mat."""
    return await async_add_mat(
        hass, mat_entry(title="Guest mat", unique_id="guest_mat")
    )


@pytest.fixture
async def assist(hass: HomeAssistant) -> None:
    """Assist's built-in agent (and its LLM API), as in a default installation."""
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    await hass.async_block_till_done()


@pytest.fixture
def tts_cache_dir(tmp_path: Path) -> Generator[Path]:
    """Keep Home Assistant's TTS cache in the test's own folder."""
    with (
        patch(
            "homeassistant.components.tts._init_tts_cache_dir",
            return_value=str(tmp_path),
        ),
        patch("homeassistant.components.tts._get_cache_files", return_value={}),
    ):
        yield tmp_path


@pytest.fixture
async def demo_lights(hass: HomeAssistant) -> AsyncGenerator[None]:
    """Home Assistant's demo lights and its demo notify entity, nothing else."""
    # The demo needs the conversation agent, which needs the core integration.
    assert await async_setup_component(hass, "homeassistant", {})
    with patch(
        "homeassistant.components.demo.COMPONENTS_WITH_CONFIG_ENTRY_DEMO_PLATFORM",
        [Platform.LIGHT, Platform.NOTIFY],
    ):
        assert await async_setup_component(hass, "demo", {})
        await hass.async_block_till_done()
        yield
        for entry in hass.config_entries.async_entries("demo"):
            await hass.config_entries.async_unload(entry.entry_id)


@pytest.fixture
def room_devices(tts_cache_dir: Path) -> Generator[None]:
    """Let the room tests' device integrations set up config entries."""
    with (
        mock_config_flow(ROOM_DEVICES_DOMAIN, ConfigFlow),
        mock_config_flow(ADAPTIVE_LIGHTING_DOMAIN, ConfigFlow),
    ):
        yield


# The evening the logbook tests read, from a minute before.
EVENING = datetime(2026, 3, 10, 20, 0, tzinfo=dt_util.UTC)


class Logbook:
    """The logbook of the evening, read as the frontend reads it."""

    def __init__(self, hass: HomeAssistant, client: MockHAClientWebSocket) -> None:
        """Read through one websocket connection."""
        self.hass = hass
        self.client = client

    async def entries(self) -> list[dict[str, Any]]:
        """Every logbook entry since the evening began, oldest first."""
        await self.hass.async_block_till_done()
        await async_wait_recording_done(self.hass)
        await self.client.send_json_auto_id(
            {
                "type": "logbook/get_events",
                "start_time": (EVENING - timedelta(minutes=1)).isoformat(),
                "end_time": (dt_util.utcnow() + timedelta(hours=1)).isoformat(),
            }
        )
        result = await self.client.receive_json()
        assert result["success"], result
        entries: list[dict[str, Any]] = result["result"]
        return entries

    async def story(self) -> list[str]:
        """The lines the mat wrote, as a user reads them: its name, then the line."""
        return [
            f"{entry['name']} {entry['message']}"
            for entry in await self.entries()
            if entry.get("domain") == DOMAIN
        ]


@pytest.fixture
async def logbook(
    recorder_mock: Recorder,
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    freezer: FrozenDateTimeFactory,
) -> Logbook:
    """The logbook, with the clock at the evening.

    The integration and the logbook come first (the test server freezes its
    routes once it serves); the connection logs in before the clock moves.
    """
    assert await async_setup_component(hass, DOMAIN, {})
    assert await async_setup_component(hass, "logbook", {})
    assert await async_setup_component(hass, "calendar", {})
    client = await hass_ws_client(hass)
    freezer.move_to(EVENING)
    return Logbook(hass, client)
