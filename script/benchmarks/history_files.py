"""(c) The long log written as the integration stores it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
import json
from pathlib import Path
import random
from typing import Any
from zoneinfo import ZoneInfo

from custom_components.acupressure_mat.const import (
    DOMAIN,
    HISTORY_STORAGE_VERSION,
    OUTCOME_COMPLETED,
    OUTCOME_STOPPED_EARLY,
)
from custom_components.acupressure_mat.models import SessionRecord, SleepNight
from homeassistant.util.ulid import ulid_at_time

from .common import ENTRY_ID, TIME_ZONE


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
