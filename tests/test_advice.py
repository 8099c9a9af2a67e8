"""The advice sensors: recommendation, sleep effect, typical onset, next start."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.acupressure_mat.const import (
    CONF_SLEEP_SCORE_SENSOR,
    CONF_SLEEP_START_ENTITY,
    DOMAIN,
)
from custom_components.acupressure_mat.history import evening_of
from custom_components.acupressure_mat.models import SessionRecord
from custom_components.acupressure_mat.recommendation import VERDICTS
from homeassistant.core import HomeAssistant
from homeassistant.helpers.translation import async_get_translations
from homeassistant.util import dt as dt_util

from .conftest import ENTRY_ID, mat_entry

SESSION = "sensor.bedroom_mat_session"
RECOMMENDED = "sensor.bedroom_mat_recommended_duration"
NEXT_START = "sensor.bedroom_mat_next_session_start"
ONSET = "sensor.bedroom_mat_typical_sleep_onset"
EFFECT = "sensor.bedroom_mat_sleep_effect"


@pytest.fixture
def mock_config_entry() -> MockConfigEntry:
    """The Bedroom mat with its sleep sensors chosen, so its sleep advice shows."""
    return mat_entry(
        entry_id=ENTRY_ID,
        **{
            CONF_SLEEP_SCORE_SENSOR: "sensor.sleep_score",
            CONF_SLEEP_START_ENTITY: "sensor.sleep_start",
        },
    )


@pytest.fixture(autouse=True)
async def local_evening(hass: HomeAssistant, freezer: FrozenDateTimeFactory) -> None:
    """Amsterdam, 18:00 local on 2026-11-02."""
    await hass.config.async_set_time_zone("Europe/Amsterdam")
    freezer.move_to(
        datetime(2026, 11, 2, 18, 0, tzinfo=dt_util.get_default_time_zone())
    )


def _local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=dt_util.get_default_time_zone())


async def _complete_session(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, **data: Any
) -> dict[str, Any]:
    result: Any = await hass.services.async_call(
        DOMAIN,
        "start_session",
        data,
        target={"entity_id": SESSION},
        blocking=True,
        return_response=True,
    )
    freezer.tick(timedelta(minutes=result[SESSION]["planned_minutes"]))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    return dict(result[SESSION])


async def test_beginner_progression_and_use_recommended(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A new mat recommends 15 minutes; three completed sessions add five."""
    state = hass.states.get(RECOMMENDED)
    assert state.state == "15"
    assert state.attributes["basis"] == "beginner_progression"
    assert state.attributes["nights"] == 0

    for day in (2, 3, 4):
        freezer.move_to(_local(day, 21))
        started = await _complete_session(hass, freezer, use_recommended=True)
        assert started["planned_minutes"] == 15
    assert hass.states.get(RECOMMENDED).state == "20"

    freezer.move_to(_local(5, 21))
    started = await _complete_session(hass, freezer, use_recommended=True)
    assert started["planned_minutes"] == 20


