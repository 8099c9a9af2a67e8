"""The bedtime relaxation blueprint, loaded by Home Assistant's blueprint code.

Automations made from it run on the real core: the mat's real session entity and
sensors, the real time, template and event triggers, the real conditions.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from datetime import datetime, timedelta
from functools import partial
import hashlib
from pathlib import Path
import re
from typing import Any
from urllib.parse import parse_qs, urlparse

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
    async_mock_service,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import AiohttpClientMocker
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.acupressure_mat.bedtime_blueprint import SHIPPED_BLUEPRINT
from custom_components.acupressure_mat.const import (
    CONF_OCCUPANCY_SENSOR,
    CONF_SLEEP_SCORE_SENSOR,
    DOMAIN,
)
from homeassistant.components.blueprint.importer import fetch_blueprint_from_url
from homeassistant.components.blueprint.models import Blueprint, BlueprintInputs
from homeassistant.components.blueprint.schemas import BLUEPRINT_SCHEMA
from homeassistant.const import EVENT_HOMEASSISTANT_STARTED
from homeassistant.core import CoreState, HomeAssistant, ServiceCall
from homeassistant.helpers import device_registry as dr
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util, yaml as yaml_util

from .conftest import async_add_mat, mat_entry

REPOSITORY = Path(__file__).parents[1]
BLUEPRINT_FILE = (
    REPOSITORY / "blueprints/automation/acupressure_mat/bedtime_relaxation.yaml"
)
BLUEPRINT_PATH = "acupressure_mat/bedtime_relaxation.yaml"
SOURCE_URL = (
    "https://github.com/acupressure-mat/ha-acupressure-mat/blob/main/"
    "blueprints/automation/acupressure_mat/bedtime_relaxation.yaml"
)
RAW_URL = (
    "https://raw.githubusercontent.com/acupressure-mat/ha-acupressure-mat/main/"
    "blueprints/automation/acupressure_mat/bedtime_relaxation.yaml"
)

AUTOMATION = "automation.bedtime_relaxation"
SESSION = "sensor.bedroom_mat_session"
NEXT_SESSION_START = "sensor.bedroom_mat_next_session_start"
LAST_SESSION_END = "sensor.bedroom_mat_last_session_end"
OCCUPANCY = "binary_sensor.mat_occupied"
SLEEP_SCORE = "sensor.sleep_score"
PERSON = "person.alex"
PHONE_SERVICE = "mobile_app_test_phone"
NOTIFICATION_ACTION = "mobile_app_notification_action"

# Enough turns of the event loop for a run to start, call the mat and wait.
_LOOP_TURNS = 100

INPUTS = {
    "mat",
    "use_recommended",
    "duration",
    "wind_down",
    "days",
    "presence",
    "occupancy_sensor",
    "sleep_score_sensor",
    "score_threshold",
    "notify_device",
    "question",
    "start_answer",
    "skip_answer",
    "answer_timeout",
    "ask_by_voice",
    "satellite",
    "voice_question",
}


def _local(hour: int, minute: int, day: int = 20) -> datetime:
    """A local time on Friday 20 February 2026 (or another day of that month)."""
    return datetime(2026, 2, day, hour, minute, tzinfo=dt_util.get_default_time_zone())


@pytest.fixture(autouse=True)
async def evening(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, tmp_path: Path
) -> AsyncGenerator[None]:
    """Friday 20:00, in a configuration whose automations have a blueprint folder.

    The mat puts its blueprint there itself when it is set up, as for a user.
    """
    freezer.move_to(_local(20, 0))
    hass.config.config_dir = str(tmp_path)
    await hass.async_add_executor_job(
        partial(_automation_blueprints(hass).mkdir, parents=True)
    )
    yield
    # Disarm the automation's time triggers, as the mats are unloaded after a test:
    # from 2026.10 an armed trigger's timer outlives Home Assistant's stop.
    if hass.services.has_service("automation", "turn_off"):
        await hass.services.async_call(
            "automation", "turn_off", {"entity_id": "all"}, blocking=True
        )


def _automation_blueprints(hass: HomeAssistant) -> Path:
    """The configuration's folder of automation blueprints."""
    return Path(hass.config.path("blueprints", "automation"))


