"""The sessions calendar stays current for the calendar card and panel.

From the release that has it (2026.10.4 here, not 2026.2.3), the calendar card
and panel subscribe with `calendar/event/subscribe` and redraw from what the
subscription pushes. Every release shows the running session as the calendar
entity's current event.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from custom_components.acupressure_mat.const import DOMAIN
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util

from .compat import has_calendar_subscriptions
from .conftest import let_time_pass

SESSION = "sensor.bedroom_mat_session"
CALENDAR = "calendar.bedroom_mat_sessions"
EVENING = datetime(2026, 3, 10, 20, 0, tzinfo=dt_util.UTC)


async def _call(hass: HomeAssistant, action: str, **data: Any) -> None:
    await hass.services.async_call(
        DOMAIN, action, data, target={"entity_id": SESSION}, blocking=True
    )


class CalendarView:
    """A calendar card showing the evening: what its subscription last pushed."""

    def __init__(self, hass: HomeAssistant, client: Any) -> None:
        """Watch through one websocket connection."""
        self.hass = hass
        self.client = client
        self.subscription = 0

    async def subscribe(self) -> list[dict[str, Any]]:
        """Subscribe as the card does; returns the first events pushed."""
        await self.client.send_json_auto_id(
            {
                "type": "calendar/event/subscribe",
                "entity_id": CALENDAR,
                "start": (EVENING - timedelta(hours=20)).isoformat(),
                "end": (EVENING + timedelta(hours=4)).isoformat(),
            }
        )
        result = await self.client.receive_json()
        assert result["success"], result
        self.subscription = result["id"]
        return await self.pushed()

    async def pushed(self) -> list[dict[str, Any]]:
        """The events of the next push."""
        message = await self.client.receive_json()
        assert message["id"] == self.subscription
        events: list[dict[str, Any]] = message["event"]["events"]
        return events

    async def after(
        self, freezer: FrozenDateTimeFactory, seconds: float = 2
    ) -> list[dict[str, Any]]:
        """What the card shows once Home Assistant's one-second debounce passed.

        A change may push twice (at once, and when the debounce ends); the card
        shows the last push. A ping answered after the pushes marks their end.
        """
        freezer.tick(timedelta(seconds=seconds))
        async_fire_time_changed(self.hass)
        await self.hass.async_block_till_done()
        await self.client.send_json_auto_id({"type": "ping"})
        events: list[dict[str, Any]] | None = None
        while (message := await self.client.receive_json())["type"] != "pong":
            assert message["id"] == self.subscription
            events = message["event"]["events"]
        assert events is not None, "nothing was pushed"
        return events


async def _calendar_view(
    hass: HomeAssistant,
    entry: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
    freezer: FrozenDateTimeFactory,
) -> CalendarView:
    """The Bedroom mat on the evening, and a calendar card's connection."""
    if not has_calendar_subscriptions():
        pytest.skip("this Home Assistant has no calendar subscription")
    # The test server freezes its routes once it serves, so the integration and
    # the calendar (their routes) come first; the connection logs in before the
    # clock moves.
    assert await async_setup_component(hass, DOMAIN, {})
    assert await async_setup_component(hass, "calendar", {})
    client = await hass_ws_client(hass)
    freezer.move_to(EVENING)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return CalendarView(hass, client)


def _only(events: list[dict[str, Any]]) -> tuple[str, str, str]:
    [event] = events
    return event["summary"], event["start"], event["end"]


async def test_subscribers_see_every_change_at_once(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Start, extend, pause, stop, edit and delete each reach a subscribed card."""
    view = await _calendar_view(hass, mock_config_entry, hass_ws_client, freezer)
    client = view.client

    assert await view.subscribe() == []

    await _call(hass, "start_session", duration=20)
    assert _only(await view.after(freezer)) == (
        "Mat session: 20 min, back (running)",
        "2026-03-10T20:00:00+00:00",
        "2026-03-10T20:20:00+00:00",
    )

    await let_time_pass(hass, freezer, 5)
    await _call(hass, "extend_session", minutes=5)
    summary, _, end = _only(await view.after(freezer))
    assert (summary, end) == (
        "Mat session: 25 min, back (running)",
        "2026-03-10T20:25:00+00:00",
    )

    await _call(hass, "pause_session")
    assert _only(await view.after(freezer))[0] == "Mat session: 25 min, back (paused)"

    await _call(hass, "stop_session")
    [logged] = await view.after(freezer)
    assert (logged["summary"], logged["end"]) == (
        "Mat session: 5.1 min, back",
        "2026-03-10T20:05:06+00:00",
    )
    assert logged["description"] == "Stopped early after 5.1 min of 25."

    await client.send_json_auto_id(
        {
            "type": "calendar/event/update",
            "entity_id": CALENDAR,
            "uid": logged["uid"],
            "event": {
                "summary": logged["summary"],
                "dtstart": logged["start"],
                "dtend": logged["end"],
                "description": f"{logged['description']}\nRating: 4/5.",
            },
        }
    )
    assert (await client.receive_json())["success"]
    [edited] = await view.after(freezer)
    assert edited["description"] == "Stopped early after 5.1 min of 25.\nRating: 4/5."

    await client.send_json_auto_id(
        {"type": "calendar/event/delete", "entity_id": CALENDAR, "uid": logged["uid"]}
    )
    assert (await client.receive_json())["success"]
    assert await view.after(freezer) == []


async def test_a_completed_session_leaves_the_running_one(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """At its end, the running session becomes the logged one without a reload."""
    view = await _calendar_view(hass, mock_config_entry, hass_ws_client, freezer)
    await view.subscribe()
    await _call(hass, "start_session", duration=15)
    await view.after(freezer)

    await let_time_pass(hass, freezer, 15)

    [logged] = await view.after(freezer)
    assert logged["summary"] == "Mat session: 15 min, back"


async def test_the_current_event_follows_the_session(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """On every release: the calendar entity's current event is the session as it is."""
    now = dt_util.now()
    await _call(hass, "start_session", duration=20)
    assert hass.states.get(CALENDAR).attributes["end_time"] == (
        dt_util.as_local(now + timedelta(minutes=20)).strftime("%Y-%m-%d %H:%M:%S")
    )

    await _call(hass, "extend_session", minutes=5)
    state = hass.states.get(CALENDAR)
    assert state.attributes["message"] == "Mat session: 25 min, back (running)"
    assert state.attributes["end_time"] == (
        dt_util.as_local(now + timedelta(minutes=25)).strftime("%Y-%m-%d %H:%M:%S")
    )

    await _call(hass, "pause_session")
    assert hass.states.get(CALENDAR).attributes["message"] == (
        "Mat session: 25 min, back (paused)"
    )

    await _call(hass, "stop_session")
    assert hass.states.get(CALENDAR).state == "off"
