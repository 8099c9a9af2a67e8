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
    async_test_home_assistant,
)

from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.repairs import entity_issue_id
from custom_components.acupressure_mat.room.volume import (
    STORAGE_KEY as VOLUMES_FILE,
    speaker_volumes,
)
from homeassistant import loader
from homeassistant.components import persistent_notification
from homeassistant.components.assist_pipeline import async_update_pipeline
from homeassistant.components.assist_pipeline.pipeline import async_get_pipeline
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
from homeassistant.helpers.translation import async_get_translations

from .compat import mat_device
from .conftest import ENTRY_ID, async_setup_mat, let_time_pass
from .devices.adaptive_lighting import async_setup_adaptive_lighting
from .devices.integration import async_setup_room_devices
from .devices.lamps import Bulb, Lamp
from .devices.satellites import Satellite
from .devices.speakers import SonosSpeaker, Speaker
from .devices.voices import Voice

SESSION = "sensor.bedroom_mat_session"
GUEST_ID = "01JMATENTRY0000000000000002"
GUEST_SESSION = "sensor.guest_mat_session"
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


async def start(hass: HomeAssistant, mat: str = SESSION, **data: Any) -> None:
    """Start a session (20 minutes unless told) on a mat, as an automation would."""
    await hass.services.async_call(
        DOMAIN,
        "start_session",
        {"duration": 20, **data},
        target={"entity_id": mat},
        blocking=True,
    )
    await hass.async_block_till_done()


async def stop(hass: HomeAssistant) -> None:
    """Stop the session now."""
    await hass.services.async_call(
        DOMAIN, "stop_session", {}, target={"entity_id": SESSION}, blocking=True
    )
    await hass.async_block_till_done()


async def run_session(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, **data: Any
) -> None:
    """Start a 20 minute session and let it complete."""
    await start(hass, **data)
    await let_time_pass(hass, freezer, 20)


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


