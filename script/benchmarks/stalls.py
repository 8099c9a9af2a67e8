"""(e) Event-loop stalls."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager, suppress
import gc
from pathlib import Path
import subprocess
import sys
import time as clock

from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.history import SessionHistory, evening_of
from homeassistant.core import HomeAssistant

from .common import (
    LARGE_LOG,
    SESSION_ENTITY,
    STALL_RUNS,
    STALL_TARGET_MS,
    Figures,
    median_ms,
    ms,
    running_hass,
    set_up_mat,
    set_up_platform_domains,
)
from .history_files import write_history


class StallWatch:
    """A coroutine that sleeps 1 ms in a loop and keeps the longest gap."""

    def __init__(self) -> None:
        """Prepare the watchdog."""
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start watching the running loop."""
        self._task = asyncio.get_running_loop().create_task(self._watch())

    async def _watch(self) -> None:
        last = clock.perf_counter()
        while True:
            await asyncio.sleep(0.001)
            now = clock.perf_counter()
            self.longest = max(self.longest, now - last)
            last = now

    async def stop(self) -> float:
        """Stop watching; the longest gap in seconds."""
        assert self._task is not None
        await asyncio.sleep(0.002)
        self._task.cancel()
        with suppress(asyncio.CancelledError):
            await self._task
        return self.longest


async def rating_stall(hass: HomeAssistant, history: SessionHistory) -> float:
    """The longest stall while a new rating of the latest session is written."""
    latest = history.latest
    assert latest is not None
    watch = StallWatch()
    watch.start()
    await hass.services.async_call(
        DOMAIN,
        "rate_session",
        # A rating it does not have yet: an unchanged one writes nothing.
        {"rating": 2 if latest.rating == 4 else 4},  # noqa: PLR2004
        target={"entity_id": SESSION_ENTITY},
        blocking=True,
    )
    await hass.async_block_till_done()
    return await watch.stop()


async def night_stall(hass: HomeAssistant, history: SessionHistory) -> float:
    """The longest stall while a night of sleep is filed and written."""
    latest = history.latest
    assert latest is not None
    score = 60 if (night := latest.sleep) is not None and night.score == 70 else 70  # noqa: PLR2004
    watch = StallWatch()
    watch.start()
    await history.async_file_sleep(evening_of(latest.started_at), score=score)
    await hass.async_block_till_done()
    # The coalesced write, now rather than SLEEP_SAVE_DELAY seconds later.
    await history.async_flush()
    return await watch.stop()


@contextmanager
def busy_core(busy: bool) -> Iterator[None]:
    """Another process keeping a core busy, as on a machine doing more than this."""
    if not busy:
        yield
        return
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"])  # noqa: S603
    try:
        yield
    finally:
        spinner.kill()
        spinner.wait()


async def measure_stalls(work: Path, *, busy: bool) -> Figures:
    """The longest event-loop stalls with a long log: setup, a rating, a night."""
    setup: list[float] = []
    rating: list[float] = []
    night: list[float] = []
    with busy_core(busy):
        for run in range(STALL_RUNS):
            config_dir = work / f"stall-{'busy' if busy else 'idle'}-{run}"
            write_history(config_dir, LARGE_LOG)
            # Garbage of the runs before is not this run's to collect.
            gc.collect()
            async with running_hass(config_dir) as hass:
                await set_up_platform_domains(hass)
                watch = StallWatch()
                watch.start()
                entry = await set_up_mat(hass)
                setup.append(await watch.stop())
                history: SessionHistory = entry.runtime_data.engine.history
                rating.append(await rating_stall(hass, history))
                night.append(await night_stall(hass, history))
    return {
        "runs": STALL_RUNS,
        "sessions": LARGE_LOG,
        "another_core_busy": busy,
        "median_ms": median_ms(setup),
        "worst_ms": ms(max(setup)),
        "rating_median_ms": median_ms(rating),
        "rating_worst_ms": ms(max(rating)),
        "night_median_ms": median_ms(night),
        "night_worst_ms": ms(max(night)),
        "target_ms": STALL_TARGET_MS,
    }
