"""Benchmarks of the Acupressure Mat integration beside Home Assistant's own timer.

Run through `script/bench`. Every figure is measured in this run, next to its
reference measured on the same machine in the same run: Home Assistant's core
`timer`, a bare `json.loads` of the same file, or the 100-session case.

Home Assistant runs in-process the way pytest-homeassistant-custom-component runs
it (`async_test_home_assistant`), with a temporary config folder, the real
storage (files on disk, no storage mock), the real recorder (SQLite) and the
loader pointed at this repository's custom_components. Figures that depend on a
20-minute session use a frozen clock moved in 1-second steps, as the tests do;
figures that are about time (setup, queries, stalls, the end's lateness) use the
real clock. Loop stalls are measured twice: on the machine as it is, and while
another process keeps a core busy (`python -c 'while True: pass'`).
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager, suppress
from datetime import UTC, date, datetime, time, timedelta
import gc
import json
import logging
import os
from pathlib import Path
import platform
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time as clock
from typing import Any, cast
from unittest.mock import patch
from zoneinfo import ZoneInfo

import freezegun
from freezegun.api import FrozenDateTimeFactory

# patch_time comes before any Home Assistant import (third-party sorts before
# first-party): it lets freezegun move Home Assistant's clock, as in the tests.
from pytest_homeassistant_custom_component import patch_time
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    async_test_home_assistant,
    mock_config_flow,
)
from pytest_homeassistant_custom_component.components.recorder.common import (
    async_wait_recording_done,
)

from homeassistant import loader
from homeassistant.config_entries import ConfigFlow
from homeassistant.const import (
    EVENT_STATE_CHANGED,
    EVENT_STATE_REPORTED,
    __version__ as ha_version,
)
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er, recorder as recorder_helper
from homeassistant.setup import async_setup_component
from homeassistant.util.ulid import ulid_at_time

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# ruff: noqa: E402 (the integration is imported from the repository put on sys.path)
from custom_components.acupressure_mat.const import (
    CONF_ACKNOWLEDGE_SAFETY,
    CONF_SLEEP_DURATION_SENSOR,
    CONF_SLEEP_LATENCY_SENSOR,
    CONF_SLEEP_SCORE_SENSOR,
    DOMAIN,
    EVENT_SESSION_ENDED,
    HISTORY_STORAGE_VERSION,
    OUTCOME_COMPLETED,
    OUTCOME_STOPPED_EARLY,
    STORAGE_VERSION,
)
from custom_components.acupressure_mat.history import (
    SLEEP_SAVE_DELAY,
    SessionHistory,
    evening_of,
)
from custom_components.acupressure_mat.models import Session, SessionRecord, SleepNight
from custom_components.acupressure_mat.recommendation import recommend
from custom_components.acupressure_mat.storage import MatStore
from tests.devices import sleep_tracker

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


# --- (a) state writes and (d) recorder rows, frozen clock ------------------------


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
            "mat": per_session("mat"),
            "timer": per_session("timer"),
            "idle_20_minutes": {
                key: round(statistics.fmean(r[key] for r in rows["idle"]), 1)
                for key in rows["idle"][0]
            },
        },
    }


# --- (b) config entry setup time ---------------------------------------------------


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


# --- (c) a long log: load, queries, recommendation; storage per session ------------


def generate_history(count: int, last_evening: date, seed: int = 7) -> dict[str, Any]:
    """A realistic log: one session a night, ratings, early stops, nights of sleep."""
    rng = random.Random(seed)  # noqa: S311 (a reproducible log, not a secret)
    zone = ZoneInfo(TIME_ZONE)
    records: list[dict[str, Any]] = []
    nights: dict[str, dict[str, Any]] = {}
    notes = ("felt warm", "tense neck", "fell asleep fast", "skipped the pause", "")
    for index in range(count):
        evening = last_evening - timedelta(days=count - 1 - index)
        minute = min(max(round(rng.gauss(21 * 60 + 45, 25)), 20 * 60), 23 * 60 + 30)
        started = datetime.combine(
            evening, time(minute // 60, minute % 60, rng.randrange(60)), zone
        ).astimezone(UTC)
        planned = rng.choice((15, 20, 20, 25, 25, 30, 30, 35, 40))
        stopped_early = rng.random() < 0.12  # noqa: PLR2004
        active = round(rng.uniform(2.5, planned - 1), 1) if stopped_early else planned
        paused = rng.choice((0, 0, 0, 0, 0, 0, 0, 0, 60, 180))
        night = None
        if rng.random() < 0.85:  # noqa: PLR2004
            onset = started + timedelta(minutes=active + rng.uniform(20, 90))
            night = SleepNight(
                duration_minutes=round(rng.uniform(330, 540)),
                # 25-minute sessions go with slightly better nights here.
                score=round(min(95, max(40, rng.gauss(72 + 6 * (planned == 25), 9)))),  # noqa: PLR2004
                latency_minutes=round(rng.uniform(4, 45)),
                onset=onset.astimezone(zone).strftime("%H:%M"),
            )
            nights[evening.isoformat()] = night.as_dict()
        record = SessionRecord(
            id=ulid_at_time(started.timestamp()),
            started_at=started,
            ended_at=started + timedelta(minutes=active, seconds=paused),
            planned_minutes=planned,
            active_minutes=float(active),
            body_area=rng.choice(("back", "back", "back", "neck", "feet")),
            outcome=OUTCOME_STOPPED_EARLY if stopped_early else OUTCOME_COMPLETED,
            ended_while_offline=rng.random() < 0.01,  # noqa: PLR2004
            rating=rng.choice((None, 1, 2, 3, 3, 4, 4, 4, 5, 5)),
            notes=(rng.choice(notes) or None) if rng.random() < 0.05 else None,  # noqa: PLR2004
            sleep=night,
        )
        records.append(record.as_dict())
    return {"records": records, "nights": nights, "seeded": []}


def write_store(config_dir: Path, key: str, version: int, data: dict[str, Any]) -> Path:
    """Write a file the way Home Assistant's Store keeps it."""
    path = config_dir / ".storage" / key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps({"version": version, "minor_version": 1, "key": key, "data": data})
    )
    return path