def issue(
    hass: HomeAssistant, entity_id: str, entry_id: str = ENTRY_ID
) -> ir.IssueEntry | None:
    """A mat's repair issue about an entity, if open."""
    return ir.async_get(hass).async_get_issue(
        DOMAIN, entity_issue_id(entry_id, entity_id)
    )


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
    await async_setup_mat(
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

    await let_time_pass(hass, freezer, 20)

    assert hass.states.get(SESSION).state == "idle"
    for light, seen in before.items():
        assert look(hass, light) == seen
    assert (await history(hass))[0]["outcome"] == "completed"


async def test_cleared_color_temperature_keeps_the_color(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    # Saved options without a color temperature: the user cleared it.
    await async_setup_mat(hass, lights=[KITCHEN], brightness_pct=10)

    await start(hass)

    _, attributes = look(hass, KITCHEN)
    assert attributes["brightness"] == round(255 * 10 / 100)
    assert attributes["color_mode"] == "hs"
    assert attributes["hs_color"] == (345, 75)


async def test_never_configured_mat_leaves_the_room_alone(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    before = {light: look(hass, light) for light in (CEILING, KITCHEN)}
    await async_setup_mat(hass)

    await start(hass)

    assert hass.states.get(SESSION).state == "running"
    for light, seen in before.items():
        assert look(hass, light) == seen


async def test_dim_lights_false_skips_the_lights(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    before = look(hass, CEILING)
    await async_setup_mat(hass, lights=[CEILING], color_temp_kelvin=2200)

    await start(hass, dim_lights=False)
    assert look(hass, CEILING) == before
    await hass.services.async_call(
        "light",
        "turn_on",
        {"entity_id": CEILING, "brightness": 90},
        blocking=True,
    )
    await let_time_pass(hass, freezer, 20)

    # Nothing to restore: the session never touched the light.
    assert attribute(hass, CEILING, "brightness") == 90


async def test_area_lights_when_none_chosen(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    room_devices: None,
    area_registry: ar.AreaRegistry,
    device_registry: dr.DeviceRegistry,
    entity_registry: er.EntityRegistry,
) -> None:
    lamp = Lamp("reading", "Reading lamp")
    await async_setup_room_devices(hass, {Platform.LIGHT: [lamp]})
    entry = await async_setup_mat(hass, use_area_devices=True, color_temp_kelvin=2200)
    bedroom = area_registry.async_create("Bedroom")
    kitchen = area_registry.async_create("Kitchen")
    mat = mat_device(hass, entry.entry_id)
    device_registry.async_update_device(mat.id, area_id=bedroom.id)
    # The ceiling light's device is in the bedroom; the reading lamp, which has
    # no device, is placed there itself; the kitchen light is elsewhere.
    device_registry.async_update_device(device_of(hass, CEILING), area_id=bedroom.id)
    device_registry.async_update_device(device_of(hass, KITCHEN), area_id=kitchen.id)
    entity_registry.async_update_entity(lamp.entity_id, area_id=bedroom.id)
    untouched = {light: look(hass, light) for light in (KITCHEN, OFFICE)}

    await start(hass)

    assert attribute(hass, CEILING, "brightness") == DIMMED
    assert attribute(hass, lamp.entity_id, "brightness") == DIMMED
    for light, seen in untouched.items():
        assert look(hass, light) == seen


async def test_light_changed_by_hand_is_left_alone(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    office = look(hass, OFFICE)
    await async_setup_mat(
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
    await let_time_pass(hass, freezer, 20)

    assert attribute(hass, CEILING, "brightness") == 200
    assert look(hass, KITCHEN)[0] == "off"
    assert look(hass, BED)[0] == "on"
    assert attribute(hass, BED, "brightness") == 30
    # The untouched light comes back.
    assert look(hass, OFFICE) == office


async def test_color_changed_by_hand_is_left_alone(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await async_setup_mat(hass, lights=[CEILING], color_temp_kelvin=2200)
    await start(hass)

    await hass.services.async_call(
        "light",
        "turn_on",
        {"entity_id": CEILING, "color_temp_kelvin": 4000},
        blocking=True,
    )
    await let_time_pass(hass, freezer, 20)

    assert attribute(hass, CEILING, "color_temp_kelvin") == 4000
    assert attribute(hass, CEILING, "brightness") == DIMMED


@pytest.mark.parametrize(
    ("after", "expected"), [("off", "off"), ("leave", "on"), ("restore", "on")]
)
async def test_after_session_lights(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, after: str, expected: str
) -> None:
    before = look(hass, CEILING)
    await async_setup_mat(
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
    await async_setup_mat(hass, lights=[CEILING], color_temp_kelvin=2200)

    await start(hass)
    await let_time_pass(hass, freezer, 1)
    await stop(hass)  # a false start: not logged
    assert look(hass, CEILING) == before
    assert await history(hass) == []

    await start(hass)
    await let_time_pass(hass, freezer, 7)
    await stop(hass)
    assert look(hass, CEILING) == before
    assert (await history(hass))[0]["outcome"] == "stopped_early"


async def test_snapshot_survives_an_options_change(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    before = look(hass, CEILING)
    entry = await async_setup_mat(hass, lights=[CEILING], color_temp_kelvin=2200)
    await start(hass)

    # Saving the options reloads the mat mid-session, with other lights chosen.
    hass.config_entries.async_update_entry(
        entry, options={"lights": [KITCHEN], "color_temp_kelvin": 2200}
    )
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get(SESSION).state == "running"

    await let_time_pass(hass, freezer, 20)

    assert look(hass, CEILING) == before


async def test_session_ended_offline_gets_its_lights_back_unannounced(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
) -> None:
    before = look(hass, CEILING)
    entry = await async_setup_mat(
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
    await let_time_pass(hass, freezer, 10)
    assert speaker.played == []


async def test_renamed_light_is_followed(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    entity_registry: er.EntityRegistry,
) -> None:
    before = look(hass, CEILING)
    entry = await async_setup_mat(
        hass, lights=[CEILING, KITCHEN], color_temp_kelvin=2200
    )
    await start(hass)

    entity_registry.async_update_entity(CEILING, new_entity_id="light.bedroom_ceiling")
    entity_registry.async_update_entity(KITCHEN, name="Cooking light")
    await hass.async_block_till_done()

    assert entry.options["lights"] == ["light.bedroom_ceiling", KITCHEN]
    assert entry.state is ConfigEntryState.LOADED
    await let_time_pass(hass, freezer, 20)
    assert look(hass, "light.bedroom_ceiling") == before


async def test_adaptive_lighting_keeps_its_hands_off_during_a_session(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    switch = await async_setup_adaptive_lighting(hass, "Bedroom", [CEILING, BED])
    await async_setup_mat(hass, lights=[CEILING, KITCHEN], color_temp_kelvin=2200)

    await start(hass)
    # Only the dimmed light it manages is marked as manually controlled.
    assert attribute(hass, switch.entity_id, "manual_control") == [CEILING]

    await let_time_pass(hass, freezer, 20)
    assert attribute(hass, switch.entity_id, "manual_control") == []


async def test_adaptive_lighting_keeps_lights_left_dimmed(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    switch = await async_setup_adaptive_lighting(hass, "Bedroom", [CEILING])
    await async_setup_mat(
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
    await async_setup_mat(
        hass, media_players=[speaker.entity_id], announce_volume_pct=60
    )

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
    await async_setup_mat(
        hass, media_players=[speaker.entity_id], announce_volume_pct=60
    )
    await run_session(hass, freezer)
    assert attribute(hass, speaker.entity_id, "volume_level") == 0.6

    await let_time_pass(hass, freezer, 2)

    assert attribute(hass, speaker.entity_id, "volume_level") == 0.3


async def test_volume_left_alone_without_announcement_volume(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
) -> None:
    await async_setup_mat(hass, media_players=[speaker.entity_id])

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
    entry = await async_setup_mat(
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
    await async_setup_mat(hass, media_players=[speaker.entity_id], announce_start=True)

    await run_session(hass, freezer)

    assert [message for message, _ in voice.spoken] == [STARTED_EN, COMPLETED_EN]


async def test_start_not_announced_by_default(
    hass: HomeAssistant,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
) -> None:
    await async_setup_mat(hass, media_players=[speaker.entity_id])

    await start(hass)

    assert speaker.played == []


async def test_announce_false_keeps_quiet(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
) -> None:
    await async_setup_mat(hass, media_players=[speaker.entity_id], announce_start=True)

    await run_session(hass, freezer, announce=False)

    assert speaker.played == []


async def test_stopped_session_names_the_minutes(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
    voice: Voice,
) -> None:
    await async_setup_mat(hass, media_players=[speaker.entity_id])

    await start(hass)
    await let_time_pass(hass, freezer, 7)
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
    await async_setup_mat(hass, media_players=[speaker.entity_id])

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
    await async_setup_mat(hass, media_players=[speaker.entity_id], announce_start=True)
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
    entry = await async_setup_mat(hass, use_area_devices=True)
    bedroom = area_registry.async_create("Bedroom")
    mat = mat_device(hass, entry.entry_id)
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
    await async_setup_mat(
        hass, satellites=[satellite.entity_id], notify_target=NOTIFIER
    )
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
    await async_setup_mat(
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
    await async_setup_mat(hass, notify_target=NOTIFIER)
    notified = async_capture_events(hass, "notify")

    await run_session(hass, freezer)

    assert [event.data for event in notified] == [
        {"message": COMPLETED_EN, "title": "Bedroom mat"}
    ]


async def test_notify_action_when_there_is_no_speaker(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await async_setup_mat(hass, notify_target="notify.persistent_notification")
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
    await async_setup_mat(
        hass,
        media_players=[speaker.entity_id],
        notify_target=NOTIFIER,
        announce_start=True,
    )
    notified = async_capture_events(hass, "notify")

    await run_session(hass, freezer)

    assert [event.data["message"] for event in notified] == [STARTED_EN, COMPLETED_EN]
    assert speaker.played == []
    assert caplog.text.count("no text-to-speech engine") == 1


# --- the reminder ----------------------------------------------------------------


async def test_reminder_once_while_someone_is_still_on_the_mat(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
    voice: Voice,
) -> None:
    await async_setup_mat(
        hass, media_players=[speaker.entity_id], occupancy_sensor=OCCUPANCY
    )
    hass.states.async_set(OCCUPANCY, "on")
    seen = activities(hass)

    await run_session(hass, freezer)
    await let_time_pass(hass, freezer, 9)
    assert "reminder" not in seen
    await let_time_pass(hass, freezer, 1)
    await let_time_pass(hass, freezer, 30)

    assert seen == ["started", "completed", "reminder"]
    assert [message for message, _ in voice.spoken] == [COMPLETED_EN, REMINDER_EN]


async def test_no_reminder_when_they_got_up(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
) -> None:
    await async_setup_mat(
        hass, media_players=[speaker.entity_id], occupancy_sensor=OCCUPANCY
    )
    hass.states.async_set(OCCUPANCY, "on")
    seen = activities(hass)

    await run_session(hass, freezer)
    hass.states.async_set(OCCUPANCY, "off")
    await let_time_pass(hass, freezer, 15)

    assert "reminder" not in seen
    assert len(speaker.played) == 1


async def test_reminder_quiet_when_announcements_are_off(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
) -> None:
    await async_setup_mat(
        hass, media_players=[speaker.entity_id], occupancy_sensor=OCCUPANCY
    )
    hass.states.async_set(OCCUPANCY, "on")
    seen = activities(hass)

    await run_session(hass, freezer, announce=False)
    await let_time_pass(hass, freezer, 10)

    assert seen[-1] == "reminder"
    assert speaker.played == []


async def test_no_reminder_after_a_false_start_or_a_new_session(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await async_setup_mat(hass, occupancy_sensor=OCCUPANCY)
    hass.states.async_set(OCCUPANCY, "on")
    seen = activities(hass)

    await start(hass)
    await stop(hass)  # false start
    await let_time_pass(hass, freezer, 10)
    await run_session(hass, freezer)
    await let_time_pass(hass, freezer, 5)
    await start(hass)  # a new session before the reminder
    await let_time_pass(hass, freezer, 10)

    assert "reminder" not in seen


# --- faults --------------------------------------------------------------------


async def test_unavailable_light_never_stops_a_session(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    hass.states.async_set("light.porch", "unavailable")
    await async_setup_mat(hass, lights=["light.porch", CEILING], color_temp_kelvin=2200)

    await start(hass)
    assert attribute(hass, CEILING, "brightness") == DIMMED
    await let_time_pass(hass, freezer, 20)

    assert (await history(hass))[0]["outcome"] == "completed"
    found = issue(hass, "light.porch")
    assert found is not None
    assert found.is_fixable
    assert found.translation_key == "entity_unavailable"
    assert found.translation_placeholders == {
        "entity": "light.porch",
        "entity_id": "light.porch",
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
    await async_setup_mat(hass, lights=[CEILING, KITCHEN], color_temp_kelvin=2200)
    await start(hass)

    hass.states.async_set(CEILING, "unavailable")
    await let_time_pass(hass, freezer, 20)

    assert look(hass, KITCHEN) == before
    assert issue(hass, CEILING) is not None


async def test_missing_speaker_raises_an_issue_others_still_speak(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await async_setup_mat(
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
    await async_setup_mat(
        hass, media_players=["media_player.gone"], notify_target=NOTIFIER
    )
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
    await async_setup_mat(
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
    await async_setup_mat(
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
    await async_setup_mat(
        hass, satellites=["assist_satellite.gone"], notify_target=NOTIFIER
    )
    notified = async_capture_events(hass, "notify")

    await run_session(hass, freezer)

    assert len(notified) == 1
    assert issue(hass, "assist_satellite.gone") is not None


async def test_missing_notify_action_clears_once_registered(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await async_setup_mat(hass, notify_target="notify.mobile_app_phone")

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
    await async_setup_mat(hass, notify_target="notify.phone")

    await run_session(hass, freezer)

    assert issue(hass, "notify.phone") is not None
    hass.states.async_set("notify.phone", "unknown")
    await hass.async_block_till_done()
    assert issue(hass, "notify.phone") is None


async def test_unavailable_occupancy_sensor_raises_an_issue(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    await async_setup_mat(hass, occupancy_sensor=OCCUPANCY)
    hass.states.async_set(OCCUPANCY, "unavailable")
    seen = activities(hass)

    await run_session(hass, freezer)
    await let_time_pass(hass, freezer, 10)

    assert "reminder" not in seen
    assert issue(hass, OCCUPANCY) is not None


async def test_removed_light_raises_an_issue(
    hass: HomeAssistant, entity_registry: er.EntityRegistry
) -> None:
    await async_setup_mat(hass, lights=[CEILING, KITCHEN])

    entity_registry.async_remove(KITCHEN)
    await hass.async_block_till_done()

    assert issue(hass, KITCHEN) is not None
    assert issue(hass, CEILING) is None


async def test_issue_of_an_entity_no_longer_chosen_is_withdrawn(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    hass.states.async_set("light.porch", "unavailable")
    hass.states.async_set("light.shed", "unavailable")
    entry = await async_setup_mat(hass, lights=["light.porch", "light.shed"])
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
    entry = await async_setup_mat(hass, lights=["light.porch"])
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
    await async_setup_mat(
        hass, lights=[lamp.entity_id, CEILING], after_session_lights="off"
    )
    lamp.unreachable = True

    await start(hass)
    assert attribute(hass, lamp.entity_id, "brightness") == 255
    assert attribute(hass, CEILING, "brightness") == DIMMED
    assert issue(hass, lamp.entity_id) is not None

    # The bridge answers again by the end: the lamp is turned off with the rest.
    lamp.unreachable = False
    await let_time_pass(hass, freezer, 20)

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
    await async_setup_mat(hass, lights=[lamp.entity_id, CEILING])
    await start(hass)
    assert attribute(hass, lamp.entity_id, "brightness") == DIMMED

    lamp.unreachable = True
    await let_time_pass(hass, freezer, 20)

    assert look(hass, CEILING) == before
    assert attribute(hass, lamp.entity_id, "brightness") == DIMMED
    assert issue(hass, lamp.entity_id) is not None


async def test_lamps_without_registry_entry_or_dimmer(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    yaml_lamp = Lamp("yaml", "Hall lamp", registered=False)
    plain_lamp = Lamp("plain", "Plain lamp", dimmable=False)
    await async_setup_room_devices(hass, {Platform.LIGHT: [yaml_lamp, plain_lamp]})
    await async_setup_mat(
        hass,
        lights=[yaml_lamp.entity_id, plain_lamp.entity_id],
        after_session_lights="off",
    )

    await start(hass)
    assert attribute(hass, yaml_lamp.entity_id, "brightness") == DIMMED
    assert look(hass, plain_lamp.entity_id)[0] == "on"
    await let_time_pass(hass, freezer, 20)

    assert look(hass, yaml_lamp.entity_id)[0] == "off"
    assert look(hass, plain_lamp.entity_id)[0] == "off"


async def test_adaptive_lighting_switch_for_other_lights_is_left_alone(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    switch = await async_setup_adaptive_lighting(hass, "Office", [OFFICE])
    await async_setup_mat(hass, lights=[CEILING], color_temp_kelvin=2200)

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
    # Italian is neither translated nor spoken by the engine: its defaults apply.
    hass.config.language = "it"
    await async_setup_mat(hass, media_players=[speaker.entity_id])

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
    await async_setup_mat(
        hass, media_players=[speaker.entity_id], announce_volume_pct=90
    )

    await run_session(hass, freezer)

    assert [(p.announce, p.volume_level) for p in speaker.played] == [(True, 0.4)]


async def test_mat_outside_any_area_uses_no_area_devices(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    devices: dict[Platform, list[Entity]],
    speaker: Speaker,
) -> None:
    before = look(hass, CEILING)
    await async_setup_mat(hass, use_area_devices=True, notify_target=NOTIFIER)
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
    caplog: pytest.LogCaptureFixture,
) -> None:
    entry = await async_setup_mat(hass, use_area_devices=True, color_temp_kelvin=2200)
    bedroom = area_registry.async_create("Bedroom")
    mat = mat_device(hass, entry.entry_id)
    device_registry.async_update_device(mat.id, area_id=bedroom.id)
    for light in (CEILING, KITCHEN):
        device_registry.async_update_device(device_of(hass, light), area_id=bedroom.id)
    hass.states.async_set(KITCHEN, "unavailable")

    await run_session(hass, freezer)

    assert "light.kitchen_lights is missing, unavailable or failed" in caplog.text
    assert issue(hass, KITCHEN) is None
    assert (await history(hass))[0]["outcome"] == "completed"


# --- real bulbs: a limited range, late reports, restarts ------------------------

BULB = "light.bedside_bulb"


async def test_warm_white_within_the_bulbs_own_range(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    await async_setup_room_devices(
        hass, {Platform.LIGHT: [Bulb("bedside", "Bedside bulb")]}
    )
    await async_setup_mat(hass, lights=[BULB], color_temp_kelvin=2200)

    await start(hass)
    # The bridge reports the bulb a moment later, at its warmest white.
    assert attribute(hass, BULB, "brightness") == 255
    await let_time_pass(hass, freezer, seconds=2)
    assert attribute(hass, BULB, "brightness") == DIMMED
    assert attribute(hass, BULB, "color_temp_kelvin") == 2700

    await let_time_pass(hass, freezer, 20)
    await let_time_pass(hass, freezer, seconds=2)

    # Its own 2700 K is not taken for a change by hand: it is back as it was.
    assert attribute(hass, BULB, "brightness") == 255
    assert attribute(hass, BULB, "color_temp_kelvin") == 4000


@pytest.mark.parametrize(
    ("back_after", "shows", "expected"),
    [
        # Still dimmed when it is back: put back as before the session.
        (1, (DIMMED, 2700), (255, 4000)),
        # Back at its power-on default: someone switched it, it is left alone.
        (1, (255, 2700), (255, 2700)),
        # Back after a quarter of an hour: no longer the session's to put back.
        (16, (DIMMED, 2700), (DIMMED, 2700)),
    ],
)
async def test_light_back_after_start_up(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    room_devices: None,
    back_after: int,
    shows: tuple[int, int],
    expected: tuple[int, int],
) -> None:
    lights: list[Entity] = [Bulb("bedside", "Bedside bulb")]
    bridge = await async_setup_room_devices(hass, {Platform.LIGHT: lights})
    mat = await async_setup_mat(hass, lights=[BULB], color_temp_kelvin=2200)
    await start(hass)
    await let_time_pass(hass, freezer, seconds=2)

    # Home Assistant stops mid-session, and the session ends while it is down.
    assert await hass.config_entries.async_unload(mat.entry_id)
    assert await hass.config_entries.async_unload(bridge.entry_id)
    freezer.tick(timedelta(minutes=30))
    # It starts again; the bulb's bridge is slower than the mat.
    assert await hass.config_entries.async_setup(mat.entry_id)
    await hass.async_block_till_done()
    assert look(hass, BULB)[0] == "unavailable"
    assert (await history(hass))[0]["ended_while_offline"] is True

    await let_time_pass(hass, freezer, back_after)
    brightness, kelvin = shows
    # The bridge is up, the bulb still joining.
    bulb = Bulb(
        "bedside", "Bedside bulb", brightness=brightness, kelvin=kelvin, reachable=False
    )
    lights[:] = [bulb]
    assert await hass.config_entries.async_setup(bridge.entry_id)
    await hass.async_block_till_done()
    assert look(hass, BULB)[0] == "unavailable"
    bulb.rejoin()
    await hass.async_block_till_done()
    await let_time_pass(hass, freezer, seconds=2)

    assert (
        attribute(hass, BULB, "brightness"),
        attribute(hass, BULB, "color_temp_kelvin"),
    ) == expected


@pytest.mark.parametrize(("bedroom_minutes", "guest_minutes"), [(20, 30), (30, 15)])
async def test_two_mats_sharing_a_light(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    bedroom_minutes: int,
    guest_minutes: int,
) -> None:
    before = {light: look(hass, light) for light in (CEILING, BED)}
    await async_setup_mat(hass, lights=[CEILING, BED], color_temp_kelvin=2200)
    await async_setup_mat(
        hass,
        title="Guest mat",
        entry_id=GUEST_ID,
        lights=[CEILING, BED],
        brightness_pct=10,
        color_temp_kelvin=2200,
    )

    await start(hass, duration=bedroom_minutes)
    await let_time_pass(hass, freezer, 5)
    await start(hass, GUEST_SESSION, duration=guest_minutes)
    # Dimmed already: it stays as the first mat dimmed it.
    assert attribute(hass, CEILING, "brightness") == DIMMED

    first_end = min(bedroom_minutes, guest_minutes + 5)
    last_end = max(bedroom_minutes, guest_minutes + 5)
    await let_time_pass(hass, freezer, first_end - 5)
    # One mat is done, the other still on: the light stays dimmed.
    assert attribute(hass, CEILING, "brightness") == DIMMED
    await let_time_pass(hass, freezer, last_end - first_end)

    # The last mat puts it back as it was before the first.
    for light, seen in before.items():
        assert look(hass, light) == seen
    assert hass.states.get(SESSION).state == "idle"
    assert hass.states.get(GUEST_SESSION).state == "idle"


# --- real speakers: music, audio clips, standby, two mats, restarts -------------


async def test_music_goes_on_after_the_announcement_at_its_own_volume(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    speaker = Speaker("bedroom", "Bedroom speaker")
    await async_setup_room_devices(
        hass, {Platform.MEDIA_PLAYER: [speaker], Platform.TTS: [Voice()]}
    )
    await async_setup_mat(
        hass, media_players=[speaker.entity_id], announce_volume_pct=60
    )
    await start(hass)
    speaker.play_music("spotify:playlist:calm")

    await let_time_pass(hass, freezer, 20)

    # Announced loud over the music, which then went on at its own volume.
    assert [(p.announce, p.volume_level) for p in speaker.played] == [(True, 0.6)]
    state, attributes = look(hass, speaker.entity_id)
    assert state == "playing"
    assert attributes["media_content_id"] == "spotify:playlist:calm"
    assert attributes["volume_level"] == 0.3
    # Only the volume was put back: the music was not played again.
    assert speaker.commands == [
        "volume_set 0.6",
        "play_media announce",
        "volume_set 0.3",
    ]


async def test_announcement_over_music_without_a_state_change(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    speaker = SonosSpeaker("living", "Living room speaker")
    await async_setup_room_devices(
        hass, {Platform.MEDIA_PLAYER: [speaker], Platform.TTS: [Voice()]}
    )
    await async_setup_mat(
        hass, media_players=[speaker.entity_id], announce_volume_pct=60
    )
    speaker.play_music("x-sonos-http:calm.mp3")

    await run_session(hass, freezer)
    await let_time_pass(hass, freezer, seconds=5)
    # The 6-second clip plays over the music; the state says nothing of it.
    assert speaker.clip_playing
    assert attribute(hass, speaker.entity_id, "volume_level") == 0.6
    await let_time_pass(hass, freezer, seconds=8)

    # The whole clip was loud, and the music is back at its own volume.
    assert speaker.clip_volumes == [0.6]
    assert attribute(hass, speaker.entity_id, "volume_level") == 0.3
    assert look(hass, speaker.entity_id)[0] == "playing"
    assert speaker.commands == [
        "volume_set 0.6",
        "play_media announce",
        "volume_set 0.3",
    ]


async def test_speaker_in_standby_after_the_announcement_gets_its_volume_back(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    speaker = Speaker("kitchen", "Kitchen speaker", standby_after_announcement=True)
    await async_setup_room_devices(
        hass, {Platform.MEDIA_PLAYER: [speaker], Platform.TTS: [Voice()]}
    )
    await async_setup_mat(
        hass, media_players=[speaker.entity_id], announce_volume_pct=60
    )

    await run_session(hass, freezer)
    assert look(hass, speaker.entity_id)[0] == "off"
    await let_time_pass(hass, freezer, 60)
    await hass.services.async_call(
        "media_player", "turn_on", {"entity_id": speaker.entity_id}, blocking=True
    )
    await hass.async_block_till_done()

    # Woken up, it has its own volume again.
    assert attribute(hass, speaker.entity_id, "volume_level") == 0.3
    assert speaker.commands == [
        "volume_set 0.6",
        "play_media announce",
        "turn_on",
        "volume_set 0.3",
    ]


async def test_speaker_that_is_off_announces_at_its_own_volume(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    speaker = Speaker("porch", "Porch speaker", on=False)
    await async_setup_room_devices(
        hass, {Platform.MEDIA_PLAYER: [speaker], Platform.TTS: [Voice()]}
    )
    await async_setup_mat(
        hass, media_players=[speaker.entity_id], announce_volume_pct=60
    )

    await run_session(hass, freezer)

    # Its volume is unknown while off, so it is not changed: nothing to put back.
    assert [(p.announce, p.volume_level) for p in speaker.played] == [(True, 0.3)]
    assert speaker.commands == ["play_media announce"]


async def test_two_mats_sharing_a_speaker(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    speaker = Speaker("hall", "Hall speaker", hold=True)
    await async_setup_room_devices(
        hass, {Platform.MEDIA_PLAYER: [speaker], Platform.TTS: [Voice()]}
    )
    await async_setup_mat(
        hass, media_players=[speaker.entity_id], announce_volume_pct=60
    )
    await async_setup_mat(
        hass,
        title="Guest mat",
        entry_id=GUEST_ID,
        media_players=[speaker.entity_id],
        announce_volume_pct=80,
    )
    await start(hass)
    await let_time_pass(hass, freezer, 1)
    await start(hass, GUEST_SESSION)

    await let_time_pass(hass, freezer, 19)
    assert attribute(hass, speaker.entity_id, "volume_level") == 0.6
    # The Guest mat ends while the Bedroom mat's announcement still plays.
    await let_time_pass(hass, freezer, 1)
    assert [p.volume_level for p in speaker.played] == [0.6, 0.8]
    speaker.finish()
    await hass.async_block_till_done()

    assert attribute(hass, speaker.entity_id, "volume_level") == 0.3


async def test_next_session_announced_while_the_last_end_still_plays(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    speaker = Speaker("bedroom", "Bedroom speaker", hold=True)
    await async_setup_room_devices(
        hass, {Platform.MEDIA_PLAYER: [speaker], Platform.TTS: [Voice()]}
    )
    await async_setup_mat(
        hass,
        media_players=[speaker.entity_id],
        announce_volume_pct=60,
        announce_start=True,
    )
    await run_session(hass, freezer)
    assert attribute(hass, speaker.entity_id, "volume_level") == 0.6

    await start(hass)
    speaker.finish()
    await hass.async_block_till_done()

    assert [p.volume_level for p in speaker.played] == [0.6, 0.6, 0.6]
    assert attribute(hass, speaker.entity_id, "volume_level") == 0.3


async def test_restart_while_an_announcement_plays_loud(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    room_devices: None,
    hass_storage: dict[str, Any],
) -> None:
    speaker = Speaker("bedroom", "Bedroom speaker", hold=True)
    await async_setup_room_devices(
        hass, {Platform.MEDIA_PLAYER: [speaker], Platform.TTS: [Voice()]}
    )
    entry = await async_setup_mat(
        hass, media_players=[speaker.entity_id], announce_volume_pct=60
    )
    await run_session(hass, freezer)
    assert attribute(hass, speaker.entity_id, "volume_level") == 0.6

    # Home Assistant is restarted now; the speaker keeps its loud volume.
    async with async_test_home_assistant(
        config_dir=hass.config.config_dir
    ) as restarted:
        restarted.data.pop(loader.DATA_CUSTOM_COMPONENTS)
        loud = Speaker("bedroom", "Bedroom speaker", volume=0.6)
        await async_setup_room_devices(
            restarted, {Platform.MEDIA_PLAYER: [loud], Platform.TTS: [Voice()]}
        )
        MockConfigEntry(
            domain=DOMAIN,
            title=entry.title,
            unique_id=entry.unique_id,
            entry_id=entry.entry_id,
            data=dict(entry.data),
            options=dict(entry.options),
        ).add_to_hass(restarted)
        assert await restarted.config_entries.async_setup(entry.entry_id)
        await restarted.async_block_till_done()

        state = restarted.states.get(loud.entity_id)
        assert state is not None
        assert state.attributes["volume_level"] == 0.3
        assert loud.commands == ["volume_set 0.3"]
        for loaded in restarted.config_entries.async_entries():
            await restarted.config_entries.async_unload(loaded.entry_id)
        await restarted.async_stop(force=True)
    assert VOLUMES_FILE not in hass_storage


@pytest.mark.parametrize(
    ("unreachable", "volume", "logged"), [(False, 0.3, False), (True, 0.6, True)]
)
async def test_volume_left_raised_by_a_restart_is_put_back(
    hass: HomeAssistant,
    room_devices: None,
    hass_storage: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
    unreachable: bool,
    volume: float,
    logged: bool,
) -> None:
    speaker_id = "media_player.bedroom_speaker"
    # What a Home Assistant killed during an announcement left; one line spoilt.
    hass_storage[VOLUMES_FILE] = {
        "version": 1,
        "minor_version": 1,
        "key": VOLUMES_FILE,
        "data": {"volumes": {speaker_id: 0.3, "media_player.attic": "loud"}},
    }
    await async_setup_mat(hass)
    # The speaker's integration loads after the mat, the speaker still connecting.
    speaker = Speaker("bedroom", "Bedroom speaker", volume=0.6, reachable=False)
    speaker.unreachable = unreachable
    await async_setup_room_devices(hass, {Platform.MEDIA_PLAYER: [speaker]})
    assert speaker.commands == []

    speaker.rejoin()
    await hass.async_block_till_done()

    assert attribute(hass, speaker_id, "volume_level") == volume
    assert ("Could not give media_player.bedroom_speaker" in caplog.text) is logged
    # Put back or not, it is tried once: a speaker may be gone for good.
    assert speaker.commands == ["volume_set 0.3"]
    assert VOLUMES_FILE not in hass_storage


async def test_releasing_an_announcement_twice_changes_nothing(
    hass: HomeAssistant, room_devices: None, hass_storage: dict[str, Any]
) -> None:
    speaker = Speaker("bedroom", "Bedroom speaker", volume=0.6)
    await async_setup_room_devices(hass, {Platform.MEDIA_PLAYER: [speaker]})

    # As when a mat unloaded while its announcement played, and it ends later.
    await speaker_volumes(hass).async_release(speaker.entity_id, ENTRY_ID)

    assert speaker.commands == []
    assert VOLUMES_FILE not in hass_storage


async def test_failing_speaker_is_blamed_not_the_voice(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    garage = Speaker("garage", "Garage speaker")
    garage.cannot_play = True
    bedroom = Speaker("bedroom", "Bedroom speaker")
    await async_setup_room_devices(
        hass, {Platform.MEDIA_PLAYER: [garage, bedroom], Platform.TTS: [Voice()]}
    )
    await async_setup_mat(
        hass,
        media_players=[garage.entity_id, bedroom.entity_id],
        tts_entity="tts.voice",
        notify_target=NOTIFIER,
        announce_volume_pct=60,
    )
    notified = async_capture_events(hass, "notify")

    await run_session(hass, freezer)

    assert issue(hass, garage.entity_id) is not None
    assert issue(hass, "tts.voice") is None
    # The other speaker spoke, so nobody is notified; both volumes are back.
    assert [p.volume_level for p in bedroom.played] == [0.6]
    assert notified == []
    assert attribute(hass, garage.entity_id, "volume_level") == 0.3
    assert attribute(hass, bedroom.entity_id, "volume_level") == 0.3


async def test_unreachable_speaker_does_not_stop_the_others(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    room_devices: None,
    hass_storage: dict[str, Any],
) -> None:
    attic = Speaker("attic", "Attic speaker")
    bedroom = Speaker("bedroom", "Bedroom speaker")
    await async_setup_room_devices(
        hass, {Platform.MEDIA_PLAYER: [attic, bedroom], Platform.TTS: [Voice()]}
    )
    await async_setup_mat(
        hass,
        media_players=[attic.entity_id, bedroom.entity_id],
        announce_volume_pct=60,
    )
    attic.unreachable = True

    await run_session(hass, freezer)

    assert issue(hass, attic.entity_id) is not None
    assert attic.played == []
    assert [p.volume_level for p in bedroom.played] == [0.6]
    assert attribute(hass, bedroom.entity_id, "volume_level") == 0.3
    assert VOLUMES_FILE not in hass_storage


# --- the voice -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("assistant", "speaks"),
    [
        # The preferred assistant's voice, in its language.
        (("tts.calm_voice", "en-GB", "amy"), ("calm", "en-GB", "amy")),
        # It speaks German, the messages are English: its engine, not its voice.
        (("tts.calm_voice", "de-DE", "katja"), ("calm", "en-US", None)),
        # Its engine is gone: Home Assistant's default engine.
        (("tts.gone", "en-US", None), ("plain", "en-US", None)),
    ],
)
async def test_announcements_speak_with_the_preferred_assistants_voice(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    room_devices: None,
    assistant: tuple[str, str, str | None],
    speaks: tuple[str, str, str | None],
) -> None:
    speaker = Speaker("bedroom", "Bedroom speaker")
    # The first text-to-speech entity is not the one the user picked.
    voices = {
        "plain": Voice(),
        "calm": Voice("calm_voice", "Calm voice", voices=["amy", "katja"]),
    }
    await async_setup_room_devices(
        hass,
        {Platform.MEDIA_PLAYER: [speaker], Platform.TTS: list(voices.values())},
    )
    engine, language, voice = assistant
    await async_update_pipeline(
        hass,
        async_get_pipeline(hass),
        tts_engine=engine,
        tts_language=language,
        tts_voice=voice,
    )
    await async_setup_mat(hass, media_players=[speaker.entity_id])

    await run_session(hass, freezer)

    name, language, voice = speaks
    assert voices[name].spoken == [(COMPLETED_EN, language)]
    assert voices[name].voices_used == [voice]


async def test_unavailable_voice_falls_back_to_notify(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    speaker = Speaker("bedroom", "Bedroom speaker")
    voice = Voice()
    await async_setup_room_devices(
        hass, {Platform.MEDIA_PLAYER: [speaker], Platform.TTS: [voice]}
    )
    await async_setup_mat(
        hass, media_players=[speaker.entity_id], notify_target=NOTIFIER
    )
    notified = async_capture_events(hass, "notify")
    voice.sign_out()

    await run_session(hass, freezer)

    assert speaker.played == []
    assert [event.data["message"] for event in notified] == [COMPLETED_EN]


async def test_speaker_without_text_to_speech_falls_back_to_notify(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    hass.states.async_set("media_player.radio", "idle")
    await async_setup_mat(
        hass, media_players=["media_player.radio"], notify_target=NOTIFIER
    )
    notified = async_capture_events(hass, "notify")

    await run_session(hass, freezer)

    assert [event.data["message"] for event in notified] == [COMPLETED_EN]


async def test_announcement_texts_have_a_section_of_their_own(
    hass: HomeAssistant,
) -> None:
    keys = {
        "announcement_completed",
        "announcement_reminder",
        "announcement_started",
        "announcement_stopped_early",
    }
    for language in ("en", "de"):
        texts = await async_get_translations(hass, language, "common", [DOMAIN])
        # The section also holds the logbook's and Assist's sentences.
        assert {
            name
            for key in texts
            if (name := key.rsplit(".", 1)[1]).startswith("announcement_")
        } == keys
    errors = await async_get_translations(hass, "en", "exceptions", [DOMAIN])
    assert not [key for key in errors if "announcement" in key]