async def test_next_session_start_from_bedtime(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Bedtime minus the recommendation minus 10 minutes; then the next evening."""
    # 22:30 - 15 - 10 = 22:05 local.
    assert dt_util.parse_datetime(hass.states.get(NEXT_START).state) == _local(2, 22, 5)
    assert hass.states.get(NEXT_START).attributes["based_on"] == "bedtime"

    await hass.services.async_call(
        "time",
        "set_value",
        {"time": "23:00:00"},
        target={"entity_id": "time.bedroom_mat_bedtime"},
        blocking=True,
    )
    assert dt_util.parse_datetime(hass.states.get(NEXT_START).state) == _local(
        2, 22, 35
    )

    # Once it has passed, it moves to the next evening by itself.
    freezer.move_to(_local(2, 22, 36))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert dt_util.parse_datetime(hass.states.get(NEXT_START).state) == _local(
        3, 22, 35
    )


@pytest.mark.parametrize(
    ("onset", "expected_start", "based_on"),
    [
        ("22:00", (2, 21, 35), "typical_sleep_onset"),
        ("23:45", (2, 22, 5), "bedtime"),
    ],
)
async def test_next_session_start_with_sleep_start(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    onset: str,
    expected_start: tuple[int, int, int],
    based_on: str,
) -> None:
    """The session ends before the user usually falls asleep, if that is earlier."""
    history = init_integration.runtime_data.engine.history
    for day in (29, 30, 31):
        await history.async_file_sleep(date(2026, 10, day), onset=onset)
    await hass.async_block_till_done()

    assert hass.states.get(ONSET).state == onset
    state = hass.states.get(NEXT_START)
    assert dt_util.parse_datetime(state.state) == _local(*expected_start)
    assert state.attributes["based_on"] == based_on


async def test_sleep_effect(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Mean score on mat nights minus other nights, once both have 3 nights."""
    assert hass.states.get(EFFECT).state == "unknown"
    history = init_integration.runtime_data.engine.history
    for day in (2, 3, 4):
        freezer.move_to(_local(day, 21))
        await _complete_session(hass, freezer, duration=20)
        await history.async_file_sleep(date(2026, 11, day), score=80)
    for day in (5, 6):
        await history.async_file_sleep(date(2026, 11, day), score=70)
    await hass.async_block_till_done()
    assert hass.states.get(EFFECT).state == "unknown"
    assert hass.states.get(EFFECT).attributes["mat_nights"] == 3
    assert hass.states.get(EFFECT).attributes["baseline_nights"] == 2
    assert hass.states.get(EFFECT).attributes["verdict"] == "not_enough_nights"
    assert hass.states.get(EFFECT).attributes["band_low"] is None

    await history.async_file_sleep(date(2026, 11, 7), score=76)
    await hass.async_block_till_done()
    state = hass.states.get(EFFECT)
    assert float(state.state) == pytest.approx(8.0)
    assert state.attributes["mat_mean_score"] == 80
    assert state.attributes["baseline_mean_score"] == 72
    # Other nights 70, 70, 76: standard error 2, 2 degrees of freedom, t = 4.303.
    assert state.attributes["band_low"] == -0.61
    assert state.attributes["band_high"] == 16.61
    assert state.attributes["method"] == "welch_t_95"
    assert state.attributes["verdict"] == "no_clear_difference"
    # The mat night's record carries the night's figures.
    assert history.records[-1].sleep is not None
    assert history.records[-1].sleep.score == 80


async def test_sleep_effect_band_excludes_zero_over_thirty_nights(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Thirty clearly better mat nights: the band lies above zero, so it says so."""
    history = init_integration.runtime_data.engine.history
    for day in range(30):
        started = _local(2, 21) - timedelta(days=60 - day)
        await history.async_add(
            SessionRecord(
                id=f"mat-{day}",
                started_at=started,
                ended_at=started + timedelta(minutes=20),
                planned_minutes=20,
                active_minutes=20,
                body_area="back",
                outcome="completed",
            )
        )
        spread = 3 if day % 2 else -3
        await history.async_file_sleep(evening_of(started), score=83 + spread)
        await history.async_file_sleep(
            evening_of(started) - timedelta(days=100), score=77 + spread
        )
    await hass.async_block_till_done()

    state = hass.states.get(EFFECT)
    assert float(state.state) == pytest.approx(6.0)
    assert state.attributes["mat_nights"] == state.attributes["baseline_nights"] == 30
    assert (state.attributes["band_low"], state.attributes["band_high"]) == (4.42, 7.58)
    assert state.attributes["verdict"] == "higher_on_mat_nights"


@pytest.mark.parametrize("language", ["en", "de", "nl", "fr", "es"])
async def test_sleep_effect_verdicts_are_translated(
    hass: HomeAssistant, init_integration: MockConfigEntry, language: str
) -> None:
    """Each verdict reads as a sentence in every language, never a bare key."""
    translations = await async_get_translations(hass, language, "entity", {DOMAIN})
    prefix = f"component.{DOMAIN}.entity.sensor.sleep_effect.state_attributes"
    for verdict in VERDICTS:
        sentence = translations[f"{prefix}.verdict.state.{verdict}"]
        assert "95" in sentence or verdict == "not_enough_nights"
        assert verdict not in sentence
    assert translations[f"{prefix}.method.state.welch_t_95"]
    if language != "en":
        english = await async_get_translations(hass, "en", "entity", {DOMAIN})
        key = f"{prefix}.verdict.state.higher_on_mat_nights"
        assert translations[key] != english[key]