def write_history(config_dir: Path, count: int) -> Path:
    """A history file of count sessions ending last night."""
    last_evening = datetime.now(ZoneInfo(TIME_ZONE)).date() - timedelta(days=1)
    return write_store(
        config_dir,
        f"{DOMAIN}.{ENTRY_ID}.history",
        HISTORY_STORAGE_VERSION,
        generate_history(count, last_evening),
    )


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


# --- (e) event-loop stalls --------------------------------------------------------


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


# --- (g) a sleep tracker polling every minute, frozen clock -------------------------


@callback
def every_event(_data: Any) -> bool:
    """Listen to every event of a type (state reports need a filter)."""
    return True


async def measure_sleep_polling(work: Path) -> Figures:
    """History writes while a cloud sleep tracker polls once a minute for days.

    The tracker re-writes its three sensors at every poll. It syncs a night on
    the first and the last morning; the nights between were not measured.
    """
    use_ha_fake_datetime()
    writes: Counter[str] = Counter()
    write_data = MatStore._async_write_data  # noqa: SLF001

    async def counted(store: MatStore, data: dict[str, Any]) -> None:
        writes[store.key] += 1
        await write_data(store, data)

    reports: list[Event[Any]] = []
    start = datetime.combine(
        FIRST_EVENING.date() + timedelta(days=1), time(6, 50), FIRST_EVENING.tzinfo
    )
    with (
        freezegun.freeze_time(start) as frozen,
        mock_config_flow(sleep_tracker.SLEEP_CLOUD, ConfigFlow),
        patch.object(MatStore, "_async_write_data", counted),
    ):
        assert isinstance(frozen, FrozenDateTimeFactory)
        async with running_hass(work / "polling") as hass:
            cloud = sleep_tracker.SleepCloud()
            await sleep_tracker.async_setup_sleep_tracker(hass, cloud)
            await set_up_mat(
                hass,
                {
                    CONF_SLEEP_SCORE_SENSOR: sleep_tracker.SCORE,
                    CONF_SLEEP_DURATION_SENSOR: sleep_tracker.DURATION,
                    CONF_SLEEP_LATENCY_SENSOR: sleep_tracker.LATENCY,
                },
            )
            hass.bus.async_listen(
                EVENT_STATE_REPORTED, reports.append, event_filter=every_event
            )
            history_key = f"{DOMAIN}.{ENTRY_ID}.history"
            writes.clear()
            polls = cloud.polls
            for minute in range(POLL_DAYS * 24 * 60):
                if minute == 10:  # noqa: PLR2004
                    cloud.sync(sleep_tracker.Night(25200, 80, 600))
                if minute == (POLL_DAYS - 1) * 24 * 60 + 10:
                    cloud.sync(sleep_tracker.Night(27000, 80, 900))
                frozen.tick(sleep_tracker.POLL_INTERVAL)
                async_fire_time_changed(hass)
                await hass.async_block_till_done()
            frozen.tick(timedelta(seconds=SLEEP_SAVE_DELAY))
            async_fire_time_changed(hass)
            await hass.async_block_till_done()
            nights = len(
                cast(
                    "MockConfigEntry", hass.config_entries.async_get_entry(ENTRY_ID)
                ).runtime_data.engine.history.nights
            )
            polls = cloud.polls - polls
    return {
        "days": POLL_DAYS,
        "polls": polls,
        "reports": len(reports),
        "nights_filed": nights,
        "nights_measured": 2,
        "history_writes": writes[history_key],
    }


