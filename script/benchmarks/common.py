"""Shared by the measurements: Home Assistant in-process, the mat, constants."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
import sqlite3
import statistics
import time as clock
from typing import Any
from zoneinfo import ZoneInfo

import freezegun
from pytest_homeassistant_custom_component import patch_time
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_test_home_assistant,
)

from custom_components.acupressure_mat.const import CONF_ACKNOWLEDGE_SAFETY, DOMAIN
from homeassistant import loader
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component

TIME_ZONE = "Europe/Amsterdam"
ENTRY_ID = "01JMATBENCH000000000000001"
MAT = "Bedroom mat"
SESSION_ENTITY = "sensor.bedroom_mat_session"
CALENDAR_ENTITY = "calendar.bedroom_mat_sessions"
TIMER_ENTITY = "timer.bench"
SESSION_MINUTES = 20
SESSION_SECONDS = SESSION_MINUTES * 60
# The frozen clock's first evening; 20:00 is before any suggested start.
FIRST_EVENING = datetime(2026, 2, 20, 20, 0, tzinfo=ZoneInfo(TIME_ZONE))
PLATFORM_DOMAINS = ("button", "calendar", "event", "number", "select", "sensor", "time")
RECORDER_TABLES = ("states", "events", "state_attributes")
# A session may write at most twice the state rows of core's timer.
STATE_ROWS_RATIO_LIMIT = 2.0

SETUP_RUNS = 20
MEASURED_SESSIONS = 5
LOAD_RUNS = 5
QUERY_RUNS = 50
RECOMMEND_RUNS = 10
STALL_RUNS = 5
POLL_DAYS = 3
LATENESS_RUNS = 5
LARGE_LOG = 10_000
SMALL_LOG = 100
STALL_TARGET_MS = 50.0
# "Does not grow": 100 times the sessions may cost at most this much more.
MONTH_GROWTH_LIMIT = 1.5

type Figures = dict[str, Any]


# --- Home Assistant in-process ------------------------------------------------


@asynccontextmanager
async def running_hass(config_dir: Path) -> AsyncIterator[HomeAssistant]:
    """A Home Assistant like the test plugin's, with real storage in config_dir."""
    config_dir.mkdir(parents=True, exist_ok=True)
    async with async_test_home_assistant(config_dir=str(config_dir)) as hass:
        # What the plugin's enable_custom_integrations fixture does: let the
        # loader look for custom_components (this repository's, on sys.path).
        hass.data.pop(loader.DATA_CUSTOM_COMPONENTS)
        await hass.config.async_set_time_zone(TIME_ZONE)
        try:
            yield hass
        finally:
            await hass.async_stop(force=True)


def mat_entry(options: dict[str, Any] | None = None) -> MockConfigEntry:
    """The benchmarked mat's config entry (no options: nothing around the mat)."""
    return MockConfigEntry(
        domain=DOMAIN,
        title=MAT,
        unique_id="bedroom_mat",
        entry_id=ENTRY_ID,
        data={CONF_ACKNOWLEDGE_SAFETY: True},
        options=options or {},
    )


async def set_up_mat(
    hass: HomeAssistant, options: dict[str, Any] | None = None
) -> MockConfigEntry:
    """Add the mat and wait until its entities are there."""
    entry = mat_entry(options)
    entry.add_to_hass(hass)
    if not await hass.config_entries.async_setup(entry.entry_id):
        msg = "the mat did not set up"
        raise RuntimeError(msg)
    await hass.async_block_till_done()
    return entry


async def set_up_platform_domains(hass: HomeAssistant) -> None:
    """Set up the entity domains first, as a running Home Assistant has them."""
    for domain in PLATFORM_DOMAINS:
        await async_setup_component(hass, domain, {})
    await loader.async_get_integration(hass, DOMAIN)
    await loader.async_get_integration(hass, "timer")
    await hass.async_block_till_done()


def use_ha_fake_datetime() -> None:
    """Use the plugin's freezegun classes, as its pytest_runtest_setup does."""
    api: Any = freezegun.api
    api.FakeDate = patch_time.HAFakeDate
    api.datetime_to_fakedatetime = patch_time.ha_datetime_to_fakedatetime
    api.FakeDatetime = patch_time.HAFakeDatetime
    sqlite3.register_adapter(patch_time.HAFakeDatetime, lambda val: val.isoformat(" "))


def ms(seconds: float) -> float:
    """Seconds as milliseconds, rounded for the table."""
    return round(seconds * 1000, 2)


def median_ms(samples: list[float]) -> float:
    """The median of samples in seconds, in milliseconds."""
    return ms(statistics.median(samples))


async def timed(action: Callable[[], Awaitable[Any]], runs: int) -> list[float]:
    """Seconds each of runs awaits of action took."""
    samples = []
    for _ in range(runs):
        started = clock.perf_counter()
        await action()
        samples.append(clock.perf_counter() - started)
    return samples
