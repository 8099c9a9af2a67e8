"""The room around the mat: lights, speakers, notifications and the reminder."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)

from custom_components.acupressure_mat.const import CONF_ACKNOWLEDGE_SAFETY, DOMAIN
from homeassistant.components import persistent_notification
from homeassistant.components.media_player.const import MediaPlayerEntityFeature
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import EVENT_STATE_CHANGED, Platform
from homeassistant.core import Event, EventStateChangedData, HomeAssistant, callback
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
    issue_registry as ir,
)
from homeassistant.helpers.entity import Entity

from .conftest import ENTRY_ID
from .room_devices import (
    Lamp,
    Satellite,
    Speaker,
    Voice,
    async_setup_adaptive_lighting,
    async_setup_room_devices,
)

SESSION = "sensor.bedroom_mat_session"
ACTIVITY = "event.bedroom_mat_activity"
BED = "light.bed_light"  # off
CEILING = "light.ceiling_lights"  # color temperature 2631 K
KITCHEN = "light.kitchen_lights"  # hs color (345, 75)
OFFICE = "light.office_rgbw_lights"  # rgbw only, no color temperature
OCCUPANCY = "binary_sensor.mat_occupancy"
NOTIFIER = "notify.notifier"  # the demo's notify entity
DIMMED = round(255 * 20 / 100)

COMPLETED_EN = (
    "Your 20 minute mat session is complete. Take a moment before you get up."
)
STARTED_EN = "Starting a 20 minute mat session."
REMINDER_EN = (
    "Your mat session ended 10 minutes ago. "
    "Time to get up slowly: the mat is not for sleeping on all night."
)

pytestmark = pytest.mark.usefixtures("demo_lights")


# --- helpers -----------------------------------------------------------------


async def setup_mat(hass: HomeAssistant, **options: Any) -> MockConfigEntry:
    """Set up the Bedroom mat with these options."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Bedroom mat",
        unique_id="bedroom_mat",
        entry_id=ENTRY_ID,
        data={CONF_ACKNOWLEDGE_SAFETY: True},
        options=options,
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


async def start(hass: HomeAssistant, **data: Any) -> None:
    """Start a session on the mat, as an automation would."""
    await hass.services.async_call(
        DOMAIN, "start_session", data, target={"entity_id": SESSION}, blocking=True
    )
    await hass.async_block_till_done()


async def stop(hass: HomeAssistant) -> None:
    """Stop the session now."""
    await hass.services.async_call(
        DOMAIN, "stop_session", {}, target={"entity_id": SESSION}, blocking=True
    )
    await hass.async_block_till_done()


async def tick(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, minutes: float
) -> None:
    """Let time pass."""
    freezer.tick(timedelta(minutes=minutes))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()


async def run_session(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, **data: Any
) -> None:
    """Start a 20 minute session and let it complete."""
    await start(hass, **data)
    await tick(hass, freezer, 20)


async def history(hass: HomeAssistant) -> list[dict[str, Any]]:
    """The logged sessions, newest first, as the get_history action returns them."""
    response = await hass.services.async_call(
        DOMAIN,
        "get_history",
        {},
        target={"entity_id": SESSION},
        blocking=True,
        return_response=True,
    )
    assert response is not None
    result: Any = response[SESSION]
    return list(result["sessions"])


def look(hass: HomeAssistant, entity_id: str) -> tuple[str, Mapping[str, Any]]:
    """A light's state and attributes, as the user sees them."""
    state = hass.states.get(entity_id)
    assert state is not None
    return state.state, dict(state.attributes)


def attribute(hass: HomeAssistant, entity_id: str, name: str) -> Any:
    """One attribute of an entity's state."""
    state = hass.states.get(entity_id)
    assert state is not None
    return state.attributes.get(name)


def device_of(hass: HomeAssistant, entity_id: str) -> str:
    """The id of an entity's device."""
    entry = er.async_get(hass).async_get(entity_id)
    assert entry is not None
    assert entry.device_id is not None
    return entry.device_id


def issue(hass: HomeAssistant, entity_id: str) -> ir.IssueEntry | None:
    """The mat's repair issue about an entity, if open."""
    return ir.async_get(hass).async_get_issue(DOMAIN, f"{ENTRY_ID}_{entity_id}")


def activities(hass: HomeAssistant) -> list[str]:
    """Collect the activity event types the mat fires from now on."""
    seen: list[str] = []

    @callback
    def _changed(event: Event[EventStateChangedData]) -> None:
        new_state = event.data["new_state"]
        if event.data["entity_id"] == ACTIVITY and new_state is not None:
            seen.append(new_state.attributes["event_type"])

    hass.bus.async_listen(EVENT_STATE_CHANGED, _changed)
    return seen


