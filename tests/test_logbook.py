"""The logbook tells a session's story: one plain line per thing, with its cause.

Read through Home Assistant's logbook API (`logbook/get_events`) over the
recorder, as the logbook panel and the device page read it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.acupressure_mat.const import (
    CONF_OCCUPANCY_SENSOR,
    DOMAIN,
    EVENT_SESSION_ENDED,
)
from custom_components.acupressure_mat.logbook import async_describe_events
from custom_components.acupressure_mat.texts import text
from homeassistant.auth.models import User
from homeassistant.const import CONF_NAME
from homeassistant.core import Context, Event, HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import translation
from homeassistant.setup import async_setup_component

from .conftest import ENTRY_ID, Logbook, async_setup_mat, let_time_pass

SESSION = "sensor.bedroom_mat_session"
START_BUTTON = "button.bedroom_mat_start_session"
OCCUPANCY = "binary_sensor.bed_occupied"


async def _call(
    hass: HomeAssistant, action: str, context: Context | None = None, **data: Any
) -> None:
    await hass.services.async_call(
        DOMAIN,
        action,
        data,
        target={"entity_id": SESSION},
        blocking=True,
        context=context,
    )


async def test_a_session_told_in_plain_lines(
    hass: HomeAssistant,
    logbook: Logbook,
    freezer: FrozenDateTimeFactory,
    hass_admin_user: User,
) -> None:
    """Started, paused, resumed, extended, completed and rated: a line each."""
    await async_setup_mat(hass)
    user = Context(user_id=hass_admin_user.id)
    await hass.services.async_call(
        "button",
        "press",
        target={"entity_id": START_BUTTON},
        blocking=True,
        context=user,
    )
    await let_time_pass(hass, freezer, 5)
    await _call(hass, "pause_session", Context(user_id=hass_admin_user.id))
    await let_time_pass(hass, freezer, 2)
    await _call(hass, "resume_session", Context(user_id=hass_admin_user.id))
    await _call(hass, "extend_session", Context(user_id=hass_admin_user.id), minutes=5)
    await let_time_pass(hass, freezer, 15)
    await _call(hass, "rate_session", Context(user_id=hass_admin_user.id), rating=4)

    assert await logbook.story() == [
        "Bedroom mat started a 15 minute back session",
        "Bedroom mat paused the session with 10 min left",
        "Bedroom mat resumed the session with 10 min left",
        "Bedroom mat added 5 min: the session is now 20 minutes",
        "Bedroom mat completed 20 minutes",
        "Bedroom mat rated the session 4 out of 5",
    ]
    lines = [e for e in await logbook.entries() if e.get("domain") == DOMAIN]
    # Each line names the user who caused it and how; the end came by itself.
    causes = [
        (line.get("context_user_id"), line.get("context_service")) for line in lines
    ]
    assert causes == [
        (hass_admin_user.id, "press"),
        (hass_admin_user.id, "pause_session"),
        (hass_admin_user.id, "resume_session"),
        (hass_admin_user.id, "extend_session"),
        (None, None),
        (hass_admin_user.id, "rate_session"),
    ]
    assert all(line["entity_id"] == SESSION for line in lines)


async def test_an_automation_is_named_as_the_cause(
    hass: HomeAssistant, logbook: Logbook
) -> None:
    """A start by an automation shows the automation behind it."""
    await async_setup_mat(hass)
    assert await async_setup_component(
        hass,
        "automation",
        {
            "automation": {
                "alias": "Wind down",
                "id": "wind_down",
                "triggers": [{"trigger": "event", "event_type": "bedtime"}],
                "actions": [
                    {
                        "action": f"{DOMAIN}.start_session",
                        "target": {"entity_id": SESSION},
                        "data": {"duration": 20},
                    }
                ],
            }
        },
    )
    hass.bus.async_fire("bedtime")
    await hass.async_block_till_done()

    [started] = [e for e in await logbook.entries() if e.get("domain") == DOMAIN]
    assert started["message"] == "started a 20 minute back session"
    assert started["context_event_type"] == "automation_triggered"
    assert started["context_name"] == "Wind down"
    assert started["context_entity_id"] == "automation.wind_down"


@pytest.mark.parametrize(
    ("body_area", "stop_after", "line"),
    [
        ("back", 40, "stopped after 40 seconds: a false start, not logged"),
        ("neck", 3, "stopped right after starting: a false start, not logged"),
        ("feet", 12 * 60 + 20, "stopped early after 12 of 20 minutes"),
    ],
)
async def test_a_stop_says_what_it_was(
    hass: HomeAssistant,
    logbook: Logbook,
    freezer: FrozenDateTimeFactory,
    body_area: str,
    stop_after: int,
    line: str,
) -> None:
    """A false start is told in seconds and as such; an early stop against its plan."""
    await async_setup_mat(hass)
    await _call(hass, "start_session", duration=20, body_area=body_area)
    await let_time_pass(hass, freezer, seconds=stop_after)
    await _call(hass, "stop_session")

    story = await logbook.story()
    assert story[1:] == [f"Bedroom mat {line}"]


@pytest.mark.parametrize(
    ("body_area", "line"),
    [
        ("back", "started a 20 minute back session"),
        ("neck", "started a 20 minute neck session"),
        ("feet", "started a 20 minute session for the feet"),
    ],
)
async def test_each_body_area_has_its_sentence(
    hass: HomeAssistant, logbook: Logbook, body_area: str, line: str
) -> None:
    """A whole sentence per body area, so each language can say it its own way."""
    await async_setup_mat(hass)
    await _call(hass, "start_session", duration=20, body_area=body_area)

    assert await logbook.story() == [f"Bedroom mat {line}"]


async def test_a_pause_too_long_ends_the_session(
    hass: HomeAssistant, logbook: Logbook, freezer: FrozenDateTimeFactory
) -> None:
    """The pause limit's end says why the session ended."""
    await async_setup_mat(hass)
    await _call(hass, "start_session", duration=20)
    await let_time_pass(hass, freezer, 5)
    await _call(hass, "pause_session")
    await let_time_pass(hass, freezer, 31)

    assert (await logbook.story())[-1] == (
        "Bedroom mat ended after a pause of over 30 minutes: "
        "stopped early after 5 of 20 minutes"
    )


