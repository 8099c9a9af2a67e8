"""(a) State writes and (d) recorder rows of a session, frozen clock."""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
import sqlite3
import statistics
from typing import Any

import freezegun
from freezegun.api import FrozenDateTimeFactory
from pytest_homeassistant_custom_component.common import async_fire_time_changed
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)

from custom_components.acupressure_mat.const import DOMAIN, EVENT_SESSION_ENDED
from homeassistant.const import EVENT_STATE_CHANGED
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er, recorder as recorder_helper
from homeassistant.setup import async_setup_component

from .common import (
    ENTRY_ID,
    FIRST_EVENING,
    MEASURED_SESSIONS,
    RECORDER_TABLES,
    SESSION_ENTITY,
    SESSION_MINUTES,
    SESSION_SECONDS,
    TIMER_ENTITY,
    Figures,
    running_hass,
    set_up_mat,
    use_ha_fake_datetime,
)


class WriteCounter:
    """Counts state_changed events per entity, by phase of a session."""

    def __init__(self, hass: HomeAssistant) -> None:
        """Listen to every state change."""
        self.phase = "idle"
        self.counts: dict[str, Counter[str]] = {}
        self._unsub = hass.bus.async_listen(EVENT_STATE_CHANGED, self._changed)

    @callback
    def _changed(self, event: Event[Any]) -> None:
        self.counts.setdefault(self.phase, Counter())[event.data["entity_id"]] += 1

    def reset(self) -> None:
        """Forget what was counted."""
        self.counts = {}

    def of(self, phase: str) -> Counter[str]:
        """What was counted in one phase."""
        return self.counts.get(phase, Counter())

    def stop(self) -> None:
        """Stop listening."""
        self._unsub()


def recorder_figures(db_path: Path, thread_id: int | None) -> dict[str, int]:
    """Rows per table, the database's size and the bytes the recorder thread wrote."""
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        figures = {
            table: db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608
            for table in RECORDER_TABLES
        }
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        page_count = db.execute("PRAGMA page_count").fetchone()[0]
    db.close()
    figures["db_bytes"] = page_size * page_count
    # Bytes the recorder's thread handed to write(): SQLite's pages, WAL and
    # checkpoints; Linux counts them per thread.
    io = Path(f"/proc/self/task/{thread_id}/io")
    if thread_id is not None and io.exists():
        counters = dict(line.split(": ") for line in io.read_text().splitlines())
        figures["written_bytes"] = int(counters["wchar"])
    return figures


async def recording_done(hass: HomeAssistant) -> None:
    """Wait until the recorder has committed everything so far.

    Twice: the first pass lets the recorder thread take in the queued events, so
    the second one sees pending writes and commits them.
    """
    for _ in range(2):
        await async_wait_recording_done(hass)


async def run_for(
    hass: HomeAssistant,
    frozen: FrozenDateTimeFactory,
    counter: WriteCounter,
    start: Callable[[], Awaitable[Any]],
) -> None:
    """Start something lasting 20 minutes and move the clock in 1-second steps."""
    counter.phase = "start"
    await start()
    await hass.async_block_till_done()
    counter.phase = "between"
    for second in range(1, SESSION_SECONDS + 1):
        if second == SESSION_SECONDS:
            counter.phase = "end"
        frozen.tick(timedelta(seconds=1))
        async_fire_time_changed(hass)
        await hass.async_block_till_done()
    counter.phase = "after"


