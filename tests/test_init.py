"""Setup, unload, reload, restart and removal of a mat."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.syrupy import HomeAssistantSnapshotExtension
from syrupy.assertion import SnapshotAssertion

from custom_components.acupressure_mat import PLATFORMS
from custom_components.acupressure_mat.const import (
    CONF_ACKNOWLEDGE_SAFETY,
    CONF_SLEEP_SCORE_SENSOR,
    CONF_SLEEP_START_ENTITY,
    DOMAIN,
    EVENT_SESSION_ENDED,
)
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import EVENT_HOMEASSISTANT_STARTED, Platform
from homeassistant.core import CoreState, HomeAssistant, State
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.helpers import (
    device_registry as dr,
    entity_registry as er,
    issue_registry as ir,
)
from homeassistant.util import dt as dt_util

from .conftest import ENTRY_ID, async_setup_mat, mat_entry

SESSION = "sensor.bedroom_mat_session"
SESSION_END = "sensor.bedroom_mat_session_end"
STORE_KEY = f"{DOMAIN}.{ENTRY_ID}"
HISTORY_KEY = f"{DOMAIN}.{ENTRY_ID}.history"


def _stored_session(
    started_minutes_ago: float,
    planned: int = 20,
    paused_minutes_ago: float | None = None,
) -> dict[str, Any]:
    now = dt_util.utcnow()
    paused_at = (
        (now - timedelta(minutes=paused_minutes_ago)).isoformat()
        if paused_minutes_ago is not None
        else None
    )
    return {
        "version": 1,
        "minor_version": 1,
        "key": STORE_KEY,
        "data": {
            "settings": {"duration": 25, "body_area": "neck", "bedtime": "22:30"},
            "session": {
                "id": "01STOREDSESSION",
                "started_at": (
                    now - timedelta(minutes=started_minutes_ago)
                ).isoformat(),
                "planned_minutes": planned,
                "body_area": "back",
                "paused_seconds": 0.0,
                "paused_at": paused_at,
                "dim_lights": True,
                "announce": True,
                "room": {},
            },
        },
    }


# A fixed day, so dates computed from the clock (tonight's start) are the same
# on any day the tests run.
FROZEN_NOW = "2026-11-20T18:00:00+00:00"
# What a user sees of an entity in the registry; the registry's own bookkeeping
# (ids, timestamps, name caches) differs between Home Assistant releases.
REGISTRY_FIELDS = (
    "entity_id",
    "unique_id",
    "translation_key",
    "has_entity_name",
    "original_name",
    "original_icon",
    "original_device_class",
    "device_class",
    "entity_category",
    "capabilities",
    "supported_features",
    "unit_of_measurement",
    "disabled_by",
    "hidden_by",
    "options",
)


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Snapshots in tests/snapshots, whichever plugin's fixture comes last.

    From syrupy 6 (test plugin 0.13.375) syrupy's own fixture shadows the plugin's.
    """
    return snapshot.use_extension(HomeAssistantSnapshotExtension)


