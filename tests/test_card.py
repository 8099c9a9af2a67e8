"""The mat card: served by the integration, a dashboard resource, its summary feed."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date, datetime, timedelta
import hashlib
import json
from pathlib import Path
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockUser,
    async_fire_time_changed,
)
from pytest_homeassistant_custom_component.typing import (
    ClientSessionGenerator,
    MockHAClientWebSocket,
    WebSocketGenerator,
)

from custom_components.acupressure_mat.card import CARD_FILE, CARD_PATH
from custom_components.acupressure_mat.const import (
    CONF_SLEEP_DURATION_SENSOR,
    CONF_SLEEP_SCORE_SENSOR,
    DOMAIN,
)
from homeassistant.auth.models import Group
from homeassistant.components.frontend import DATA_EXTRA_MODULE_URL
from homeassistant.components.lovelace.const import LOVELACE_DATA
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util

from .conftest import ENTRY_ID, async_add_mat, mat_entry

SESSION = "sensor.bedroom_mat_session"
# The manifest's version, as a user's installation has it.
VERSION = json.loads(
    (
        Path(__file__).parents[1] / "custom_components/acupressure_mat/manifest.json"
    ).read_text()
)["version"]
RESOURCES_KEY = "lovelace_resources"


def _expected_url(content: bytes) -> str:
    return f"{CARD_PATH}?v={VERSION}&h={hashlib.sha256(content).hexdigest()[:12]}"


CARD_URL = _expected_url(CARD_FILE.read_bytes())


async def _resources(hass: HomeAssistant) -> list[dict[str, Any]]:
    collection = hass.data[LOVELACE_DATA].resources
    await collection.async_get_info()
    return list(collection.async_items())


def _ours(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [item for item in items if item["url"].startswith(CARD_PATH)]


@pytest.fixture
async def storage_dashboards(hass: HomeAssistant) -> None:
    """Dashboards in storage mode, Home Assistant's default."""
    assert await async_setup_component(hass, "lovelace", {})


# --- serving the file -------------------------------------------------------