# --- (f) the end's lateness, real clock ----------------------------------------------


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


# --- report ----------------------------------------------------------------------


def machine() -> Figures:
    """What the figures were measured on."""
    return {
        "cpu_cores": os.cpu_count(),
        "cpu": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "home_assistant": ha_version,
        "system": f"{platform.system()} {platform.release()}",
    }


def met(ok: bool) -> str:
    """Whether a target was met, for the table."""
    return "yes" if ok else "**no**"


def summary_rows(figures: Figures) -> list[tuple[str, ...]]:
    """The figures table: what, the mat, the reference, ratio, target, met."""
    writes, setup = figures["state_writes"], figures["setup"]
    large, small = figures["log"]["large"], figures["log"]["small"]
    stall, late = figures["setup_stall"], figures["lateness"]
    busy, polling = figures["busy_stall"], figures["sleep_polling"]
    rec = writes["recorder_per_session"]
    most = max(e["writes_per_session"] for e in writes["mat_entities"].values())
    between = writes["mat_total_between"]
    n = f"{LARGE_LOG:,}"

    def month(key: str, target: str) -> tuple[str, ...]:
        growth = large[key] / small[key]
        return (
            f"{large[key]} ms",
            f"{small[key]} ms ({SMALL_LOG} sessions)",
            f"{growth:.1f}x",
            target,
            met(growth < MONTH_GROWTH_LIMIT) if target else "",
        )

    def rows(side: str) -> str:
        r = rec[side]
        return f"{r['states']:g} + {r['events']:g} + {r['state_attributes']:g}"

    def written(side: str) -> str:
        value = rec[side].get("written_bytes")
        return "n/a" if value is None else f"{value / 1024:.0f} KB"

    return [
        (
            "State writes per 20-min session, total (most by one entity)",
            f"{writes['mat_total_per_session']} ({most})",
            f"timer: {writes['timer_per_session']}",
            "",
            "<= 2 per entity",
            met(most <= 2),  # noqa: PLR2004
        ),
        (
            "State writes between start and end (1-s steps)",
            str(between),
            f"timer: {writes['timer_between']}",
            "",
            "0",
            met(between == 0),
        ),
        (
            f"Config entry setup, median of {setup['runs']}",
            f"{setup['mat_ms']} ms",
            f"timer: {setup['timer_ms']} ms",
            f"{setup['ratio']}x",
            "",
            "",
        ),
        (
            f"Load {n} sessions",
            f"{large['load_ms']} ms",
            f"json.loads: {large['json_loads_ms']} ms",
            f"{large['load_ratio_to_json_loads']}x",
            "",
            "",
        ),
        (
            f"get_history, one month of {n}",
            *month("get_history_month_ms", "does not grow"),
        ),
        (
            f"Calendar events, one month of {n}",
            *month("calendar_month_ms", "does not grow"),
        ),
        (f"Recommendation over {n}", *month("recommendation_ms", "")),
        (
            "Storage per session",
            f"{large['bytes_per_session']} B",
            f"{large['file_bytes']:,} B / {n}",
            "",
            "",
            "",
        ),
        (
            "Recorder rows per session (states + events + attributes)",
            rows("mat"),
            f"timer: {rows('timer')}",
            "",
            "",
            "",
        ),
        (
            "Recorder bytes written per session (SQLite, WAL)",
            written("mat"),
            f"timer: {written('timer')}",
            "",
            "",
            "",
        ),
        *stall_rows(stall, ""),
        *stall_rows(busy, ", a core kept busy"),
        (
            f"Longest loop stall, saving {n}",
            f"{large['longest_stall_saving_ms']} ms",
            f"{small['longest_stall_saving_ms']} ms ({SMALL_LOG} sessions)",
            "",
            f"< {STALL_TARGET_MS:g} ms",
            met(large["longest_stall_saving_ms"] < STALL_TARGET_MS),
        ),
        (
            f"History writes, a sleep tracker polling every minute for "
            f"{polling['days']} days",
            f"{polling['history_writes']} ({polling['nights_filed']} nights filed)",
            f"{polling['polls']:,} polls, {polling['reports']:,} reports",
            "",
            f"1 per measured night ({polling['nights_measured']})",
            met(
                polling["history_writes"]
                == polling["nights_filed"]
                == polling["nights_measured"]
            ),
        ),
        (
            f"End lateness, median of {late['runs']}",
            f"{late['median_ms']} ms (worst {late['worst_ms']})",
            "",
            "",
            "",
            "",
        ),
        (
            "End lateness after a restart",
            f"{late['after_restart_median_ms']} ms "
            f"(worst {late['after_restart_worst_ms']})",
            "",
            "",
            "",
            "",
        ),
    ]


