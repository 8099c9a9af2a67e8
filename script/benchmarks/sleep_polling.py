"""(g) A sleep tracker polling every minute, frozen clock."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any, cast
from unittest.mock import patch

import freezegun
from freezegun.api import FrozenDateTimeFactory
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
    mock_config_flow,
)

from custom_components.acupressure_mat.const import (
    CONF_SLEEP_DURATION_SENSOR,
    CONF_SLEEP_LATENCY_SENSOR,
    CONF_SLEEP_SCORE_SENSOR,
    DOMAIN,
)
from custom_components.acupressure_mat.history import SLEEP_SAVE_DELAY
from custom_components.acupressure_mat.storage import MatStore
from homeassistant.config_entries import ConfigFlow
from homeassistant.const import EVENT_STATE_REPORTED
from homeassistant.core import Event, callback
from tests.devices import sleep_tracker

from .common import (
    ENTRY_ID,
    FIRST_EVENING,
    POLL_DAYS,
    Figures,
    running_hass,
    set_up_mat,
    use_ha_fake_datetime,
)


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