async def measure_writes_and_recorder(work: Path) -> Figures:
    """State writes per session for each entity; recorder rows and bytes."""
    use_ha_fake_datetime()
    db_path = work / "writes" / "home-assistant_v2.db"
    with freezegun.freeze_time(FIRST_EVENING) as frozen:
        assert isinstance(frozen, FrozenDateTimeFactory)
        async with running_hass(work / "writes") as hass:
            # What bootstrap does before it sets up the recorder.
            recorder_helper.async_initialize_recorder(hass)
            assert await async_setup_component(
                hass, "recorder", {"recorder": {"db_url": f"sqlite:///{db_path}"}}
            )
            await recorder_helper.get_instance(hass).async_db_ready
            assert await async_setup_component(
                hass,
                "timer",
                {"timer": {"bench": {"duration": f"00:{SESSION_MINUTES}:00"}}},
            )
            await set_up_mat(hass)
            ended: list[Event[Any]] = []
            hass.bus.async_listen(EVENT_SESSION_ENDED, ended.append)
            mat_entities = sorted(
                entry.entity_id
                for entry in er.async_entries_for_config_entry(
                    er.async_get(hass), ENTRY_ID
                )
            )
            counter = WriteCounter(hass)

            async def start_session() -> None:
                await hass.services.async_call(
                    DOMAIN,
                    "start_session",
                    {"duration": SESSION_MINUTES},
                    target={"entity_id": SESSION_ENTITY},
                    blocking=True,
                )

            async def start_timer() -> None:
                await hass.services.async_call(
                    "timer", "start", {"entity_id": TIMER_ENTITY}, blocking=True
                )

            async def nothing() -> None:
                """An idle 20 minutes: what the recorder writes anyway."""

            recorder = recorder_helper.get_instance(hass)
            windows = (
                ("idle", nothing),
                ("mat", start_session),
                ("timer", start_timer),
            )
            tallies: dict[str, dict[str, list[Counter[str]]]] = {
                name: {"session": [], "between": []} for name, _ in windows
            }
            rows: dict[str, list[dict[str, int]]] = {name: [] for name, _ in windows}
            # One evening to warm up (first rows of each entity), then the
            # measured ones, each with an idle window to subtract.
            for evening in range(MEASURED_SESSIONS + 1):
                frozen.move_to(FIRST_EVENING + timedelta(days=evening))
                async_fire_time_changed(hass)
                await recording_done(hass)
                for name, start in windows:
                    before = await hass.async_add_executor_job(
                        recorder_figures, db_path, recorder.native_id
                    )
                    counter.reset()
                    await run_for(hass, frozen, counter, start)
                    await recording_done(hass)
                    after = await hass.async_add_executor_job(
                        recorder_figures, db_path, recorder.native_id
                    )
                    if evening == 0:
                        continue
                    tallies[name]["session"].append(
                        counter.of("start") + counter.of("between") + counter.of("end")
                    )
                    tallies[name]["between"].append(counter.of("between"))
                    rows[name].append({k: after[k] - before[k] for k in after})
            counter.stop()
            assert len(ended) == MEASURED_SESSIONS + 1, "every session ended"
            assert hass.states.get(SESSION_ENTITY).state == "idle"  # type: ignore[union-attr]

    def worst(per_session: list[Counter[str]], entity_id: str) -> int:
        return max(counts[entity_id] for counts in per_session)

    mat, timer = tallies["mat"], tallies["timer"]

    def per_session(name: str) -> dict[str, float]:
        """Mean over the evenings of the window minus the idle window."""
        return {
            key: round(
                statistics.fmean(
                    r[key] - idle[key]
                    for r, idle in zip(rows[name], rows["idle"], strict=True)
                ),
                1,
            )
            for key in rows[name][0]
        }

    return {
        "sessions_measured": MEASURED_SESSIONS,
        "mat_entities": {
            entity_id: {
                "writes_per_session": worst(mat["session"], entity_id),
                "writes_between_start_and_end": worst(mat["between"], entity_id),
            }
            for entity_id in mat_entities
        },
        "mat_total_per_session": max(
            sum(counts[e] for e in mat_entities) for counts in mat["session"]
        ),
        "mat_total_between": max(
            sum(counts[e] for e in mat_entities) for counts in mat["between"]
        ),
        "timer_per_session": worst(timer["session"], TIMER_ENTITY),
        "timer_between": worst(timer["between"], TIMER_ENTITY),
        "recorder_per_session": {
            "mat": (mat_rows := per_session("mat")),
            "timer": (timer_rows := per_session("timer")),
            # State rows of one session against core's timer's (the target is 2x).
            "state_rows_ratio_to_timer": round(
                mat_rows["states"] / timer_rows["states"], 1
            ),
            "idle_20_minutes": {
                key: round(statistics.fmean(r[key] for r in rows["idle"]), 1)
                for key in rows["idle"][0]
            },
        },
    }