def stall_rows(stall: Figures, busy: str) -> list[tuple[str, ...]]:
    """The loop-stall rows of one stall measurement (median of the runs, worst)."""
    n = f"{LARGE_LOG:,}"
    runs = f"median of {stall['runs']}"
    return [
        (
            f"Longest loop stall, {what} {n}{busy} ({runs})",
            f"{stall[f'{key}median_ms']} ms (worst {stall[f'{key}worst_ms']})",
            "",
            "",
            f"< {stall['target_ms']:g} ms",
            met(stall[f"{key}worst_ms"] < stall["target_ms"]),
        )
        for what, key in (
            ("setup with", ""),
            ("a rating saved with", "rating_"),
            ("a night filed and written with", "night_"),
        )
    ]


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table, padded so it also reads as plain text."""
    widths = [
        max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))
    ]

    def line(cells: Sequence[str]) -> str:
        return (
            "| "
            + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))
            + " |"
        )

    return "\n".join(
        [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
        + [line(row) for row in rows]
    )


def report(figures: Figures) -> str:
    """The figures as two tables: the summary and the writes of each entity."""
    writes = figures["state_writes"]
    summary = markdown_table(
        ("Figure", "Acupressure Mat", "Reference", "Ratio", "Target", "Met"),
        summary_rows(figures),
    )
    entities = markdown_table(
        ("Entity", "Writes per session", "Between start and end"),
        [
            (
                entity_id,
                str(e["writes_per_session"]),
                str(e["writes_between_start_and_end"]),
            )
            for entity_id, e in writes["mat_entities"].items()
        ]
        + [
            (
                "**mat total**",
                str(writes["mat_total_per_session"]),
                str(writes["mat_total_between"]),
            ),
            (
                f"{TIMER_ENTITY} (core timer, reference)",
                str(writes["timer_per_session"]),
                str(writes["timer_between"]),
            ),
        ],
    )
    m = figures["machine"]
    return (
        f"Measured by script/bench in {figures['seconds']:.0f} s on {m['cpu_cores']} "
        f"CPU cores ({m['cpu']}, {m['system']}), Python {m['python']}, "
        f"Home Assistant {m['home_assistant']}.\n\n{summary}\n\n{entities}\n"
    )


async def run(output: Path) -> Figures:
    """Every figure, in one run."""
    started = clock.perf_counter()
    figures: Figures = {"machine": machine()}
    with (
        tempfile.TemporaryDirectory(prefix="mat-bench-") as tmp,
        patch("homeassistant.components.http.start_http_server_and_save_config"),
    ):
        work = Path(tmp)
        steps: list[tuple[str, Callable[[], Awaitable[Figures]]]] = [
            ("state_writes", lambda: measure_writes_and_recorder(work)),
            ("setup", lambda: measure_setup(work)),
            ("log_large", lambda: measure_log(work, LARGE_LOG)),
            ("log_small", lambda: measure_log(work, SMALL_LOG)),
            ("setup_stall", lambda: measure_stalls(work, busy=False)),
            ("busy_stall", lambda: measure_stalls(work, busy=True)),
            ("sleep_polling", lambda: measure_sleep_polling(work)),
            ("lateness", lambda: measure_lateness(work)),
        ]
        for name, step in steps:
            print(f"==> {name}", file=sys.stderr, flush=True)
            figures[name] = await step()
    large, small = figures.pop("log_large"), figures.pop("log_small")
    figures["log"] = {
        "large": large,
        "small": small,
        f"ratio_{LARGE_LOG}_to_{SMALL_LOG}": {
            key: round(large[key] / small[key], 2)
            for key in (
                "load_ms",
                "get_history_month_ms",
                "calendar_month_ms",
                "recommendation_ms",
            )
        },
    }
    figures["seconds"] = round(clock.perf_counter() - started, 1)
    output.write_text(json.dumps(figures, indent=2) + "\n")
    return figures


def main() -> None:
    """Run the benchmarks, print the tables and write the JSON file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=REPO / "bench.json")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    figures = asyncio.run(run(args.output))
    print(report(figures))
    print(f"Wrote {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