@pytest.fixture
def speaker() -> Speaker:
    """The bedroom speaker; it plays announcements through."""
    return Speaker("bedroom", "Bedroom speaker")


@pytest.fixture
def voice() -> Voice:
    """The TTS engine."""
    return Voice()


@pytest.fixture
async def devices(
    hass: HomeAssistant, room_devices: None, speaker: Speaker, voice: Voice
) -> dict[Platform, list[Entity]]:
    """The bedroom speaker and the TTS engine."""
    entities: dict[Platform, list[Entity]] = {
        Platform.MEDIA_PLAYER: [speaker],
        Platform.TTS: [voice],
    }
    await async_setup_room_devices(hass, entities)
    return entities


# --- lights --------------------------------------------------------------------


async def test_lights_dim_and_come_back_exactly(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    before = {light: look(hass, light) for light in (BED, CEILING, KITCHEN, OFFICE)}
    await setup_mat(
        hass,
        lights=[BED, CEILING, KITCHEN, OFFICE],
        brightness_pct=20,
        color_temp_kelvin=2200,
    )

    await start(hass)

    # Dimmed to 20 % with a warm white where the light has color temperature.
    for light in (CEILING, KITCHEN):
        state, attributes = look(hass, light)
        assert state == "on"
        assert attributes["brightness"] == DIMMED
        assert attributes["color_mode"] == "color_temp"
        assert attributes["color_temp_kelvin"] == 2200
    state, attributes = look(hass, OFFICE)
    assert attributes["brightness"] == DIMMED
    assert attributes["rgbw_color"] == (255, 0, 0, 255)
    # A light that was off stays off.
    assert look(hass, BED) == before[BED]

    await tick(hass, freezer, 20)

    assert hass.states.get(SESSION).state == "idle"
    for light, seen in before.items():
        assert look(hass, light) == seen
    assert (await history(hass))[0]["outcome"] == "completed"


async def test_cleared_color_temperature_keeps_the_color(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    # Saved options without a color temperature: the user cleared it.
    await setup_mat(hass, lights=[KITCHEN], brightness_pct=10)

    await start(hass)

    _, attributes = look(hass, KITCHEN)
    assert attributes["brightness"] == round(255 * 10 / 100)
    assert attributes["color_mode"] == "hs"
    assert attributes["hs_color"] == (345, 75)


async def test_never_configured_mat_leaves_the_room_alone(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    before = {light: look(hass, light) for light in (CEILING, KITCHEN)}
    await setup_mat(hass)

    await start(hass)

    assert hass.states.get(SESSION).state == "running"
    for light, seen in before.items():
        assert look(hass, light) == seen


async def test_dim_lights_false_skips_the_lights(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    before = look(hass, CEILING)
    await setup_mat(hass, lights=[CEILING], color_temp_kelvin=2200)

    await start(hass, dim_lights=False)
    assert look(hass, CEILING) == before
    await hass.services.async_call(
        "light",
        "turn_on",
        {"entity_id": CEILING, "brightness": 90},
        blocking=True,
    )
    await tick(hass, freezer, 20)

    # Nothing to restore: the session never touched the light.
    assert attribute(hass, CEILING, "brightness") == 90


async def test_area_lights_when_none_chosen(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    area_registry: ar.AreaRegistry,
    device_registry: dr.DeviceRegistry,
    entity_registry: er.EntityRegistry,
) -> None:
    entry = await setup_mat(hass, use_area_devices=True, color_temp_kelvin=2200)
    bedroom = area_registry.async_create("Bedroom")
    kitchen = area_registry.async_create("Kitchen")
    mat = device_registry.async_get_device(identifiers={(DOMAIN, entry.entry_id)})
    device_registry.async_update_device(mat.id, area_id=bedroom.id)
    # The ceiling light's device is in the bedroom; the kitchen light itself is
    # placed there although its device is not; the office light is elsewhere.
    device_registry.async_update_device(device_of(hass, CEILING), area_id=bedroom.id)
    device_registry.async_update_device(device_of(hass, KITCHEN), area_id=kitchen.id)
    entity_registry.async_update_entity(KITCHEN, area_id=bedroom.id)
    office = look(hass, OFFICE)

    await start(hass)

    assert attribute(hass, CEILING, "brightness") == DIMMED
    assert attribute(hass, KITCHEN, "brightness") == DIMMED
    assert look(hass, OFFICE) == office


async def test_light_changed_by_hand_is_left_alone(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    office = look(hass, OFFICE)
    await setup_mat(
        hass, lights=[BED, CEILING, KITCHEN, OFFICE], color_temp_kelvin=2200
    )
    await start(hass)

    # During the session: brighter by hand, off by hand, on by hand.
    await hass.services.async_call(
        "light", "turn_on", {"entity_id": CEILING, "brightness": 200}, blocking=True
    )
    await hass.services.async_call(
        "light", "turn_off", {"entity_id": KITCHEN}, blocking=True
    )
    await hass.services.async_call(
        "light", "turn_on", {"entity_id": BED, "brightness": 30}, blocking=True
    )
    await tick(hass, freezer, 20)

    assert attribute(hass, CEILING, "brightness") == 200
    assert look(hass, KITCHEN)[0] == "off"
    assert look(hass, BED)[0] == "on"
    assert attribute(hass, BED, "brightness") == 30
    # The untouched light comes back.
    assert look(hass, OFFICE) == office


async def test_color_changed_by_hand_is_left_alone(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await setup_mat(hass, lights=[CEILING], color_temp_kelvin=2200)
    await start(hass)

    await hass.services.async_call(
        "light",
        "turn_on",
        {"entity_id": CEILING, "color_temp_kelvin": 4000},
        blocking=True,
    )
    await tick(hass, freezer, 20)

    assert attribute(hass, CEILING, "color_temp_kelvin") == 4000
    assert attribute(hass, CEILING, "brightness") == DIMMED


@pytest.mark.parametrize(
    ("after", "expected"), [("off", "off"), ("leave", "on"), ("restore", "on")]
)
async def test_after_session_lights(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, after: str, expected: str
) -> None:
    before = look(hass, CEILING)
    await setup_mat(
        hass, lights=[BED, CEILING], color_temp_kelvin=2200, after_session_lights=after
    )

    await run_session(hass, freezer)

    assert look(hass, CEILING)[0] == expected
    assert look(hass, BED)[0] == "off"
    if after == "leave":
        assert attribute(hass, CEILING, "brightness") == DIMMED
    if after == "restore":
        assert look(hass, CEILING) == before


async def test_stopped_session_and_false_start_restore_the_lights(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    before = look(hass, CEILING)
    await setup_mat(hass, lights=[CEILING], color_temp_kelvin=2200)

    await start(hass)
    await tick(hass, freezer, 1)
    await stop(hass)  # a false start: not logged
    assert look(hass, CEILING) == before
    assert await history(hass) == []

    await start(hass)
    await tick(hass, freezer, 7)
    await stop(hass)
    assert look(hass, CEILING) == before
    assert (await history(hass))[0]["outcome"] == "stopped_early"


async def test_snapshot_survives_an_options_change(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    before = look(hass, CEILING)
    entry = await setup_mat(hass, lights=[CEILING], color_temp_kelvin=2200)
    await start(hass)

    # Saving the options reloads the mat mid-session, with other lights chosen.
    hass.config_entries.async_update_entry(
        entry, options={"lights": [KITCHEN], "color_temp_kelvin": 2200}
    )
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get(SESSION).state == "running"

    await tick(hass, freezer, 20)

    assert look(hass, CEILING) == before


async def test_session_ended_offline_gets_its_lights_back_unannounced(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
) -> None:
    before = look(hass, CEILING)
    entry = await setup_mat(
        hass,
        lights=[CEILING],
        color_temp_kelvin=2200,
        media_players=[speaker.entity_id],
        occupancy_sensor=OCCUPANCY,
    )
    hass.states.async_set(OCCUPANCY, "on")
    await start(hass)
    assert await hass.config_entries.async_unload(entry.entry_id)

    # Home Assistant is down while the session ends.
    freezer.tick(timedelta(minutes=30))
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    assert look(hass, CEILING) == before
    sessions = await history(hass)
    assert sessions[0]["ended_while_offline"] is True
    await tick(hass, freezer, 10)
    assert speaker.played == []


async def test_renamed_light_is_followed(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    entity_registry: er.EntityRegistry,
) -> None:
    before = look(hass, CEILING)
    entry = await setup_mat(hass, lights=[CEILING, KITCHEN], color_temp_kelvin=2200)
    await start(hass)

    entity_registry.async_update_entity(CEILING, new_entity_id="light.bedroom_ceiling")
    entity_registry.async_update_entity(KITCHEN, name="Cooking light")
    await hass.async_block_till_done()

    assert entry.options["lights"] == ["light.bedroom_ceiling", KITCHEN]
    assert entry.state is ConfigEntryState.LOADED
    await tick(hass, freezer, 20)
    assert look(hass, "light.bedroom_ceiling") == before


async def test_adaptive_lighting_keeps_its_hands_off_during_a_session(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    switch = await async_setup_adaptive_lighting(hass, "Bedroom", [CEILING, BED])
    await setup_mat(hass, lights=[CEILING, KITCHEN], color_temp_kelvin=2200)

    await start(hass)
    # Only the dimmed light it manages is marked as manually controlled.
    assert attribute(hass, switch.entity_id, "manual_control") == [CEILING]

    await tick(hass, freezer, 20)
    assert attribute(hass, switch.entity_id, "manual_control") == []


async def test_adaptive_lighting_keeps_lights_left_dimmed(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    switch = await async_setup_adaptive_lighting(hass, "Bedroom", [CEILING])
    await setup_mat(
        hass, lights=[CEILING], color_temp_kelvin=2200, after_session_lights="leave"
    )

    await run_session(hass, freezer)

    assert attribute(hass, switch.entity_id, "manual_control") == [CEILING]


# --- speakers --------------------------------------------------------------


async def test_end_is_announced_at_the_announcement_volume(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
    voice: Voice,
) -> None:
    speaker.hold = True  # keeps playing until told
    await setup_mat(hass, media_players=[speaker.entity_id], announce_volume_pct=60)

    await run_session(hass, freezer)

    assert len(speaker.played) == 1
    playback = speaker.played[0]
    assert playback.announce is True
    assert playback.volume_level == 0.6
    assert voice.spoken == [(COMPLETED_EN, "en-US")]
    assert speaker.audio == [f"spoken: {COMPLETED_EN}".encode()]
    # Still playing: still loud. Done: the speaker's own volume is back.
    assert attribute(hass, speaker.entity_id, "volume_level") == 0.6
    speaker.finish()
    await hass.async_block_till_done()
    assert attribute(hass, speaker.entity_id, "volume_level") == 0.3


async def test_volume_comes_back_if_the_speaker_never_says_it_finished(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
) -> None:
    speaker.hold = True
    await setup_mat(hass, media_players=[speaker.entity_id], announce_volume_pct=60)
    await run_session(hass, freezer)
    assert attribute(hass, speaker.entity_id, "volume_level") == 0.6

    await tick(hass, freezer, 2)

    assert attribute(hass, speaker.entity_id, "volume_level") == 0.3


async def test_volume_left_alone_without_announcement_volume(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
) -> None:
    await setup_mat(hass, media_players=[speaker.entity_id])

    await run_session(hass, freezer)

    assert speaker.played[0].volume_level == 0.3
    assert attribute(hass, speaker.entity_id, "volume_level") == 0.3


async def test_volume_restored_when_the_mat_unloads(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
) -> None:
    speaker.hold = True
    entry = await setup_mat(
        hass, media_players=[speaker.entity_id], announce_volume_pct=60
    )
    await run_session(hass, freezer)

    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()

    assert attribute(hass, speaker.entity_id, "volume_level") == 0.3


async def test_start_announced_when_asked(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
    voice: Voice,
) -> None:
    await setup_mat(hass, media_players=[speaker.entity_id], announce_start=True)

    await run_session(hass, freezer)

    assert [message for message, _ in voice.spoken] == [STARTED_EN, COMPLETED_EN]


async def test_start_not_announced_by_default(
    hass: HomeAssistant,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
) -> None:
    await setup_mat(hass, media_players=[speaker.entity_id])

    await start(hass)

    assert speaker.played == []


async def test_announce_false_keeps_quiet(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
) -> None:
    await setup_mat(hass, media_players=[speaker.entity_id], announce_start=True)

    await run_session(hass, freezer, announce=False)

    assert speaker.played == []


async def test_stopped_session_names_the_minutes(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
    voice: Voice,
) -> None:
    await setup_mat(hass, media_players=[speaker.entity_id])

    await start(hass)
    await tick(hass, freezer, 7)
    await stop(hass)

    assert voice.spoken == [
        (
            "Your mat session ended after 7 minutes. Take a moment before you get up.",
            "en-US",
        )
    ]


async def test_false_start_is_not_announced(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
) -> None:
    await setup_mat(hass, media_players=[speaker.entity_id])

    await start(hass)
    await stop(hass)

    assert speaker.played == []


async def test_announcement_in_german(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
    voice: Voice,
) -> None:
    await setup_mat(hass, media_players=[speaker.entity_id], announce_start=True)
    # After setup: the entity ids stay English, the messages follow the language.
    hass.config.language = "de"

    await run_session(hass, freezer)

    assert voice.spoken == [
        ("Eine Mattensitzung von 20 Minuten beginnt.", "de-DE"),
        (
            "Deine Mattensitzung von 20 Minuten ist vorbei. "
            "Nimm dir einen Moment, bevor du aufstehst.",
            "de-DE",
        ),
    ]


async def test_area_speakers_when_none_chosen(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    room_devices: None,
    area_registry: ar.AreaRegistry,
    device_registry: dr.DeviceRegistry,
    entity_registry: er.EntityRegistry,
) -> None:
    bedroom_speaker = Speaker("bedroom", "Bedroom speaker")
    kitchen_speaker = Speaker("kitchen", "Kitchen speaker")
    await async_setup_room_devices(
        hass,
        {
            Platform.MEDIA_PLAYER: [bedroom_speaker, kitchen_speaker],
            Platform.TTS: [Voice()],
        },
    )
    entry = await setup_mat(hass, use_area_devices=True)
    bedroom = area_registry.async_create("Bedroom")
    mat = device_registry.async_get_device(identifiers={(DOMAIN, entry.entry_id)})
    device_registry.async_update_device(mat.id, area_id=bedroom.id)
    device_registry.async_update_device(
        device_of(hass, bedroom_speaker.entity_id), area_id=bedroom.id
    )

    await run_session(hass, freezer)

    assert len(bedroom_speaker.played) == 1
    assert kitchen_speaker.played == []


async def test_satellite_announces(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    room_devices: None,
) -> None:
    satellite = Satellite("hall", "Hall satellite")
    await async_setup_room_devices(
        hass, {Platform.TTS: [Voice()], Platform.ASSIST_SATELLITE: [satellite]}
    )
    await setup_mat(hass, satellites=[satellite.entity_id], notify_target=NOTIFIER)
    notified = async_capture_events(hass, "notify")

    await run_session(hass, freezer)

    assert [a.message for a in satellite.announcements] == [COMPLETED_EN]
    assert notified == []


async def test_speaker_that_is_a_satellite_announces_once(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    room_devices: None,
) -> None:
    speaker = Speaker("voice_pe", "Voice PE speaker", device="voice_pe")
    satellite = Satellite("voice_pe", "Voice PE", device="voice_pe")
    satellite.speaker = speaker
    other = Speaker("bedroom", "Bedroom speaker")
    await async_setup_room_devices(
        hass,
        {
            Platform.MEDIA_PLAYER: [speaker, other],
            Platform.TTS: [Voice()],
            Platform.ASSIST_SATELLITE: [satellite],
        },
    )
    await setup_mat(
        hass,
        media_players=[speaker.entity_id, other.entity_id],
        satellites=[satellite.entity_id],
        announce_volume_pct=80,
    )

    await run_session(hass, freezer)

    assert [a.message for a in satellite.announcements] == [COMPLETED_EN]
    assert satellite.speaker_volumes == [0.8]
    assert speaker.played == []
    assert [p.volume_level for p in other.played] == [0.8]
    assert attribute(hass, speaker.entity_id, "volume_level") == 0.3


# --- notifications -------------------------------------------------------------


async def test_notify_entity_when_there_is_no_speaker(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await setup_mat(hass, notify_target=NOTIFIER)
    notified = async_capture_events(hass, "notify")

    await run_session(hass, freezer)

    assert [event.data for event in notified] == [
        {"message": COMPLETED_EN, "title": "Bedroom mat"}
    ]


async def test_notify_action_when_there_is_no_speaker(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await setup_mat(hass, notify_target="notify.persistent_notification")
    notifications: list[persistent_notification.Notification] = []

    @callback
    def _updated(
        _update: persistent_notification.UpdateType,
        changed: dict[str, persistent_notification.Notification],
    ) -> None:
        notifications.extend(changed.values())

    persistent_notification.async_register_callback(hass, _updated)

    await run_session(hass, freezer)

    assert [(n["title"], n["message"]) for n in notifications] == [
        ("Bedroom mat", COMPLETED_EN)
    ]


async def test_no_tts_entity_falls_back_to_notify(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    room_devices: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    speaker = Speaker("bedroom", "Bedroom speaker")
    await async_setup_room_devices(hass, {Platform.MEDIA_PLAYER: [speaker]})
    await setup_mat(
        hass,
        media_players=[speaker.entity_id],
        notify_target=NOTIFIER,
        announce_start=True,
    )
    notified = async_capture_events(hass, "notify")

    await run_session(hass, freezer)

    assert [event.data["message"] for event in notified] == [STARTED_EN, COMPLETED_EN]
    assert speaker.played == []
    assert caplog.text.count("no text-to-speech entity") == 1


# --- the reminder ----------------------------------------------------------------


async def test_reminder_once_while_someone_is_still_on_the_mat(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
    voice: Voice,
) -> None:
    await setup_mat(hass, media_players=[speaker.entity_id], occupancy_sensor=OCCUPANCY)
    hass.states.async_set(OCCUPANCY, "on")
    seen = activities(hass)

    await run_session(hass, freezer)
    await tick(hass, freezer, 9)
    assert "reminder" not in seen
    await tick(hass, freezer, 1)
    await tick(hass, freezer, 30)

    assert seen == ["started", "completed", "reminder"]
    assert [message for message, _ in voice.spoken] == [COMPLETED_EN, REMINDER_EN]


async def test_no_reminder_when_they_got_up(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
) -> None:
    await setup_mat(hass, media_players=[speaker.entity_id], occupancy_sensor=OCCUPANCY)
    hass.states.async_set(OCCUPANCY, "on")
    seen = activities(hass)

    await run_session(hass, freezer)
    hass.states.async_set(OCCUPANCY, "off")
    await tick(hass, freezer, 15)

    assert "reminder" not in seen
    assert len(speaker.played) == 1


async def test_reminder_quiet_when_announcements_are_off(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
) -> None:
    await setup_mat(hass, media_players=[speaker.entity_id], occupancy_sensor=OCCUPANCY)
    hass.states.async_set(OCCUPANCY, "on")
    seen = activities(hass)

    await run_session(hass, freezer, announce=False)
    await tick(hass, freezer, 10)

    assert seen[-1] == "reminder"
    assert speaker.played == []


async def test_no_reminder_after_a_false_start_or_a_new_session(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await setup_mat(hass, occupancy_sensor=OCCUPANCY)
    hass.states.async_set(OCCUPANCY, "on")
    seen = activities(hass)

    await start(hass)
    await stop(hass)  # false start
    await tick(hass, freezer, 10)
    await run_session(hass, freezer)
    await tick(hass, freezer, 5)
    await start(hass)  # a new session before the reminder
    await tick(hass, freezer, 10)

    assert "reminder" not in seen


# --- faults --------------------------------------------------------------------


async def test_unavailable_light_never_stops_a_session(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    hass.states.async_set("light.porch", "unavailable")
    await setup_mat(hass, lights=["light.porch", CEILING], color_temp_kelvin=2200)

    await start(hass)
    assert attribute(hass, CEILING, "brightness") == DIMMED
    await tick(hass, freezer, 20)

    assert (await history(hass))[0]["outcome"] == "completed"
    found = issue(hass, "light.porch")
    assert found is not None
    assert found.is_fixable
    assert found.translation_key == "entity_unavailable"
    assert found.translation_placeholders == {
        "entity": "light.porch",
        "name": "Bedroom mat",
    }
    assert caplog.text.count("light.porch is missing, unavailable or failed") == 1

    # It works again: the issue clears itself.
    hass.states.async_set("light.porch", "off")
    await hass.async_block_till_done()
    assert issue(hass, "light.porch") is None


async def test_light_unavailable_at_the_end_is_skipped(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    before = look(hass, KITCHEN)
    await setup_mat(hass, lights=[CEILING, KITCHEN], color_temp_kelvin=2200)
    await start(hass)

    hass.states.async_set(CEILING, "unavailable")
    await tick(hass, freezer, 20)

    assert look(hass, KITCHEN) == before
    assert issue(hass, CEILING) is not None


async def test_missing_speaker_raises_an_issue_others_still_speak(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await setup_mat(
        hass,
        media_players=["media_player.gone", speaker.entity_id],
        tts_entity="tts.voice",
        announce_start=True,
    )

    await run_session(hass, freezer)

    assert len(speaker.played) == 2
    assert issue(hass, "media_player.gone") is not None
    assert caplog.text.count("media_player.gone is missing") == 1
    assert (await history(hass))[0]["outcome"] == "completed"


async def test_only_speaker_missing_falls_back_to_notify(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await setup_mat(hass, media_players=["media_player.gone"], notify_target=NOTIFIER)
    notified = async_capture_events(hass, "notify")

    await run_session(hass, freezer)

    assert [event.data["message"] for event in notified] == [COMPLETED_EN]
    assert issue(hass, "media_player.gone") is not None


@pytest.mark.parametrize("volume", [60, None])
async def test_failing_tts_falls_back_to_notify_until_it_works(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
    voice: Voice,
    volume: int | None,
) -> None:
    options: dict[str, Any] = {"announce_volume_pct": volume} if volume else {}
    await setup_mat(
        hass,
        media_players=[speaker.entity_id],
        tts_entity="tts.voice",
        notify_target=NOTIFIER,
        **options,
    )
    notified = async_capture_events(hass, "notify")
    voice.broken = True

    await run_session(hass, freezer)

    assert [event.data["message"] for event in notified] == [COMPLETED_EN]
    assert speaker.played == []
    assert attribute(hass, speaker.entity_id, "volume_level") == 0.3
    assert issue(hass, "tts.voice") is not None
    assert (await history(hass))[0]["outcome"] == "completed"

    voice.broken = False
    await run_session(hass, freezer)

    assert len(speaker.played) == 1
    assert issue(hass, "tts.voice") is None


async def test_missing_tts_entity_falls_back_to_notify(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
) -> None:
    await setup_mat(
        hass,
        media_players=[speaker.entity_id],
        tts_entity="tts.gone",
        notify_target=NOTIFIER,
    )
    notified = async_capture_events(hass, "notify")

    await run_session(hass, freezer)

    assert len(notified) == 1
    assert issue(hass, "tts.gone") is not None


async def test_missing_satellite_raises_an_issue(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await setup_mat(hass, satellites=["assist_satellite.gone"], notify_target=NOTIFIER)
    notified = async_capture_events(hass, "notify")

    await run_session(hass, freezer)

    assert len(notified) == 1
    assert issue(hass, "assist_satellite.gone") is not None


async def test_missing_notify_action_clears_once_registered(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await setup_mat(hass, notify_target="notify.mobile_app_phone")

    await run_session(hass, freezer)

    assert (await history(hass))[0]["outcome"] == "completed"
    assert issue(hass, "notify.mobile_app_phone") is not None

    # The companion app comes back and registers its action again.
    hass.services.async_register("notify", "mobile_app_phone", lambda _call: None)
    await hass.async_block_till_done()
    assert issue(hass, "notify.mobile_app_phone") is None


async def test_unavailable_notify_entity_raises_an_issue(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    hass.states.async_set("notify.phone", "unavailable")
    await setup_mat(hass, notify_target="notify.phone")

    await run_session(hass, freezer)

    assert issue(hass, "notify.phone") is not None
    hass.states.async_set("notify.phone", "unknown")
    await hass.async_block_till_done()
    assert issue(hass, "notify.phone") is None


async def test_unavailable_occupancy_sensor_raises_an_issue(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await setup_mat(hass, occupancy_sensor=OCCUPANCY)
    hass.states.async_set(OCCUPANCY, "unavailable")
    seen = activities(hass)

    await run_session(hass, freezer)
    await tick(hass, freezer, 10)

    assert "reminder" not in seen
    assert issue(hass, OCCUPANCY) is not None


async def test_removed_light_raises_an_issue(
    hass: HomeAssistant, entity_registry: er.EntityRegistry
) -> None:
    await setup_mat(hass, lights=[CEILING, KITCHEN])

    entity_registry.async_remove(KITCHEN)
    await hass.async_block_till_done()

    assert issue(hass, KITCHEN) is not None
    assert issue(hass, CEILING) is None


async def test_issue_of_an_entity_no_longer_chosen_is_withdrawn(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    hass.states.async_set("light.porch", "unavailable")
    hass.states.async_set("light.shed", "unavailable")
    entry = await setup_mat(hass, lights=["light.porch", "light.shed"])
    await start(hass)
    assert issue(hass, "light.porch") is not None

    # The user removes the porch light in the options; the shed is still broken.
    hass.config_entries.async_update_entry(entry, options={"lights": ["light.shed"]})
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()

    assert issue(hass, "light.porch") is None
    assert issue(hass, "light.shed") is not None
    hass.states.async_set("light.shed", "on")
    await hass.async_block_till_done()
    assert issue(hass, "light.shed") is None


async def test_issue_of_an_entity_back_before_the_reload_is_withdrawn(
    hass: HomeAssistant,
) -> None:
    hass.states.async_set("light.porch", "unavailable")
    entry = await setup_mat(hass, lights=["light.porch"])
    await start(hass)
    assert await hass.config_entries.async_unload(entry.entry_id)

    hass.states.async_set("light.porch", "on")
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    assert issue(hass, "light.porch") is None


async def test_a_light_failing_to_answer_raises_an_issue(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    lamp = Lamp("lamp", "Reading lamp")
    await async_setup_room_devices(hass, {Platform.LIGHT: [lamp]})
    await setup_mat(hass, lights=[lamp.entity_id, CEILING], after_session_lights="off")
    lamp.unreachable = True

    await start(hass)
    assert attribute(hass, lamp.entity_id, "brightness") == 255
    assert attribute(hass, CEILING, "brightness") == DIMMED
    assert issue(hass, lamp.entity_id) is not None

    # The bridge answers again by the end: the lamp is turned off with the rest.
    lamp.unreachable = False
    await tick(hass, freezer, 20)

    assert look(hass, lamp.entity_id)[0] == "off"
    assert look(hass, CEILING)[0] == "off"
    assert issue(hass, lamp.entity_id) is None
    assert (await history(hass))[0]["outcome"] == "completed"


async def test_a_light_failing_at_the_end_does_not_stop_the_others(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    before = look(hass, CEILING)
    lamp = Lamp("lamp", "Reading lamp")
    await async_setup_room_devices(hass, {Platform.LIGHT: [lamp]})
    await setup_mat(hass, lights=[lamp.entity_id, CEILING])
    await start(hass)
    assert attribute(hass, lamp.entity_id, "brightness") == DIMMED

    lamp.unreachable = True
    await tick(hass, freezer, 20)

    assert look(hass, CEILING) == before
    assert attribute(hass, lamp.entity_id, "brightness") == DIMMED
    assert issue(hass, lamp.entity_id) is not None


async def test_lamps_without_registry_entry_or_dimmer(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    yaml_lamp = Lamp("yaml", "Hall lamp", registered=False)
    plain_lamp = Lamp("plain", "Plain lamp", dimmable=False)
    await async_setup_room_devices(hass, {Platform.LIGHT: [yaml_lamp, plain_lamp]})
    await setup_mat(
        hass,
        lights=[yaml_lamp.entity_id, plain_lamp.entity_id],
        after_session_lights="off",
    )

    await start(hass)
    assert attribute(hass, yaml_lamp.entity_id, "brightness") == DIMMED
    assert look(hass, plain_lamp.entity_id)[0] == "on"
    await tick(hass, freezer, 20)

    assert look(hass, yaml_lamp.entity_id)[0] == "off"
    assert look(hass, plain_lamp.entity_id)[0] == "off"


async def test_adaptive_lighting_switch_for_other_lights_is_left_alone(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    switch = await async_setup_adaptive_lighting(hass, "Office", [OFFICE])
    await setup_mat(hass, lights=[CEILING], color_temp_kelvin=2200)

    await start(hass)

    assert attribute(hass, CEILING, "brightness") == DIMMED
    assert attribute(hass, switch.entity_id, "manual_control") == []


async def test_untranslated_language_speaks_english(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
    voice: Voice,
) -> None:
    # French is neither translated nor spoken by the engine: its defaults apply.
    hass.config.language = "fr"
    await setup_mat(hass, media_players=[speaker.entity_id])

    await run_session(hass, freezer)

    assert voice.spoken == [(COMPLETED_EN, "en-US")]


async def test_speaker_without_volume_control_plays_at_its_own_volume(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    speaker = Speaker(
        "radio",
        "Radio",
        features=MediaPlayerEntityFeature.PLAY_MEDIA,
        volume=0.4,
    )
    await async_setup_room_devices(
        hass, {Platform.MEDIA_PLAYER: [speaker], Platform.TTS: [Voice()]}
    )
    await setup_mat(hass, media_players=[speaker.entity_id], announce_volume_pct=90)

    await run_session(hass, freezer)

    assert [(p.announce, p.volume_level) for p in speaker.played] == [(True, 0.4)]


async def test_mat_outside_any_area_uses_no_area_devices(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
) -> None:
    before = look(hass, CEILING)
    await setup_mat(hass, use_area_devices=True, notify_target=NOTIFIER)
    notified = async_capture_events(hass, "notify")

    await run_session(hass, freezer)

    assert look(hass, CEILING) == before
    assert speaker.played == []
    assert len(notified) == 1


async def test_unavailable_area_light_is_logged_without_an_issue(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    area_registry: ar.AreaRegistry,
    device_registry: dr.DeviceRegistry,
    entity_registry: er.EntityRegistry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    entry = await setup_mat(hass, use_area_devices=True, color_temp_kelvin=2200)
    bedroom = area_registry.async_create("Bedroom")
    mat = device_registry.async_get_device(identifiers={(DOMAIN, entry.entry_id)})
    device_registry.async_update_device(mat.id, area_id=bedroom.id)
    for light in (CEILING, KITCHEN):
        entity_registry.async_update_entity(light, area_id=bedroom.id)
    hass.states.async_set(KITCHEN, "unavailable")

    await run_session(hass, freezer)

    assert "light.kitchen_lights is missing, unavailable or failed" in caplog.text
    assert issue(hass, KITCHEN) is None
    assert (await history(hass))[0]["outcome"] == "completed"