def _plain_keys(mapping: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """From 2026.10 attribute and capability keys are enum members; compare names."""
    return None if mapping is None else {str(k): v for k, v in mapping.items()}


def _registry_view(entry: er.RegistryEntry) -> dict[str, Any]:
    view = {field: getattr(entry, field) for field in REGISTRY_FIELDS}
    view["capabilities"] = _plain_keys(entry.capabilities)
    view["options"] = {domain: dict(opts) for domain, opts in entry.options.items()}
    return view


def _state_view(state: State) -> dict[str, Any]:
    return {"state": state.state, "attributes": _plain_keys(state.attributes)}


async def _start(hass: HomeAssistant, **data: Any) -> None:
    await hass.services.async_call(
        DOMAIN, "start_session", data, target={"entity_id": SESSION}, blocking=True
    )


@pytest.mark.parametrize("platform", PLATFORMS)
async def test_entities(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    freezer: FrozenDateTimeFactory,
    platform: Platform,
) -> None:
    """Every entity of a new mat, as the user first sees it."""
    freezer.move_to(FROZEN_NOW)
    mock_config_entry.add_to_hass(hass)
    with patch("custom_components.acupressure_mat.PLATFORMS", [platform]):
        assert await hass.config_entries.async_setup(ENTRY_ID)
        await hass.async_block_till_done()
    entries = er.async_entries_for_config_entry(entity_registry, ENTRY_ID)
    assert entries
    for entry in sorted(entries, key=lambda entry: entry.entity_id):
        assert entry.platform == DOMAIN
        assert _registry_view(entry) == snapshot(name=f"{entry.entity_id}-entry")
        state = hass.states.get(entry.entity_id)
        if entry.disabled_by is None:
            assert state is not None
            assert _state_view(state) == snapshot(name=f"{entry.entity_id}-state")
        else:
            # A disabled entity is not added, so it has no state.
            assert state is None


# The device page's cards in Home Assistant's frontend, in their order.
# (ha-config-device-page: computeEntityGroup and ENTITY_GROUPS.)
PAGE_CARDS = ("control", "sensor", "notify", "event", "assist", "config", "diagnostic")
SENSOR_DOMAINS = {"sensor", "binary_sensor", "calendar", "camera", "device_tracker"}
ASSIST_DOMAINS = {"assist_satellite", "conversation", "stt", "tts"}


def _card_of(entry: er.RegistryEntry) -> str:
    """The card of the device page an entity is drawn on."""
    if entry.domain in ASSIST_DOMAINS:
        return "assist"
    if entry.domain in {"event", "notify"}:
        return entry.domain
    if entry.entity_category is not None:
        return str(entry.entity_category)
    return "sensor" if entry.domain in SENSOR_DOMAINS else "control"


def _device_page(hass: HomeAssistant, registry: er.EntityRegistry) -> list[Any]:
    """The mat's device page as drawn: each card's entities by name.

    With each card, the count of entities not shown (disabled), which it folds away.
    """
    cards: dict[str, tuple[list[str], int]] = {card: ([], 0) for card in PAGE_CARDS}
    for entry in er.async_entries_for_config_entry(registry, ENTRY_ID):
        shown, folded = cards[_card_of(entry)]
        if entry.disabled_by is not None:
            cards[_card_of(entry)] = (shown, folded + 1)
            continue
        name = hass.states.get(entry.entity_id).name
        shown.append(name.removeprefix("Bedroom mat "))
    return [
        (card, sorted(shown, key=str.casefold), folded)
        for card, (shown, folded) in cards.items()
        if shown or folded
    ]


async def test_device_page_leads_with_the_session(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    entity_registry: er.EntityRegistry,
) -> None:
    """The session's controls, then the session; settings and figures below."""
    assert _device_page(hass, entity_registry) == [
        (
            "control",
            [
                "Extend session",
                "Pause session",
                "Resume session",
                "Start session",
                "Stop session",
            ],
            0,
        ),
        ("sensor", ["Session", "Session end", "Sessions"], 0),
        ("event", ["Activity"], 0),
        ("config", ["Bedtime", "Body area", "Session duration"], 0),
        (
            "diagnostic",
            [
                "Last session end",
                "Last session minutes",
                "Next session start",
                "Recommended duration",
                "Session count",
                "Streak",
                "Total minutes",
            ],
            # Typical sleep onset and sleep effect, until a sleep option is set.
            2,
        ),
    ]


SLEEP_EFFECT = "sensor.bedroom_mat_sleep_effect"
TYPICAL_ONSET = "sensor.bedroom_mat_typical_sleep_onset"


async def _save_options(hass: HomeAssistant, sections: dict[str, Any]) -> None:
    """Save the options form as the user does."""
    form = await hass.config_entries.options.async_init(ENTRY_ID)
    result = await hass.config_entries.options.async_configure(
        form["flow_id"], sections
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()


async def _reloaded_after_registry_change(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Let Home Assistant reload the mat, as it does 30 s after an entity is enabled."""
    freezer.tick(timedelta(seconds=31))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


async def test_sleep_sensors_enabled_when_their_option_is_set(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    freezer: FrozenDateTimeFactory,
) -> None:
    disabled = er.RegistryEntryDisabler.INTEGRATION
    assert entity_registry.async_get(SLEEP_EFFECT).disabled_by is disabled
    assert entity_registry.async_get(TYPICAL_ONSET).disabled_by is disabled
    assert hass.states.get(SLEEP_EFFECT) is None

    hass.states.async_set("sensor.sleep_score", "81")
    await _save_options(
        hass, {"sleep": {CONF_SLEEP_SCORE_SENSOR: "sensor.sleep_score"}}
    )
    await _reloaded_after_registry_change(hass, freezer)

    assert entity_registry.async_get(SLEEP_EFFECT).disabled_by is None
    assert hass.states.get(SLEEP_EFFECT).state == "unknown"
    # Its own option not set, the typical onset has nothing to show yet.
    assert entity_registry.async_get(TYPICAL_ONSET).disabled_by is disabled
    assert init_integration.state is ConfigEntryState.LOADED


async def test_a_sensor_the_user_disabled_stays_off(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    entity_registry: er.EntityRegistry,
    freezer: FrozenDateTimeFactory,
) -> None:
    entity_registry.async_update_entity(
        TYPICAL_ONSET, disabled_by=er.RegistryEntryDisabler.USER
    )
    await _reloaded_after_registry_change(hass, freezer)

    await _save_options(hass, {"sleep": {CONF_SLEEP_START_ENTITY: "event.sleep"}})
    await _reloaded_after_registry_change(hass, freezer)

    disabled_by = entity_registry.async_get(TYPICAL_ONSET).disabled_by
    assert disabled_by is er.RegistryEntryDisabler.USER
    assert hass.states.get(TYPICAL_ONSET) is None


async def test_a_mat_with_sleep_options_starts_with_its_sleep_sensors(
    hass: HomeAssistant, entity_registry: er.EntityRegistry
) -> None:
    """Options set before the sensors were first registered (a restored backup)."""
    await async_setup_mat(
        hass,
        **{
            CONF_SLEEP_SCORE_SENSOR: "sensor.sleep_score",
            CONF_SLEEP_START_ENTITY: "event.sleep",
        },
    )

    assert entity_registry.async_get(SLEEP_EFFECT).disabled_by is None
    assert entity_registry.async_get(TYPICAL_ONSET).disabled_by is None
    assert hass.states.get(TYPICAL_ONSET).state == "unknown"


DURATION = "number.bedroom_mat_session_duration"


async def _log_comfortable_sessions(hass: HomeAssistant, days_ago: range) -> None:
    """Sessions done without Home Assistant, one a day, completed and unrated."""
    for days in days_ago:
        await hass.services.async_call(
            DOMAIN,
            "log_session",
            {
                "minutes": 15,
                "start": dt_util.now() - timedelta(days=days),
            },
            target={"entity_id": SESSION},
            blocking=True,
            return_response=True,
        )


async def test_duration_follows_the_recommendation_until_set(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A new mat's next session is the recommended 15; the user's choice stays."""
    freezer.move_to(FROZEN_NOW)
    assert hass.states.get(DURATION).state == "15"
    assert hass.states.get(DURATION).attributes["mode"] == "box"

    await _log_comfortable_sessions(hass, range(6, 3, -1))
    assert hass.states.get("sensor.bedroom_mat_recommended_duration").state == "20"
    assert hass.states.get(DURATION).state == "20"
    await _start(hass)
    assert hass.states.get(SESSION).attributes["planned_minutes"] == 20
    await hass.services.async_call(
        DOMAIN, "stop_session", target={"entity_id": SESSION}, blocking=True
    )
    # Stored with the session's settings, "not set" still follows after a reload.
    await hass.config_entries.async_reload(ENTRY_ID)
    await hass.async_block_till_done()
    assert hass.states.get(DURATION).state == "20"

    await hass.services.async_call(
        "number",
        "set_value",
        {"value": 22},
        target={"entity_id": DURATION},
        blocking=True,
    )
    await _log_comfortable_sessions(hass, range(3, 0, -1))
    assert hass.states.get("sensor.bedroom_mat_recommended_duration").state == "25"
    assert hass.states.get(DURATION).state == "22"

    # The choice outlives a restart of the mat.
    await hass.config_entries.async_reload(ENTRY_ID)
    await hass.async_block_till_done()
    assert hass.states.get(DURATION).state == "22"


async def test_one_device_per_mat(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    device_registry: dr.DeviceRegistry,
    entity_registry: er.EntityRegistry,
) -> None:
    """All entities belong to one device named after the mat."""
    devices = dr.async_entries_for_config_entry(device_registry, ENTRY_ID)
    assert [d.name for d in devices] == ["Bedroom mat"]
    # A service device: no "connected via", no firmware, listed under services.
    assert devices[0].entry_type is dr.DeviceEntryType.SERVICE
    entities = er.async_entries_for_config_entry(entity_registry, ENTRY_ID)
    assert {e.device_id for e in entities} == {devices[0].id}
    assert len(entities) == 21


async def test_unload_mid_session_keeps_it(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Unloading cancels the countdown; loading again resumes the same session."""
    await _start(hass, duration=20)
    ends_at = hass.states.get(SESSION_END).state
    assert await hass.config_entries.async_unload(ENTRY_ID)
    await hass.async_block_till_done()
    assert init_integration.state is ConfigEntryState.NOT_LOADED

    freezer.tick(timedelta(minutes=5))
    assert await hass.config_entries.async_setup(ENTRY_ID)
    await hass.async_block_till_done()
    assert hass.states.get(SESSION).state == "running"
    assert hass.states.get(SESSION_END).state == ends_at

    freezer.tick(timedelta(minutes=15))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert hass.states.get(SESSION).state == "idle"
    [record] = init_integration.runtime_data.engine.history.records
    assert record.outcome == "completed"
    assert record.active_minutes == 20.0


async def test_reload_mid_session_keeps_it(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """An options change reloads the mat without ending the session."""
    await _start(hass, duration=30, body_area="neck")
    session_id = init_integration.runtime_data.engine.session.id
    hass.config_entries.async_update_entry(
        init_integration, options={**init_integration.options, "brightness_pct": 35}
    )
    await hass.config_entries.async_reload(ENTRY_ID)
    await hass.async_block_till_done()
    engine = init_integration.runtime_data.engine
    assert engine.session is not None
    assert engine.session.id == session_id
    state = hass.states.get(SESSION)
    assert state.state == "running"
    assert state.attributes["planned_minutes"] == 30
    assert state.attributes["body_area"] == "neck"


async def test_restart_mid_session_resumes_same_end(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    mock_config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A session running when Home Assistant stopped resumes with the same end."""
    hass_storage[STORE_KEY] = _stored_session(started_minutes_ago=5)
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(ENTRY_ID)
    await hass.async_block_till_done()

    state = hass.states.get(SESSION)
    assert state.state == "running"
    expected_end = dt_util.utcnow() + timedelta(minutes=15)
    shown_end = dt_util.parse_datetime(hass.states.get(SESSION_END).state)
    assert shown_end is not None
    assert abs(shown_end - expected_end) < timedelta(seconds=1)
    # Settings come back from the store too.
    assert hass.states.get("number.bedroom_mat_session_duration").state == "25"
    assert hass.states.get("select.bedroom_mat_body_area").state == "neck"

    ended = async_capture_events(hass, EVENT_SESSION_ENDED)
    freezer.tick(timedelta(minutes=15))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert hass.states.get(SESSION).state == "idle"
    assert [e.data["outcome"] for e in ended] == ["completed"]
    assert ended[0].data["ended_while_offline"] is False


async def test_restart_paused_session_stays_paused(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    mock_config_entry: MockConfigEntry,
) -> None:
    """A session paused when Home Assistant stopped is still paused (within 30 min)."""
    hass_storage[STORE_KEY] = _stored_session(
        started_minutes_ago=30, paused_minutes_ago=20
    )
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(ENTRY_ID)
    await hass.async_block_till_done()
    state = hass.states.get(SESSION)
    assert state.state == "paused"
    assert state.attributes["remaining_minutes"] == 10.0
    assert hass.states.get(SESSION_END).state == "unknown"


async def test_end_passed_while_offline(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    mock_config_entry: MockConfigEntry,
) -> None:
    """A session whose end passed while Home Assistant was down is logged as completed.

    Its ended event fires only once Home Assistant has started, so automations see it.
    """
    hass_storage[STORE_KEY] = _stored_session(started_minutes_ago=90)
    hass.set_state(CoreState.starting)
    ended = async_capture_events(hass, EVENT_SESSION_ENDED)
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(ENTRY_ID)
    await hass.async_block_till_done()

    assert hass.states.get(SESSION).state == "idle"
    [record] = mock_config_entry.runtime_data.engine.history.records
    assert record.outcome == "completed"
    assert record.ended_while_offline is True
    assert record.active_minutes == 20.0
    assert ended == []

    hass.set_state(CoreState.running)
    hass.bus.async_fire(EVENT_HOMEASSISTANT_STARTED)
    await hass.async_block_till_done()
    assert len(ended) == 1
    assert ended[0].data["ended_while_offline"] is True
    assert ended[0].data["entity_id"] == SESSION
    assert hass.states.get("event.bedroom_mat_activity").attributes["event_type"] == (
        "completed"
    )
    # Logged at once, so a crash right after start loses nothing.
    stored = hass_storage[HISTORY_KEY]["data"]["records"]
    assert [r["id"] for r in stored] == ["01STOREDSESSION"]
    assert hass_storage[STORE_KEY]["data"]["session"] is None


async def test_logged_once_if_store_lagged(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    mock_config_entry: MockConfigEntry,
) -> None:
    """A crash between logging and clearing the session never logs it twice."""
    stored = _stored_session(started_minutes_ago=90)
    session = stored["data"]["session"]
    hass_storage[STORE_KEY] = stored
    hass_storage[HISTORY_KEY] = {
        "version": 1,
        "minor_version": 1,
        "key": HISTORY_KEY,
        "data": {
            "records": [
                {
                    "id": session["id"],
                    "started_at": session["started_at"],
                    "ended_at": dt_util.utcnow().isoformat(),
                    "planned_minutes": 20,
                    "active_minutes": 20.0,
                    "body_area": "back",
                    "outcome": "completed",
                    "ended_while_offline": False,
                    "rating": None,
                    "notes": None,
                    "sleep": None,
                }
            ]
        },
    }
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(ENTRY_ID)
    await hass.async_block_till_done()
    assert len(mock_config_entry.runtime_data.engine.history.records) == 1
    assert hass.states.get(SESSION).state == "idle"


async def test_remove_entry_deletes_files(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Removing the mat removes its stored session, settings and log."""
    await _start(hass, duration=20)
    freezer.tick(timedelta(minutes=20))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert STORE_KEY in hass_storage
    assert HISTORY_KEY in hass_storage

    await hass.config_entries.async_remove(ENTRY_ID)
    await hass.async_block_till_done()
    assert STORE_KEY not in hass_storage
    assert HISTORY_KEY not in hass_storage


async def test_remove_entry_mid_session_leaves_no_timer(
    hass: HomeAssistant, hass_storage: dict[str, Any], init_integration: MockConfigEntry
) -> None:
    """Removing a mat mid-session stops its countdown (no lingering timer)."""
    await _start(hass, duration=20)
    await hass.config_entries.async_remove(ENTRY_ID)
    await hass.async_block_till_done()
    assert hass.states.get(SESSION) is None
    assert STORE_KEY not in hass_storage


async def _let_registries_save(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """Home Assistant's registries save what changed a little later."""
    freezer.tick(timedelta(minutes=1))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


@pytest.mark.usefixtures("demo_lights")
async def test_remove_entry_leaves_no_listener_or_issue(
    hass: HomeAssistant,
    issue_registry: ir.IssueRegistry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Removing a mat while its lights dim, one of them gone, leaves nothing behind."""
    # A first mat loads what all mats share (the platforms); then count.
    first = mat_entry(entry_id="01JMATENTRY0000000000000009")
    first.add_to_hass(hass)
    assert await hass.config_entries.async_setup(first.entry_id)
    assert await hass.config_entries.async_remove(first.entry_id)
    await _let_registries_save(hass, freezer)
    listeners = hass.bus.async_listeners()

    entry = mat_entry(
        entry_id=ENTRY_ID, lights=["light.ceiling_lights", "light.kitchen_lights"]
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(ENTRY_ID)
    await hass.async_block_till_done()
    await _start(hass, duration=20)
    # Gone before the mat dimmed it, and still gone when the mat is removed.
    hass.states.async_set("light.ceiling_lights", "unavailable")
    assert await hass.config_entries.async_remove(ENTRY_ID)
    await hass.async_block_till_done()

    assert [key for key in issue_registry.issues if key[0] == DOMAIN] == []
    await _let_registries_save(hass, freezer)
    assert hass.bus.async_listeners() == listeners


async def test_migration_drops_the_name_as_unique_id(hass: HomeAssistant) -> None:
    """A mat added before 1.2 loses the unique id made from its first name."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Guest mat",
        unique_id="bedroom_mat",
        entry_id=ENTRY_ID,
        version=1,
        minor_version=1,
        data={CONF_ACKNOWLEDGE_SAFETY: True},
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(ENTRY_ID)
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.LOADED
    assert entry.unique_id is None
    assert (entry.version, entry.minor_version) == (1, 2)


@pytest.mark.parametrize(
    ("version", "minor_version", "state"),
    [
        (1, 3, ConfigEntryState.LOADED),
        (2, 1, ConfigEntryState.MIGRATION_ERROR),
    ],
    ids=["newer-minor", "newer-major"],
)
async def test_entry_saved_by_a_newer_version(
    hass: HomeAssistant, version: int, minor_version: int, state: ConfigEntryState
) -> None:
    """A newer minor version still loads unchanged; a newer major one does not."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Bedroom mat",
        entry_id=ENTRY_ID,
        version=version,
        minor_version=minor_version,
        data={CONF_ACKNOWLEDGE_SAFETY: True},
    )
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(ENTRY_ID)
    await hass.async_block_till_done()

    assert entry.state is state
    assert (entry.version, entry.minor_version) == (version, minor_version)


async def test_diagnostics_redacts(
    hass: HomeAssistant,
    hass_client: Any,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Diagnostics show the settings and session, never the mat's name or notes."""
    hass.config_entries.async_update_entry(
        init_integration, options={"notify_target": "notify.mobile_app_phone"}
    )
    await hass.async_block_till_done()
    await _start(hass, duration=20)
    freezer.tick(timedelta(minutes=20))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    diagnostics: dict[str, Any] = await get_diagnostics_for_config_entry(
        hass, hass_client, init_integration
    )
    assert diagnostics["title"] == "**REDACTED**"
    assert diagnostics["options"]["notify_target"] == "**REDACTED**"
    assert diagnostics["state"] == "idle"
    assert diagnostics["record_count"] == 1
    assert diagnostics["recent_records"][0]["outcome"] == "completed"
    assert "Bedroom mat" not in str(diagnostics)
