"""(f) The end's lateness, real clock."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
import time as clock
from typing import Any

from custom_components.acupressure_mat.const import (
    DOMAIN,
    EVENT_SESSION_ENDED,
    STORAGE_VERSION,
)
from custom_components.acupressure_mat.models import Session
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.util.ulid import ulid_at_time

from .common import (
    ENTRY_ID,
    LATENESS_RUNS,
    SESSION_ENTITY,
    Figures,
    median_ms,
    ms,
    running_hass,
    set_up_mat,
    set_up_platform_domains,
)
from .history_files import write_store


def write_running_session(config_dir: Path, ends_in: float) -> datetime:
    """Store a running 15-minute session that ends ends_in seconds from now."""
    ends_at = datetime.now(UTC) + timedelta(seconds=ends_in)
    planned = 15
    session = Session(
        id=ulid_at_time(clock.time()),
        started_at=ends_at - timedelta(minutes=planned),
        planned_minutes=planned,
        body_area="back",
    )
    write_store(
        config_dir,
        f"{DOMAIN}.{ENTRY_ID}",
        STORAGE_VERSION,
        {
            "settings": {"duration": 20, "body_area": "back", "bedtime": "22:30"},
            "session": session.as_dict(),
        },
    )
    return session.ends_at


async def wait_for_end(hass: HomeAssistant, ends_at: datetime) -> float:
    """Seconds between the planned end and the ended event."""
    fired: asyncio.Future[float] = hass.loop.create_future()

    @callback
    def ended(event: Event[Any]) -> None:
        if not fired.done():
            fired.set_result(event.time_fired_timestamp)

    unsub = hass.bus.async_listen(EVENT_SESSION_ENDED, ended)
    try:
        fired_at = await asyncio.wait_for(fired, timeout=30)
    finally:
        unsub()
    return fired_at - ends_at.timestamp()


async def measure_lateness(work: Path) -> Figures:
    """How long after its planned end a session's ended event fires."""
    plain: list[float] = []
    restarted: list[float] = []
    for run in range(LATENESS_RUNS):
        config_dir = work / f"late-{run}"
        ends_at = write_running_session(config_dir, ends_in=2)
        async with running_hass(config_dir) as hass:
            await set_up_platform_domains(hass)
            await set_up_mat(hass)
            plain.append(await wait_for_end(hass, ends_at))

        config_dir = work / f"late-restart-{run}"
        ends_at = write_running_session(config_dir, ends_in=3.5)
        async with running_hass(config_dir) as hass:
            await set_up_platform_domains(hass)
            await set_up_mat(hass)
            assert hass.states.get(SESSION_ENTITY).state == "running"  # type: ignore[union-attr]
            await asyncio.sleep(0.5)
        # Stopped; a new Home Assistant on the same folder picks the session up.
        async with running_hass(config_dir) as hass:
            await set_up_platform_domains(hass)
            await set_up_mat(hass)
            assert hass.states.get(SESSION_ENTITY).state == "running"  # type: ignore[union-attr]
            restarted.append(await wait_for_end(hass, ends_at))
    return {
        "runs": LATENESS_RUNS,
        "median_ms": median_ms(plain),
        "worst_ms": ms(max(plain)),
        "after_restart_median_ms": median_ms(restarted),
        "after_restart_worst_ms": ms(max(restarted)),
    }
