"""The log_session action: a session done without Home Assistant."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.acupressure_mat.const import DOMAIN, EVENT_SESSION_ENDED
from custom_components.acupressure_mat.history import SessionHistory
from custom_components.acupressure_mat.models import SleepNight
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.util import dt as dt_util

from .conftest import ENTRY_ID, async_add_mat

SESSION = "sensor.bedroom_mat_session"
HISTORY_KEY = f"{DOMAIN}.{ENTRY_ID}.history"


def _local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=dt_util.get_default_time_zone())


@pytest.fixture
async def mat(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    mock_config_entry: MockConfigEntry,
) -> SessionHistory:
    """Amsterdam, 09:00 on 3 November 2026."""
    await hass.config.async_set_time_zone("Europe/Amsterdam")
    freezer.move_to(_local(3, 9))
    entry = await async_add_mat(hass, mock_config_entry)
    history: SessionHistory = entry.runtime_data.engine.history
    return history


async def _log(hass: HomeAssistant, **data: Any) -> dict[str, Any]:
    result: Any = await hass.services.async_call(
        DOMAIN,
        "log_session",
        data,
        target={"entity_id": SESSION},
        blocking=True,
        return_response=True,
    )
    return dict(result[SESSION])


async def test_log_a_session_done_elsewhere(
    hass: HomeAssistant, mat: SessionHistory, hass_storage: dict[str, Any]
) -> None:
    """Logged at once, with last night's sleep, in the totals; no session events."""
    await mat.async_file_sleep(date(2026, 11, 2), score=81)
    ended = async_capture_events(hass, EVENT_SESSION_ENDED)

    response = await _log(
        hass,
        start="2026-11-02 21:30:00",
        minutes=25,
        body_area="feet",
        rating=5,
        notes="on holiday",
    )

    record = mat.records[-1]
    assert response == {"session_id": record.id, "outcome": "completed"}
    assert record.started_at == _local(2, 21, 30)
    assert record.ended_at == _local(2, 21, 55)
    assert (record.planned_minutes, record.active_minutes) == (25, 25.0)
    assert (record.body_area, record.rating, record.notes) == ("feet", 5, "on holiday")
    assert record.sleep == SleepNight(score=81)
    stored = hass_storage[HISTORY_KEY]["data"]["records"]
    assert [r["id"] for r in stored] == [record.id]
    assert hass.states.get("sensor.bedroom_mat_total_minutes").state == "25.0"
    assert ended == []


async def test_log_defaults_to_a_session_that_just_ended(
    hass: HomeAssistant, mat: SessionHistory
) -> None:
    """Without a start it ended just now, on the mat's body area.

    Under 15 minutes it is a session stopped early.
    """
    await _log(hass, minutes=10)

    record = mat.records[-1]
    assert record.ended_at == dt_util.utcnow()
    assert record.started_at == _local(3, 8, 50)
    assert (record.body_area, record.planned_minutes, record.outcome) == (
        "back",
        15,
        "stopped_early",
    )

    # The latest session is rated without knowing its id.
    await hass.services.async_call(
        DOMAIN,
        "rate_session",
        {"rating": 3},
        target={"entity_id": SESSION},
        blocking=True,
    )
    assert mat.records[-1].rating == 3


@pytest.mark.parametrize(
    ("data", "key", "message"),
    [
        (
            {"minutes": 1},
            "logged_minutes_out_of_range",
            "A logged session lasts 2 to 40 minutes on the mat; 1 was given",
        ),
        (
            {"minutes": 45},
            "logged_minutes_out_of_range",
            "A logged session lasts 2 to 40 minutes on the mat; 45 was given",
        ),
        (
            {"minutes": 20, "start": "2026-11-03 08:50:00"},
            "logged_session_in_future",
            "Only a session that is over can be logged; "
            "this one would end at 2026-11-03 09:10",
        ),
        (
            {"minutes": 20, "start": "2026-11-02 21:10:00"},
            "logged_session_overlaps",
            "This session would overlap the one that started at 2026-11-02 21:00; "
            "a mat has one session at a time",
        ),
        ({"minutes": 20, "rating": 6}, "rating_out_of_range", None),
        ({"minutes": 20, "notes": "x" * 501}, "notes_too_long", None),
        ({"minutes": 20, "body_area": "knees"}, "invalid_body_area", None),
    ],
)
async def test_log_refused(
    hass: HomeAssistant,
    mat: SessionHistory,
    freezer: FrozenDateTimeFactory,
    data: dict[str, Any],
    key: str,
    message: str | None,
) -> None:
    """Each refusal says what is allowed, and nothing is logged."""
    await _log(hass, start="2026-11-02 21:00:00", minutes=20)
    hass.config.language = "en"

    with pytest.raises(ServiceValidationError) as err:
        await _log(hass, **data)

    assert err.value.translation_key == key
    if message is not None:
        assert str(err.value) == message
    assert len(mat.records) == 1


async def test_log_refused_while_a_session_runs_over_it(
    hass: HomeAssistant, mat: SessionHistory, freezer: FrozenDateTimeFactory
) -> None:
    """A session that would end during the running one overlaps it."""
    await hass.services.async_call(
        DOMAIN,
        "start_session",
        {"duration": 20},
        target={"entity_id": SESSION},
        blocking=True,
    )
    freezer.tick(timedelta(minutes=5))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()

    with pytest.raises(ServiceValidationError) as err:
        await _log(hass, minutes=10)

    assert err.value.translation_key == "logged_session_overlaps"
    assert mat.records == []
