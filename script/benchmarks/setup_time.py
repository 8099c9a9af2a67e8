"""(b) Config entry setup time."""

from __future__ import annotations

from pathlib import Path
import time as clock

from homeassistant.setup import async_setup_component

from .common import (
    SETUP_RUNS,
    Figures,
    median_ms,
    running_hass,
    set_up_mat,
    set_up_platform_domains,
)


async def measure_setup(work: Path) -> Figures:
    """Median setup of the mat's entry and of the core timer with one timer."""
    mat_samples: list[float] = []
    timer_samples: list[float] = []
    # The first run imports the modules; it is not counted.
    for run in range(SETUP_RUNS + 1):
        async with running_hass(work / f"setup-{run}") as hass:
            await set_up_platform_domains(hass)
            started = clock.perf_counter()
            assert await async_setup_component(
                hass, "timer", {"timer": {"bench": {"duration": "00:20:00"}}}
            )
            await hass.async_block_till_done()
            timer_time = clock.perf_counter() - started
            started = clock.perf_counter()
            await set_up_mat(hass)
            mat_time = clock.perf_counter() - started
        if run:
            mat_samples.append(mat_time)
            timer_samples.append(timer_time)
    mat_ms, timer_ms = median_ms(mat_samples), median_ms(timer_samples)
    return {
        "runs": SETUP_RUNS,
        "mat_ms": mat_ms,
        "timer_ms": timer_ms,
        "ratio": round(mat_ms / timer_ms, 1),
    }