async def test_the_reminder_has_its_line(
    hass: HomeAssistant, logbook: Logbook, freezer: FrozenDateTimeFactory
) -> None:
    """Someone still on the mat ten minutes after the end is reminded, and told."""
    hass.states.async_set(OCCUPANCY, "on")
    await async_setup_mat(hass, **{CONF_OCCUPANCY_SENSOR: OCCUPANCY})
    await _call(hass, "start_session", duration=15)
    await let_time_pass(hass, freezer, 15)
    await let_time_pass(hass, freezer, 10)

    assert await logbook.story() == [
        "Bedroom mat started a 15 minute back session",
        "Bedroom mat completed 15 minutes",
        "Bedroom mat reminded whoever was still on the mat to get up slowly",
    ]


async def test_lines_in_home_assistant_s_language(
    hass: HomeAssistant, logbook: Logbook, freezer: FrozenDateTimeFactory
) -> None:
    """The lines follow the language set in Home Assistant."""
    # As Home Assistant's start-up does: texts load again when the language changes.
    translation.async_setup(hass)
    await async_setup_mat(hass)
    await hass.config.async_update(language="de")
    await hass.async_block_till_done()
    await _call(hass, "start_session", duration=20, body_area="neck")
    await let_time_pass(hass, freezer, 1)
    await _call(hass, "stop_session")

    assert await logbook.story() == [
        "Bedroom mat hat eine Sitzung von 20 Minuten für den Nacken begonnen",
        "Bedroom mat hat die Sitzung nach 60 Sekunden beendet: "
        "ein Fehlstart, nicht gespeichert",
    ]


async def test_a_rating_in_the_calendar_is_told_too(
    hass: HomeAssistant, logbook: Logbook, freezer: FrozenDateTimeFactory
) -> None:
    """The calendar dialog's rating line rates the session, with its own line."""
    await async_setup_mat(hass)
    await _call(hass, "start_session", duration=15)
    await let_time_pass(hass, freezer, 15)
    history = hass.config_entries.async_get_entry(ENTRY_ID).runtime_data.engine.history
    record = history.latest
    assert record is not None

    await logbook.client.send_json_auto_id(
        {
            "type": "calendar/event/update",
            "entity_id": "calendar.bedroom_mat_sessions",
            "uid": record.id,
            "event": {
                "summary": "Mat session: 15 min, back",
                "dtstart": record.started_at.isoformat(),
                "dtend": record.ended_at.isoformat(),
                "description": "Completed 15 min.\nRating: 5/5.",
            },
        }
    )
    assert (await logbook.client.receive_json())["success"]

    assert (await logbook.story())[-1] == "Bedroom mat rated the session 5 out of 5"


async def test_an_untranslated_language_reads_english(
    hass: HomeAssistant, logbook: Logbook
) -> None:
    """A language without the mat's translation falls back to English."""
    translation.async_setup(hass)
    await async_setup_mat(hass)
    await hass.config.async_update(language="it")
    await hass.async_block_till_done()
    await _call(hass, "start_session", duration=20)

    assert await logbook.story() == ["Bedroom mat started a 20 minute back session"]
    # A sentence missing everywhere shows its key, never an error.
    assert text(hass, "logbook_unknown") == "logbook_unknown"