async def _set_up_automation(hass: HomeAssistant, **inputs: Any) -> None:
    """An automation from the blueprint for the Bedroom mat."""
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "id": "bedtime_relaxation",
                "alias": "Bedtime relaxation",
                "use_blueprint": {
                    "path": BLUEPRINT_PATH,
                    "input": {"mat": SESSION, **inputs},
                },
            }
        },
    )
    await hass.async_block_till_done()
    assert hass.states.get(AUTOMATION).state == "on"


def _runs(hass: HomeAssistant) -> int:
    """How many runs of the automation are under way (waiting, mostly)."""
    current: int = hass.states.get(AUTOMATION).attributes["current"]
    return current


async def _settle(hass: HomeAssistant) -> None:
    """Run everything that can run now.

    A run waiting for an answer, or for the first 2 minutes of a session to pass,
    is a task that does not end yet, so blocking till all tasks are done would
    never return (as in Home Assistant's own blueprint tests).
    """
    for _ in range(_LOOP_TURNS):
        await asyncio.sleep(0)


async def _at(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, moment: datetime
) -> None:
    freezer.move_to(moment)
    async_fire_time_changed(hass, moment)
    await _settle(hass)


async def _wait(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, minutes: float
) -> None:
    await _at(hass, freezer, dt_util.now() + timedelta(minutes=minutes))


async def _set(
    hass: HomeAssistant, entity_id: str, state: str, **attributes: Any
) -> None:
    hass.states.async_set(entity_id, state, attributes)
    await _settle(hass)


def _session(hass: HomeAssistant) -> tuple[str, Any]:
    """The mat's state and planned minutes."""
    state = hass.states.get(SESSION)
    return state.state, state.attributes.get("planned_minutes")


async def _call(hass: HomeAssistant, service: str, **data: Any) -> None:
    await hass.services.async_call(
        DOMAIN, service, data, target={"entity_id": SESSION}, blocking=True
    )


# --- the blueprint file --------------------------------------------------------


async def test_blueprint_is_valid(hass: HomeAssistant) -> None:
    data = await hass.async_add_executor_job(yaml_util.load_yaml, BLUEPRINT_FILE)
    assert isinstance(data, dict)
    blueprint = Blueprint(data, expected_domain="automation", schema=BLUEPRINT_SCHEMA)

    assert blueprint.validate() is None
    assert blueprint.metadata["source_url"] == SOURCE_URL
    assert blueprint.metadata["homeassistant"] == {"min_version": "2026.2.3"}
    assert set(blueprint.inputs) == INPUTS
    for key, value in blueprint.inputs.items():
        assert value["name"], key
        assert value["description"], key
        assert value["selector"], key
    sections = blueprint.metadata["input"]
    assert all("input" in section for section in sections.values())
    assert [key for key, s in sections.items() if s.get("collapsed")] == [
        "fixed_duration_section",
        "occupancy_section",
        "sleep_section",
        "phone_section",
        "voice_section",
    ]
    # Only the mat must be chosen.
    inputs = BlueprintInputs(
        blueprint, {"use_blueprint": {"path": "x.yaml", "input": {"mat": SESSION}}}
    )
    inputs.validate()
    assert inputs.inputs_with_default["days"] == [
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
    ]

    # Saving it (as an import does) gives a blueprint that loads again.
    saved = yaml_util.parse_yaml(blueprint.yaml())
    assert isinstance(saved, dict)
    again = Blueprint(
        saved,
        expected_domain="automation",
        schema=BLUEPRINT_SCHEMA,
    )
    assert again.inputs == blueprint.inputs


async def test_imported_by_url_from_the_readme(
    hass: HomeAssistant, aioclient_mock: AiohttpClientMocker
) -> None:
    readme = await hass.async_add_executor_job((REPOSITORY / "README.md").read_text)
    links = re.findall(
        r"https://my\.home-assistant\.io/redirect/blueprint_import/\?[^)\s]+", readme
    )
    assert len(links) == 1
    url = parse_qs(urlparse(links[0]).query)["blueprint_url"][0]
    assert url == RAW_URL
    text = await hass.async_add_executor_job(BLUEPRINT_FILE.read_text)
    aioclient_mock.get(RAW_URL, text=text)  # type: ignore[no-untyped-call]

    imported = await fetch_blueprint_from_url(hass, url)

    assert imported.blueprint.name == "Acupressure mat bedtime relaxation"
    assert imported.blueprint.domain == "automation"
    assert imported.suggested_filename == "acupressure-mat/bedtime_relaxation"