async def test_card_file_is_served(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    """The built card comes from the integration's own URL, whatever the query."""
    client = await hass_client_no_auth()
    for url in (CARD_PATH, CARD_URL):
        response = await client.get(url)
        assert response.status == 200
        assert response.content_type in ("application/javascript", "text/javascript")
        assert await response.read() == CARD_FILE.read_bytes()


async def test_card_is_one_module_that_defines_its_elements_once() -> None:
    """The committed build is a single ES module that tolerates a second load."""
    text = CARD_FILE.read_text(encoding="utf-8")
    assert "acupressure-mat-card" in text
    assert "customElements.get(" in text
    # One file: no chunk for the editor to fetch.
    assert "import(" not in text


# --- the dashboard resource -------------------------------------------------


@pytest.mark.usefixtures("storage_dashboards")
async def test_storage_dashboards_get_one_resource(hass: HomeAssistant) -> None:
    """One resource with the version and the file's hash, however often mats load."""
    first = await async_add_mat(hass, mat_entry(entry_id=ENTRY_ID))
    [resource] = _ours(await _resources(hass))
    assert (resource["type"], resource["url"]) == ("module", CARD_URL)
    await async_add_mat(hass, mat_entry(title="Guest mat", entry_id="guest"))
    assert await hass.config_entries.async_reload(first.entry_id)
    await hass.async_block_till_done()
    assert [item["url"] for item in _ours(await _resources(hass))] == [CARD_URL]


async def test_resource_of_an_older_version_is_updated(
    hass: HomeAssistant, hass_storage: dict[str, Any]
) -> None:
    """An upgrade updates the card's resource in place and drops duplicates of it."""
    hass_storage[RESOURCES_KEY] = {
        "version": 1,
        "key": RESOURCES_KEY,
        "data": {
            "items": [
                {"id": "other", "type": "module", "url": "/hacsfiles/clock.js"},
                {"id": "old", "type": "module", "url": f"{CARD_PATH}?v=0.0.9&h=1"},
                {"id": "twice", "type": "js", "url": CARD_PATH},
            ]
        },
    }
    assert await async_setup_component(hass, "lovelace", {})
    await async_add_mat(hass, mat_entry(entry_id=ENTRY_ID))
    assert await _resources(hass) == [
        {"id": "other", "type": "module", "url": "/hacsfiles/clock.js"},
        {"id": "old", "type": "module", "url": CARD_URL},
    ]


@pytest.mark.usefixtures("storage_dashboards")
async def test_query_follows_the_file(hass: HomeAssistant, tmp_path: Path) -> None:
    """A new build of the card gets a new URL, so browsers load it at once."""
    build = tmp_path / "acupressure-mat-card.js"
    build.write_text("console.log('another build');")
    with patch("custom_components.acupressure_mat.card.CARD_FILE", build):
        await async_add_mat(hass, mat_entry(entry_id=ENTRY_ID))
    [resource] = _ours(await _resources(hass))
    assert resource["url"] == _expected_url(build.read_bytes())
    assert resource["url"] != CARD_URL


@pytest.mark.usefixtures("storage_dashboards")
async def test_removing_the_last_mat_removes_the_resource(hass: HomeAssistant) -> None:
    """The card stays while a mat is left; other resources are never touched."""
    collection = hass.data[LOVELACE_DATA].resources
    await collection.async_get_info()
    await collection.async_create_item({"res_type": "module", "url": "/local/x.js"})
    bedroom = await async_add_mat(hass, mat_entry(entry_id=ENTRY_ID))
    guest = await async_add_mat(hass, mat_entry(title="Guest mat", entry_id="guest"))
    await hass.config_entries.async_remove(bedroom.entry_id)
    assert [item["url"] for item in _ours(await _resources(hass))] == [CARD_URL]
    await hass.config_entries.async_remove(guest.entry_id)
    assert [item["url"] for item in await _resources(hass)] == ["/local/x.js"]


async def test_yaml_resources_get_an_extra_module_url(hass: HomeAssistant) -> None:
    """With resources in YAML, the frontend loads the card as an extra module."""
    assert await async_setup_component(
        hass, "lovelace", {"lovelace": {"resource_mode": "yaml"}}
    )
    assert await async_setup_component(hass, "frontend", {})
    entry = await async_add_mat(hass, mat_entry(entry_id=ENTRY_ID))
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert CARD_URL in hass.data[DATA_EXTRA_MODULE_URL].urls
    assert await _resources(hass) == []
    await hass.config_entries.async_remove(entry.entry_id)
    assert CARD_URL not in hass.data[DATA_EXTRA_MODULE_URL].urls


async def test_mat_loads_without_dashboards(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Without the frontend there is nothing to register, and nothing fails."""
    assert init_integration.state is ConfigEntryState.LOADED
    await hass.config_entries.async_remove(init_integration.entry_id)


@pytest.mark.usefixtures("storage_dashboards")
async def test_unreadable_resources_do_not_stop_the_mat(
    hass: HomeAssistant, caplog: pytest.LogCaptureFixture
) -> None:
    """A broken resource list is logged; the mat loads all the same."""
    with patch(
        "homeassistant.components.lovelace.resources.ResourceStorageCollection.async_get_info",
        side_effect=HomeAssistantError("unreadable"),
    ):
        entry = await async_add_mat(hass, mat_entry(entry_id=ENTRY_ID))
    assert entry.state is ConfigEntryState.LOADED
    assert "Could not add the mat card to the dashboards: unreadable" in caplog.text


# --- the summary feed ---------------------------------------------------------


@pytest.fixture
async def client(
    hass: HomeAssistant, hass_ws_client: WebSocketGenerator
) -> MockHAClientWebSocket:
    """A websocket connection, logged in before the clock is moved.

    The integration is set up first: the test server freezes its routes when it
    starts serving, where Home Assistant's own server keeps them open.
    """
    assert await async_setup_component(hass, DOMAIN, {})
    return await hass_ws_client(hass)


@pytest.fixture
async def amsterdam(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, client: MockHAClientWebSocket
) -> datetime:
    """Wednesday 25 November 2026, 21:00 in Amsterdam."""
    await hass.config.async_set_time_zone("Europe/Amsterdam")
    start = datetime(
        2026, 11, 25, 21, 0, tzinfo=dt_util.get_time_zone("Europe/Amsterdam")
    )
    freezer.move_to(start)
    return start


async def _session(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, minutes: int = 20
) -> None:
    await hass.services.async_call(
        DOMAIN,
        "start_session",
        {"duration": minutes},
        target={"entity_id": SESSION},
        blocking=True,
    )
    freezer.tick(timedelta(minutes=minutes))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


async def _subscribe(
    client: MockHAClientWebSocket, week_start: datetime, entity_id: str = SESSION
) -> dict[str, Any]:
    await client.send_json_auto_id(
        {
            "type": f"{DOMAIN}/card/subscribe",
            "entity_id": entity_id,
            "week_start": week_start.isoformat(),
        }
    )
    result = await client.receive_json()
    assert result["success"], result
    return await _next(client)


async def _next(client: MockHAClientWebSocket) -> dict[str, Any]:
    async with asyncio.timeout(5):
        message = await client.receive_json()
    assert message["type"] == "event", message
    event: dict[str, Any] = message["event"]
    return event


async def _until(
    client: MockHAClientWebSocket, check: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    """The first push that passes `check` (a change may be pushed more than once)."""
    while not check(summary := await _next(client)):
        pass
    return summary


async def test_summary_counts_the_week(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    amsterdam: datetime,
    freezer: FrozenDateTimeFactory,
    client: MockHAClientWebSocket,
) -> None:
    """The week's logged minutes, pushed as sessions end and are rated."""
    await _session(hass, freezer, 25)  # Wednesday: in the week
    freezer.move_to(amsterdam - timedelta(days=3))
    await _session(hass, freezer, 15)  # Sunday before: not in the week
    freezer.move_to(amsterdam + timedelta(hours=1))
    monday = amsterdam.replace(hour=0) - timedelta(days=2)
    assert await _subscribe(client, monday) == {
        "week_minutes": 25.0,
        "sleep": None,
        "latest": {"session_id": _latest_id(init_integration), "rating": None},
    }
    await _session(hass, freezer, 20)
    assert (await _next(client))["week_minutes"] == 45.0
    await hass.services.async_call(
        DOMAIN,
        "rate_session",
        {"rating": 4},
        target={"entity_id": SESSION},
        blocking=True,
    )
    assert (await _next(client))["latest"] == {
        "session_id": _latest_id(init_integration),
        "rating": 4,
    }


def _latest_id(entry: MockConfigEntry) -> str:
    latest = entry.runtime_data.engine.history.latest
    assert latest is not None
    return str(latest.id)


async def test_summary_tells_last_night_when_sleep_is_configured(
    hass: HomeAssistant,
    amsterdam: datetime,
    freezer: FrozenDateTimeFactory,
    client: MockHAClientWebSocket,
) -> None:
    """Last night's figures from the configured sensors only, once filed."""
    entry = await async_add_mat(
        hass,
        mat_entry(entry_id=ENTRY_ID, **{CONF_SLEEP_SCORE_SENSOR: "sensor.sleep_score"}),
    )
    morning = amsterdam + timedelta(hours=11)  # Thursday 08:00
    freezer.move_to(morning)
    summary = await _subscribe(client, amsterdam.replace(hour=0) - timedelta(days=2))
    assert summary["sleep"] == {"score": None, "duration_minutes": None}
    history = entry.runtime_data.engine.history
    await history.async_file_sleep(date(2026, 11, 25), score=82, duration_minutes=431)
    await hass.async_block_till_done()
    # The duration sensor is not configured: its figure is not shown.
    summary = await _until(client, lambda s: s["sleep"]["score"] is not None)
    assert summary["sleep"] == {"score": 82, "duration_minutes": None}


async def test_summary_follows_a_reloaded_mat(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    amsterdam: datetime,
    freezer: FrozenDateTimeFactory,
    client: MockHAClientWebSocket,
) -> None:
    """Changing a mat's options reloads it; the card keeps getting its figures."""
    await _subscribe(client, amsterdam.replace(hour=0))
    hass.config_entries.async_update_entry(
        init_integration, options={CONF_SLEEP_DURATION_SENSOR: "sensor.sleep_time"}
    )
    assert await hass.config_entries.async_reload(init_integration.entry_id)
    await hass.async_block_till_done()
    summary = await _until(client, lambda s: s["sleep"] is not None)
    assert summary["sleep"] == {"score": None, "duration_minutes": None}
    await _session(hass, freezer, 20)
    summary = await _until(client, lambda s: s["week_minutes"] == 20.0)
    assert summary["latest"] == {
        "session_id": _latest_id(init_integration),
        "rating": None,
    }


@pytest.mark.parametrize(
    ("entity_id", "loaded"),
    [
        ("sensor.bedroom_mat_session_end", True),
        ("sensor.no_such_mat_session", True),
        (SESSION, False),
    ],
)
async def test_summary_only_for_a_mat(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
    entity_id: str,
    loaded: bool,
) -> None:
    """Anything but a loaded mat's session sensor is refused."""
    if not loaded:
        assert await hass.config_entries.async_unload(init_integration.entry_id)
    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {
            "type": f"{DOMAIN}/card/subscribe",
            "entity_id": entity_id,
            "week_start": "2026-11-23T00:00:00+01:00",
        }
    )
    result = await client.receive_json()
    assert not result["success"]
    assert result["error"]["code"] == "not_found"


async def test_summary_needs_read_access(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    hass_ws_client: WebSocketGenerator,
) -> None:
    """A user who may not see the mat does not get its figures."""
    user = MockUser(
        groups=[Group(name="Only the kitchen", policy={"entities": {}})]
    ).add_to_hass(hass)
    refresh = await hass.auth.async_create_refresh_token(user, "https://card.test/")
    client = await hass_ws_client(hass, hass.auth.async_create_access_token(refresh))
    await client.send_json_auto_id(
        {
            "type": f"{DOMAIN}/card/subscribe",
            "entity_id": SESSION,
            "week_start": "2026-11-23T00:00:00+01:00",
        }
    )
    result = await client.receive_json()
    assert not result["success"]
    assert result["error"]["code"] == "unauthorized"