async def test_a_renamed_mat_tells_its_new_name(
    hass: HomeAssistant, logbook: Logbook
) -> None:
    """A rename (Home Assistant's own) takes effect without a reload."""
    entry = await async_setup_mat(hass)
    hass.config_entries.async_update_entry(entry, title="Guest mat")
    await hass.async_block_till_done()
    await _call(hass, "start_session", duration=20)

    assert await logbook.story() == ["Guest mat started a 20 minute back session"]


async def test_an_end_while_home_assistant_was_off(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """A session that completed while Home Assistant was off says so."""
    describers: dict[str, Any] = {}
    async_describe_events(
        hass, lambda _domain, kind, describe: describers.__setitem__(kind, describe)
    )
    ended = Event(
        EVENT_SESSION_ENDED,
        {
            CONF_NAME: "Bedroom mat",
            "entity_id": SESSION,
            "session_id": "01JSESSION",
            "body_area": "back",
            "minutes": 20.0,
            "planned_minutes": 20,
            "outcome": "completed",
            "false_start": False,
            "ended_while_offline": True,
            "paused_too_long": False,
            "rating": None,
        },
    )

    assert describers[EVENT_SESSION_ENDED](ended) == {
        "name": "Bedroom mat",
        "message": "completed 20 minutes while Home Assistant was off",
        "entity_id": SESSION,
    }


async def _save_options(
    hass: HomeAssistant, entry: MockConfigEntry, **changes: Any
) -> None:
    """Save the options form as a user does: every field as shown, some changed."""
    form = await hass.config_entries.options.async_init(entry.entry_id)
    wanted = {**entry.options, **changes}
    result = await hass.config_entries.options.async_configure(
        form["flow_id"],
        {
            str(name): {
                str(key): wanted[str(key)]
                for key in part.schema.schema
                if str(key) in wanted
            }
            for name, part in form["data_schema"].schema.items()
        },
    )
    await hass.async_block_till_done()
    assert result["type"] is FlowResultType.CREATE_ENTRY, result


# What Home Assistant's logbook shows of the mat's own entities besides its lines:
# every change of a state that is not a measurement (the session's enum, its end's
# timestamp, the calendar's on/off, the activity's timestamp, the button's press).
# Core's logbook hides only "continuous" sensors (unit, state class or numeric
# device class, see logbook/helpers.py is_sensor_continuous), which none of these
# may be, so they are pinned here: a new state change would add a line.
STATE_LINES_OF_A_SESSION = {
    "button.bedroom_mat_start_session": 1,
    "calendar.bedroom_mat_sessions": 2,
    SESSION: 4,
    "sensor.bedroom_mat_session_end": 5,
    "sensor.bedroom_mat_last_session_end": 1,
    "event.bedroom_mat_activity": 5,
}


async def test_a_whole_evening_in_the_logbook(
    hass: HomeAssistant,
    logbook: Logbook,
    freezer: FrozenDateTimeFactory,
    hass_admin_user: User,
) -> None:
    """Start, pause, resume, extend, an options save, the end and a rating."""
    entry = await async_setup_mat(hass)
    await hass.services.async_call(
        "button",
        "press",
        target={"entity_id": START_BUTTON},
        blocking=True,
        context=Context(user_id=hass_admin_user.id),
    )
    await let_time_pass(hass, freezer, 5)
    await _call(hass, "pause_session")
    await let_time_pass(hass, freezer, 2)
    await _call(hass, "resume_session")
    await let_time_pass(hass, freezer, 1)
    await _call(hass, "extend_session", minutes=5)
    await _save_options(hass, entry, brightness_pct=40)
    await let_time_pass(hass, freezer, 14)
    await _call(hass, "rate_session", rating=4)

    entries = await logbook.entries()
    # The options save tells nothing: it changes no state and ends no session.
    assert await logbook.story() == [
        "Bedroom mat started a 15 minute back session",
        "Bedroom mat paused the session with 10 min left",
        "Bedroom mat resumed the session with 10 min left",
        "Bedroom mat added 5 min: the session is now 20 minutes",
        "Bedroom mat completed 20 minutes",
        "Bedroom mat rated the session 4 out of 5",
    ]
    state_lines = Counter(
        entry_["entity_id"] for entry_ in entries if "message" not in entry_
    )
    assert dict(state_lines) == STATE_LINES_OF_A_SESSION
    assert len(entries) == 6 + sum(STATE_LINES_OF_A_SESSION.values())