# --- when it starts --------------------------------------------------------------


@pytest.mark.usefixtures("init_integration")
async def test_starts_at_the_mats_next_session_start(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """By default: bedtime 22:30 minus 15 recommended minutes minus 10 = 22:05."""
    await _set_up_automation(hass)
    start = dt_util.parse_datetime(hass.states.get(NEXT_SESSION_START).state)
    assert start == _local(22, 5)

    await _at(hass, freezer, _local(22, 4))
    assert _session(hass) == ("idle", None)

    await _at(hass, freezer, _local(22, 5))
    assert _session(hass) == ("running", 15)


@pytest.mark.parametrize(
    "wind_down",
    [
        "21:30:00",
        {"active_choice": "time", "time": "21:30:00", "entity": NEXT_SESSION_START},
    ],
    ids=["yaml", "ui"],
)
@pytest.mark.usefixtures("init_integration")
async def test_starts_at_a_fixed_time(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, wind_down: Any
) -> None:
    await _set_up_automation(
        hass, wind_down=wind_down, use_recommended=False, duration=25
    )

    await _at(hass, freezer, _local(21, 29))
    assert _session(hass) == ("idle", None)
    await _at(hass, freezer, _local(21, 30))
    assert _session(hass) == ("running", 25)


@pytest.mark.usefixtures("init_integration")
async def test_starts_at_another_timestamp_sensor(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await _set(
        hass, "sensor.wind_down", _local(21, 45).isoformat(), device_class="timestamp"
    )
    await _set_up_automation(
        hass, wind_down={"active_choice": "entity", "entity": "sensor.wind_down"}
    )

    await _at(hass, freezer, _local(21, 45))
    assert _session(hass) == ("running", 15)


@pytest.mark.parametrize(
    ("days", "expected"),
    [(["fri"], "running"), (["sat", "sun"], "idle")],
    ids=["friday", "weekend_only"],
)
@pytest.mark.usefixtures("init_integration")
async def test_days_of_the_week(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, days: list[str], expected: str
) -> None:
    await _set_up_automation(hass, wind_down="21:30", days=days)

    await _at(hass, freezer, _local(21, 30))
    assert _session(hass)[0] == expected


@pytest.mark.parametrize(
    ("presence", "expected"),
    [("home", "running"), ("not_home", "idle")],
)
@pytest.mark.usefixtures("init_integration")
async def test_only_when_someone_is_home(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, presence: str, expected: str
) -> None:
    await _set(hass, PERSON, presence)
    await _set_up_automation(hass, wind_down="21:30", presence=PERSON)

    await _at(hass, freezer, _local(21, 30))
    assert _session(hass)[0] == expected


# --- lying down ------------------------------------------------------------------


@pytest.mark.usefixtures("init_integration")
async def test_lying_down_starts_and_getting_up_at_once_is_a_false_start(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await _set(hass, OCCUPANCY, "off")
    await _set_up_automation(hass, wind_down="23:00", occupancy_sensor=OCCUPANCY)

    await _set(hass, OCCUPANCY, "on")
    assert _session(hass) == ("running", 15)

    await _wait(hass, freezer, 1)
    await _set(hass, OCCUPANCY, "off")
    assert _session(hass) == ("idle", None)
    # Not logged, so lying down again this evening starts a session again.
    assert hass.states.get(LAST_SESSION_END).state == "unknown"
    await _set(hass, OCCUPANCY, "on")
    assert _session(hass) == ("running", 15)
    await _wait(hass, freezer, 3)


@pytest.mark.usefixtures("init_integration")
async def test_getting_up_after_two_minutes_leaves_the_session_running(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await _set(hass, OCCUPANCY, "off")
    await _set_up_automation(hass, wind_down="23:00", occupancy_sensor=OCCUPANCY)
    await _set(hass, OCCUPANCY, "on")

    await _wait(hass, freezer, 2.5)
    await _set(hass, OCCUPANCY, "off")

    assert _session(hass) == ("running", 15)


@pytest.mark.usefixtures("init_integration")
async def test_a_wind_down_start_with_nobody_on_the_mat_keeps_running(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """The occupancy sensor is off all along: no getting up, no stop."""
    await _set(hass, OCCUPANCY, "off")
    await _set_up_automation(hass, wind_down="21:30", occupancy_sensor=OCCUPANCY)

    await _at(hass, freezer, _local(21, 30))
    await _wait(hass, freezer, 3)

    assert _session(hass) == ("running", 15)


# --- after a poor night ----------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "inputs", "planned"),
    [
        ("45", {}, 20),
        ("45", {"use_recommended": False, "duration": 30}, 35),
        ("45", {"use_recommended": False, "duration": 38}, 40),
        ("45", {"use_recommended": False, "duration": 40}, 40),
        ("60", {}, 15),
        ("75", {"score_threshold": 80}, 20),
        ("unavailable", {}, 15),
    ],
    ids=[
        "recommended",
        "fixed",
        "capped_at_40",
        "already_40",
        "at_the_threshold",
        "own_threshold",
        "no_score",
    ],
)
@pytest.mark.usefixtures("init_integration")
async def test_a_poor_night_lengthens_the_session(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    score: str,
    inputs: dict[str, Any],
    planned: int,
) -> None:
    await _set(hass, SLEEP_SCORE, score)
    await _set_up_automation(
        hass, wind_down="21:30", sleep_score_sensor=SLEEP_SCORE, **inputs
    )

    await _at(hass, freezer, _local(21, 30))

    assert _session(hass) == ("running", planned)


# --- asking on a phone first -----------------------------------------------------


@pytest.fixture
def phone(hass: HomeAssistant) -> tuple[str, list[ServiceCall]]:
    """A companion-app phone: its device and the calls to its notify action."""
    entry = MockConfigEntry(domain="mobile_app", title="Test phone")
    entry.add_to_hass(hass)
    device = dr.async_get(hass).async_get_or_create(
        config_entry_id=entry.entry_id,
        identifiers={("mobile_app", "test-phone")},
        name="Test phone",
    )
    return device.id, async_mock_service(hass, "notify", PHONE_SERVICE)


def _answers(call: ServiceCall) -> dict[str, str]:
    return {a["title"]: a["action"] for a in call.data["data"]["actions"]}


@pytest.mark.parametrize(
    ("answer", "expected"),
    [(0, ("running", 15)), (1, ("idle", None))],
    ids=["start", "skip"],
)
@pytest.mark.parametrize(
    ("words", "said"),
    [
        ({}, ("Start your mat session?", "Start", "Skip")),
        # A blueprint has one text for all languages: the user writes their own.
        (
            {
                "question": "Zin in een matsessie?",
                "start_answer": "Ja",
                "skip_answer": "Vandaag niet",
            },
            ("Zin in een matsessie?", "Ja", "Vandaag niet"),
        ),
    ],
    ids=["default", "own_words"],
)
@pytest.mark.usefixtures("init_integration")
async def test_asks_on_the_phone_first(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    phone: tuple[str, list[ServiceCall]],
    words: dict[str, str],
    said: tuple[str, str, str],
    answer: int,
    expected: tuple[str, Any],
) -> None:
    device_id, notifications = phone
    message, start, skip = said
    await _set_up_automation(hass, wind_down="21:30", notify_device=device_id, **words)

    await _at(hass, freezer, _local(21, 30))

    assert _session(hass) == ("idle", None)
    [question] = notifications
    assert question.data["title"] == "Bedroom mat"
    assert question.data["message"] == message
    answers = _answers(question)
    assert set(answers) == {start, skip}
    # Unique to this run, so an old notification can't answer a new question.
    assert answers[start] != answers[skip]

    hass.bus.async_fire(NOTIFICATION_ACTION, {"action": "SOMETHING_ELSE"})
    await _settle(hass)
    assert _session(hass) == ("idle", None)

    await _wait(hass, freezer, 5)
    hass.bus.async_fire(NOTIFICATION_ACTION, {"action": answers[(start, skip)[answer]]})
    await _settle(hass)

    assert _session(hass) == expected
    assert len(notifications) == 1
    # A started session is watched for 2 minutes for a false start.
    await _wait(hass, freezer, 2)
    assert _runs(hass) == 0


@pytest.mark.usefixtures("init_integration")
async def test_no_answer_starts_nothing_and_clears_the_question(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    phone: tuple[str, list[ServiceCall]],
) -> None:
    device_id, notifications = phone
    await _set_up_automation(
        hass,
        wind_down="21:30",
        notify_device=device_id,
        answer_timeout={"minutes": 10},
    )
    await _at(hass, freezer, _local(21, 30))
    question = notifications[0]

    await _wait(hass, freezer, 10)

    assert _session(hass) == ("idle", None)
    clear = notifications[1]
    assert clear.data["message"] == "clear_notification"
    assert clear.data["data"]["tag"] == question.data["data"]["tag"]
    assert _runs(hass) == 0


@pytest.mark.usefixtures("init_integration")
async def test_lying_down_answers_the_question(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    phone: tuple[str, list[ServiceCall]],
) -> None:
    device_id, notifications = phone
    await _set(hass, OCCUPANCY, "off")
    await _set_up_automation(
        hass, wind_down="21:30", notify_device=device_id, occupancy_sensor=OCCUPANCY
    )
    await _at(hass, freezer, _local(21, 30))

    await _set(hass, OCCUPANCY, "on")

    assert _session(hass) == ("running", 15)
    assert [n.data["message"] for n in notifications] == [
        "Start your mat session?",
        "clear_notification",
    ]
    await _wait(hass, freezer, 3)
    assert _runs(hass) == 0


@pytest.mark.usefixtures("init_integration")
async def test_a_session_started_while_the_question_waits_is_left_alone(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    phone: tuple[str, list[ServiceCall]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    device_id, notifications = phone
    await _set_up_automation(hass, wind_down="21:30", notify_device=device_id)
    await _at(hass, freezer, _local(21, 30))
    await _call(hass, "start_session", duration=30)

    hass.bus.async_fire(
        NOTIFICATION_ACTION, {"action": _answers(notifications[0])["Start"]}
    )
    await _settle(hass)

    assert _session(hass) == ("running", 30)
    # Stopped by its conditions, not by a refused start.
    assert _runs(hass) == 0
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


# --- never twice -----------------------------------------------------------------


@pytest.mark.usefixtures("init_integration")
async def test_no_second_session_the_same_evening(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await _set_up_automation(hass, wind_down="21:30")
    await _call(hass, "start_session", duration=20)
    await _wait(hass, freezer, 20)
    ended = dt_util.parse_datetime(hass.states.get(LAST_SESSION_END).state)
    assert ended == _local(20, 20)

    await _at(hass, freezer, _local(21, 30))
    assert _session(hass) == ("idle", None)

    # The next evening is a new evening.
    await _at(hass, freezer, _local(21, 30, day=21))
    assert _session(hass) == ("running", 15)


@pytest.mark.usefixtures("init_integration")
async def test_a_session_in_the_morning_does_not_count_for_the_evening(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await _at(hass, freezer, _local(9, 0))
    await _call(hass, "start_session", duration=15)
    await _wait(hass, freezer, 15)
    await _set_up_automation(hass, wind_down="21:30")

    await _at(hass, freezer, _local(21, 30))

    assert _session(hass) == ("running", 15)


@pytest.mark.parametrize("pause", [False, True], ids=["running", "paused"])
@pytest.mark.usefixtures("init_integration")
async def test_never_while_a_session_runs(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, pause: bool
) -> None:
    await _set(hass, OCCUPANCY, "off")
    await _set_up_automation(hass, wind_down="21:30", occupancy_sensor=OCCUPANCY)
    await _at(hass, freezer, _local(21, 20))
    await _call(hass, "start_session", duration=30)
    if pause:
        await _call(hass, "pause_session")
    state = hass.states.get(SESSION)

    await _at(hass, freezer, _local(21, 30))
    await _set(hass, OCCUPANCY, "on")

    assert hass.states.get(SESSION) == state
    assert hass.states.get(AUTOMATION).attributes.get("last_triggered") is None


# --- the mat's own sensors -------------------------------------------------------

OTHER_OCCUPANCY = "binary_sensor.bed_occupied"


@pytest.fixture
async def mat_with_sensors(hass: HomeAssistant) -> MockConfigEntry:
    """The Bedroom mat with an occupancy and a sleep score sensor in its options."""
    await _set(hass, OCCUPANCY, "off")
    return await async_add_mat(
        hass,
        mat_entry(
            **{CONF_OCCUPANCY_SENSOR: OCCUPANCY, CONF_SLEEP_SCORE_SENSOR: SLEEP_SCORE}
        ),
    )


@pytest.mark.usefixtures("mat_with_sensors")
async def test_lying_down_on_the_mats_own_sensor(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Left empty, the occupancy input is the sensor in the mat's options."""
    await _set_up_automation(hass, wind_down="23:00")

    await _set(hass, OCCUPANCY, "on")
    assert _session(hass) == ("running", 15)

    await _wait(hass, freezer, 1)
    await _set(hass, OCCUPANCY, "off")
    assert _session(hass) == ("idle", None)
    assert hass.states.get(LAST_SESSION_END).state == "unknown"


@pytest.mark.usefixtures("mat_with_sensors")
async def test_a_wind_down_start_watches_the_mats_own_sensor_too(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Someone on the mat at the wind-down time who gets up at once: a false start."""
    await _set(hass, OCCUPANCY, "on")
    await _set_up_automation(hass, wind_down="21:30")
    await _at(hass, freezer, _local(21, 30))
    assert _session(hass) == ("running", 15)

    await _wait(hass, freezer, 0.5)
    await _set(hass, OCCUPANCY, "off")

    assert _session(hass) == ("idle", None)


@pytest.mark.usefixtures("mat_with_sensors")
async def test_a_sensor_chosen_in_the_blueprint_comes_first(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await _set(hass, OTHER_OCCUPANCY, "off")
    await _set_up_automation(hass, wind_down="23:00", occupancy_sensor=OTHER_OCCUPANCY)

    await _set(hass, OCCUPANCY, "on")
    assert _session(hass) == ("idle", None)
    # Stopped by its conditions before it ran.
    assert hass.states.get(AUTOMATION).attributes.get("last_triggered") is None

    await _set(hass, OTHER_OCCUPANCY, "on")
    assert _session(hass) == ("running", 15)
    await _wait(hass, freezer, 3)


@pytest.mark.usefixtures("mat_with_sensors")
async def test_the_same_sensor_in_both_places_starts_one_session(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await _set_up_automation(hass, wind_down="23:00", occupancy_sensor=OCCUPANCY)

    await _set(hass, OCCUPANCY, "on")
    await _wait(hass, freezer, 3)

    assert _session(hass) == ("running", 15)
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


@pytest.mark.usefixtures("mat_with_sensors")
async def test_a_poor_night_from_the_mats_own_sleep_sensor(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """The score the mat filed in the morning lengthens the evening's session."""
    await _at(hass, freezer, _local(8, 0))
    await _set(hass, SLEEP_SCORE, "45")
    await _at(hass, freezer, _local(20, 0))
    await _set_up_automation(hass, wind_down="21:30")

    await _at(hass, freezer, _local(21, 30))

    assert _session(hass) == ("running", 20)


@pytest.mark.usefixtures("mat_with_sensors")
async def test_a_sleep_sensor_chosen_in_the_blueprint_comes_first(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await _at(hass, freezer, _local(8, 0))
    await _set(hass, SLEEP_SCORE, "45")
    await _set(hass, "sensor.other_score", "80")
    await _at(hass, freezer, _local(20, 0))
    await _set_up_automation(
        hass, wind_down="21:30", sleep_score_sensor="sensor.other_score"
    )

    await _at(hass, freezer, _local(21, 30))

    assert _session(hass) == ("running", 15)


@pytest.mark.usefixtures("mat_with_sensors")
async def test_the_start_tells_last_nights_sleep(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """What the blueprint reads: the night before the session, as the mat filed it."""
    assert (await _start(hass))["last_night"] is None
    await _call(hass, "stop_session")

    await _at(hass, freezer, _local(7, 30, day=21))
    await _set(hass, SLEEP_SCORE, "81")
    await _at(hass, freezer, _local(21, 0, day=21))

    assert (await _start(hass))["last_night"] == {
        "duration_minutes": None,
        "score": 81.0,
        "latency_minutes": None,
        "onset": None,
    }


async def _start(hass: HomeAssistant) -> dict[str, Any]:
    response = await hass.services.async_call(
        DOMAIN,
        "start_session",
        {},
        target={"entity_id": SESSION},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    started: dict[str, Any] = response[SESSION]  # type: ignore[assignment]
    return started


@pytest.mark.parametrize(
    ("states", "told"),
    [
        (["off", "on", "off"], [True, False]),
        (["on", "unavailable", "on", "off"], [True, False]),
        (["unknown", "on", "off", "off"], [False]),
    ],
    ids=["lying_down_and_up", "back_from_unavailable", "from_unknown"],
)
@pytest.mark.usefixtures("mat_with_sensors")
async def test_the_mat_tells_who_lies_down_and_gets_up(
    hass: HomeAssistant, states: list[str], told: list[bool]
) -> None:
    """Only a real change from off to on or back is told."""
    events = async_capture_events(hass, "acupressure_mat_occupancy_changed")

    for state in states:
        await _set(hass, OCCUPANCY, state)

    assert [e.data["occupied"] for e in events] == told
    assert {(e.data["entity_id"], e.data["sensor"]) for e in events} <= {
        (SESSION, OCCUPANCY)
    }


async def test_the_mat_follows_a_new_occupancy_sensor(
    hass: HomeAssistant, mat_with_sensors: MockConfigEntry
) -> None:
    events = async_capture_events(hass, "acupressure_mat_occupancy_changed")
    await _set(hass, OTHER_OCCUPANCY, "off")

    hass.config_entries.async_update_entry(
        mat_with_sensors, options={CONF_OCCUPANCY_SENSOR: OTHER_OCCUPANCY}
    )
    await hass.async_block_till_done()
    await _set(hass, OCCUPANCY, "on")
    await _set(hass, OTHER_OCCUPANCY, "on")
    assert await hass.config_entries.async_unload(mat_with_sensors.entry_id)
    await _set(hass, OTHER_OCCUPANCY, "off")

    assert [e.data["sensor"] for e in events] == [OTHER_OCCUPANCY]


# --- the blueprint put in place ----------------------------------------------------

INSTALLED = "acupressure_mat/bedtime_relaxation.yaml"
STORE_KEY = "acupressure_mat.blueprint"


def _installed_path(hass: HomeAssistant) -> Path:
    return _automation_blueprints(hass) / INSTALLED


def test_the_integration_ships_the_repositorys_blueprint() -> None:
    """HACS installs only the integration's folder: it carries the same file."""
    assert SHIPPED_BLUEPRINT.read_bytes() == BLUEPRINT_FILE.read_bytes()


async def test_the_blueprint_is_listed_once_the_mat_is_set_up(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    mock_config_entry: MockConfigEntry,
) -> None:
    """No import: Settings > Blueprints lists it, read by Home Assistant's code."""
    assert await async_setup_component(hass, "automation", {})
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    client = await hass_ws_client(hass)

    await client.send_json_auto_id({"type": "blueprint/list", "domain": "automation"})
    response = await client.receive_json()

    assert response["success"]
    metadata = response["result"][INSTALLED]["metadata"]
    assert metadata["name"] == "Acupressure mat bedtime relaxation"
    assert metadata["source_url"] == SOURCE_URL


@pytest.mark.parametrize(
    ("on_disk", "remembered", "after"),
    [
        ("edited", None, "edited"),
        ("edited", "shipped_before", "edited"),
        ("shipped_before", "shipped_before", "shipped"),
        (None, "shipped_before", None),
        ("shipped", None, "shipped"),
    ],
    ids=[
        "users_own_copy",
        "edited_after_it_was_placed",
        "an_older_version_of_ours",
        "deleted_by_the_user",
        "already_there",
    ],
)
async def test_the_users_copy_is_never_overwritten(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    mock_config_entry: MockConfigEntry,
    on_disk: str | None,
    remembered: str | None,
    after: str | None,
) -> None:
    shipped = await hass.async_add_executor_job(BLUEPRINT_FILE.read_text)
    texts = {
        "edited": shipped.replace("mode: single", "mode: restart"),
        "shipped_before": shipped.replace("Wind-down time", "Wind down"),
        "shipped": shipped,
    }
    path = _installed_path(hass)
    if on_disk:
        await hass.async_add_executor_job(partial(path.parent.mkdir, parents=True))
        await hass.async_add_executor_job(path.write_text, texts[on_disk])
    if remembered:
        digest = hashlib.sha256(texts[remembered].encode()).hexdigest()
        hass_storage[STORE_KEY] = {"version": 1, "data": {"sha256": digest}}

    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()

    assert await hass.async_add_executor_job(_read_sync, path) == (
        texts[after] if after else None
    )
    if after == "shipped":
        assert hass_storage[STORE_KEY]["data"] == {
            "sha256": hashlib.sha256(shipped.encode()).hexdigest()
        }


async def test_the_last_mat_removed_forgets_the_blueprint(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    mock_config_entry: MockConfigEntry,
) -> None:
    """The last mat removed forgets the blueprint; the file is the user's and stays."""
    other = MockConfigEntry(
        domain=DOMAIN, title="Guest mat", data={"name": "Guest mat"}
    )
    for entry in (mock_config_entry, other):
        entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    path = _installed_path(hass)
    assert STORE_KEY in hass_storage

    await hass.config_entries.async_remove(other.entry_id)
    await hass.async_block_till_done()
    assert STORE_KEY in hass_storage

    await hass.config_entries.async_remove(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert STORE_KEY not in hass_storage
    assert await hass.async_add_executor_job(_read_sync, path) is not None


def _read_sync(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None


async def test_no_blueprint_folder_is_made(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """Home Assistant fills a missing folder with its own examples: leave it missing."""
    folder = _automation_blueprints(hass)
    await hass.async_add_executor_job(folder.rmdir)

    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()

    assert not await hass.async_add_executor_job(folder.exists)


async def test_a_blueprint_that_cant_be_written_leaves_the_mat_working(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # A file where the mat's blueprint folder would be.
    await hass.async_add_executor_job(
        (_automation_blueprints(hass) / "acupressure_mat").write_text, "x"
    )

    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()

    assert "Could not put the bedtime relaxation blueprint" in caplog.text
    assert _session(hass) == ("idle", None)


async def test_the_blueprint_waits_for_home_assistant_to_start(
    hass: HomeAssistant, mock_config_entry: MockConfigEntry
) -> None:
    """Until then Home Assistant may still be filling its blueprint folder."""
    hass.set_state(CoreState.starting)
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    path = _installed_path(hass)
    assert not await hass.async_add_executor_job(path.exists)

    hass.set_state(CoreState.running)
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STARTED)
    await hass.async_block_till_done()

    assert await hass.async_add_executor_job(path.exists)


# --- in another language -----------------------------------------------------------


@pytest.fixture
async def dutch_mat(hass: HomeAssistant, mock_config_entry: MockConfigEntry) -> str:
    """The Bedroom mat added in a Dutch house: its entity ids are Dutch."""
    hass.config.language = "nl"
    await async_add_mat(hass, mock_config_entry)
    session = "sensor.bedroom_mat_sessie"
    assert hass.states.get(session) is not None
    assert hass.states.get(NEXT_SESSION_START) is None
    return session


async def test_a_dutch_house_starts_at_the_mats_next_session_start(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, dutch_mat: str
) -> None:
    """The mat's sensors are found on its device, whatever their ids."""
    await _set_up_automation(hass, mat=dutch_mat)

    await _at(hass, freezer, _local(22, 4))
    assert hass.states.get(dutch_mat).state == "idle"
    await _at(hass, freezer, _local(22, 5))
    assert hass.states.get(dutch_mat).state == "running"


async def test_a_dutch_house_has_one_session_an_evening(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, dutch_mat: str
) -> None:
    await _set_up_automation(hass, mat=dutch_mat, wind_down="21:30")
    await hass.services.async_call(
        DOMAIN, "start_session", {}, target={"entity_id": dutch_mat}, blocking=True
    )
    await _wait(hass, freezer, 20)

    await _at(hass, freezer, _local(21, 30))
    assert hass.states.get(dutch_mat).state == "idle"
    await _at(hass, freezer, _local(21, 30, day=21))
    assert hass.states.get(dutch_mat).state == "running"
