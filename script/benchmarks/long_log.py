"""(c) A long log: load, queries, recommendation; storage per session."""

from __future__ import annotations

from datetime import timedelta
import json
from pathlib import Path
import statistics
import time as clock
from typing import Any, cast

from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.history import SessionHistory
from custom_components.acupressure_mat.recommendation import recommend

from .common import (
    CALENDAR_ENTITY,
    ENTRY_ID,
    LOAD_RUNS,
    QUERY_RUNS,
    RECOMMEND_RUNS,
    SESSION_ENTITY,
    Figures,
    median_ms,
    ms,
    running_hass,
    set_up_mat,
    set_up_platform_domains,
    timed,
)
from .history_files import write_history
from .stalls import rating_stall


async def measure_log(work: Path, count: int) -> Figures:
    """Load time, one month's queries and the recommendation with count sessions."""
    config_dir = work / f"log-{count}"
    path = write_history(config_dir, count)

    def bare_json_loads() -> None:
        json.loads(path.read_bytes())

    json_samples = []
    for _ in range(LOAD_RUNS):
        started = clock.perf_counter()
        bare_json_loads()
        json_samples.append(clock.perf_counter() - started)

    async with running_hass(config_dir) as hass:
        load_samples = await timed(
            lambda: SessionHistory(hass, ENTRY_ID).async_load(), LOAD_RUNS
        )
        await set_up_platform_domains(hass)
        entry = await set_up_mat(hass)
        history: SessionHistory = entry.runtime_data.engine.history
        assert len(history.records) == count
        month_end = history.records[-1].started_at + timedelta(days=1)
        month_start = month_end - timedelta(days=30)

        async def get_history() -> int:
            response = await hass.services.async_call(
                DOMAIN,
                "get_history",
                {"start": month_start, "end": month_end},
                target={"entity_id": SESSION_ENTITY},
                blocking=True,
                return_response=True,
            )
            assert response is not None
            sessions: list[Any] = cast("Any", response)[SESSION_ENTITY]["sessions"]
            return len(sessions)

        async def calendar_month() -> int:
            response = await hass.services.async_call(
                "calendar",
                "get_events",
                {"start_date_time": month_start, "end_date_time": month_end},
                target={"entity_id": CALENDAR_ENTITY},
                blocking=True,
                return_response=True,
            )
            assert response is not None
            events: list[Any] = cast("Any", response)[CALENDAR_ENTITY]["events"]
            return len(events)

        async def recommendation() -> None:
            recommend(history.records, history.nights)

        month_sessions, month_events = await get_history(), await calendar_month()
        assert month_sessions > 0
        assert month_events > 0
        history_samples = await timed(get_history, QUERY_RUNS)
        calendar_samples = await timed(calendar_month, QUERY_RUNS)
        recommend_samples = await timed(recommendation, RECOMMEND_RUNS)

        # The file as the integration writes it: rate the latest session.
        save_stall = await rating_stall(hass, history)
        file_bytes = path.stat().st_size

    return {
        "sessions": count,
        "file_bytes": file_bytes,
        "bytes_per_session": round(file_bytes / count),
        "load_ms": median_ms(load_samples),
        "json_loads_ms": median_ms(json_samples),
        "load_ratio_to_json_loads": round(
            statistics.median(load_samples) / statistics.median(json_samples), 1
        ),
        "sessions_in_month": month_sessions,
        "calendar_events_in_month": month_events,
        "get_history_month_ms": median_ms(history_samples),
        "calendar_month_ms": median_ms(calendar_samples),
        "recommendation_ms": median_ms(recommend_samples),
        "longest_stall_saving_ms": ms(save_stall),
    }
