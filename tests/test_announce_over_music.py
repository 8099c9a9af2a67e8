"""An announcement over music: loud for the announcement, the music's volume after.

Real players are modelled: Sonos plays a clip over the music with no change of
state; Music Assistant stays playing and shows the announcement as its media;
Cast has no announce mode and interrupts the music. Each reports its volume a
moment after it set it. The music's own volume must be back within 30 seconds
of the announcement, whatever the player shows, and with two mats on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
import pytest

from custom_components.acupressure_mat.const import DOMAIN
from homeassistant.components.media_player.const import MediaPlayerEntityFeature
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant

from .conftest import async_setup_mat, let_time_pass
from .devices.integration import async_setup_room_devices
from .devices.speakers import SMART_SPEAKER, SonosSpeaker, Speaker
from .devices.voices import Voice

SESSION = "sensor.bedroom_mat_session"
GUEST_ID = "01JMATENTRY0000000000000002"
GUEST_SESSION = "sensor.guest_mat_session"
MUSIC = "media:calm-playlist/1"
NEXT_TRACK = "media:calm-playlist/2"
OWN_VOLUME = 0.3
# The players below take 6 seconds to say the end of a session.
CLIP = 6
WITHIN = 30
LATE = timedelta(seconds=2)


@dataclass(frozen=True)
class Player:
    """A kind of real player, and what its music does during the announcement."""

    make: Callable[[], Speaker]
    # The second after the announcement's start when the music moves to its next track.
    next_track_at: int | None = None


def _cast() -> Speaker:
    return Speaker(
        "kitchen",
        "Kitchen speaker",
        features=SMART_SPEAKER & ~MediaPlayerEntityFeature.MEDIA_ANNOUNCE,
        resumes_music=False,
        hold=True,
        volume_report_delay=LATE,
    )


PLAYERS = {
    "sonos": Player(lambda: SonosSpeaker("living", "Living", volume_report_delay=LATE)),
    "sonos_next_track": Player(
        lambda: SonosSpeaker("living", "Living", volume_report_delay=LATE),
        next_track_at=3,
    ),
    "music_assistant": Player(
        lambda: SonosSpeaker(
            "living", "Living", shows_announcement=True, volume_report_delay=LATE
        )
    ),
    "music_assistant_next_track": Player(
        lambda: SonosSpeaker(
            "living", "Living", shows_announcement=True, volume_report_delay=LATE
        ),
        next_track_at=3,
    ),
    "cast": Player(_cast),
    "cast_interrupting_with_announce_mode": Player(
        lambda: Speaker("hall", "Hall", hold=True, volume_report_delay=LATE)
    ),
}


async def _setup(hass: HomeAssistant, speaker: Speaker) -> None:
    """The speaker, a voice and the Bedroom mat announcing at 60 %."""
    await async_setup_room_devices(
        hass, {Platform.MEDIA_PLAYER: [speaker], Platform.TTS: [Voice()]}
    )
    await async_setup_mat(
        hass, media_players=[speaker.entity_id], announce_volume_pct=60
    )


async def _start(hass: HomeAssistant, mat: str = SESSION) -> None:
    await hass.services.async_call(
        DOMAIN,
        "start_session",
        {"duration": 20},
        target={"entity_id": mat},
        blocking=True,
    )
    await hass.async_block_till_done()


def reported(hass: HomeAssistant, speaker: Speaker) -> float | None:
    """The volume the player's state shows."""
    state = hass.states.get(speaker.entity_id)
    assert state is not None
    return state.attributes.get("volume_level")


async def seconds_until_own_volume(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    speaker: Speaker,
    player: Player | None = None,
) -> int | None:
    """Let seconds pass after the announcement's start; when the own volume is back."""
    back: int | None = None
    for second in range(1, 181):
        await let_time_pass(hass, freezer, seconds=1)
        if player is not None and second == player.next_track_at:
            assert isinstance(speaker, SonosSpeaker)
            speaker.next_track(NEXT_TRACK)
        if second == CLIP and not isinstance(speaker, SonosSpeaker):
            speaker.finish()
            await hass.async_block_till_done()
        if back is None and speaker.volume == OWN_VOLUME and second >= CLIP:
            back = second
    return back


@pytest.mark.parametrize("kind", list(PLAYERS))
async def test_music_volume_back_soon_after_the_announcement(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    room_devices: None,
    kind: str,
) -> None:
    player = PLAYERS[kind]
    speaker = player.make()
    await _setup(hass, speaker)
    speaker.play_music(MUSIC)
    await _start(hass)

    await let_time_pass(hass, freezer, 20)
    back = await seconds_until_own_volume(hass, freezer, speaker, player)

    print(f"[{kind}] music volume back {back} s after the announcement started")  # noqa: T201
    # Said at the announcement volume, all through.
    assert speaker.played[-1].announce is True
    assert speaker.played[-1].volume_level == 0.6
    if isinstance(speaker, SonosSpeaker):
        assert speaker.clip_volumes == [0.6]
    assert back is not None
    assert back <= CLIP + WITHIN
    assert reported(hass, speaker) == OWN_VOLUME
    assert [c for c in speaker.commands if c.startswith("volume_set")] == [
        "volume_set 0.6",
        "volume_set 0.3",
    ]


@pytest.mark.parametrize("offset", [5, 13, 40])
async def test_two_mats_on_one_speaker_give_back_the_music_volume(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    room_devices: None,
    offset: int,
) -> None:
    speaker = SonosSpeaker("living", "Living", volume_report_delay=LATE)
    await _setup(hass, speaker)
    await async_setup_mat(
        hass,
        title="Guest mat",
        entry_id=GUEST_ID,
        media_players=[speaker.entity_id],
        announce_volume_pct=80,
    )
    speaker.play_music(MUSIC)
    await _start(hass)
    await let_time_pass(hass, freezer, seconds=offset)
    await _start(hass, GUEST_SESSION)

    # The Bedroom mat ends, and the Guest mat `offset` seconds later.
    await let_time_pass(hass, freezer, 20, seconds=-offset)
    for _second in range(offset + CLIP + WITHIN):
        await let_time_pass(hass, freezer, seconds=1)

    print(f"[two mats, {offset} s apart] volume {reported(hass, speaker)}")  # noqa: T201
    assert speaker.clip_volumes[0] == 0.6
    assert 0.8 in speaker.clip_volumes
    assert speaker.volume == OWN_VOLUME
    assert reported(hass, speaker) == OWN_VOLUME
    assert hass.states.get(SESSION).state == "idle"
    assert hass.states.get(GUEST_SESSION).state == "idle"


async def test_volume_changed_by_hand_meanwhile_is_kept(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    speaker = SonosSpeaker("living", "Living", volume_report_delay=LATE)
    await _setup(hass, speaker)
    speaker.play_music(MUSIC)
    await _start(hass)
    await let_time_pass(hass, freezer, 20)

    await let_time_pass(hass, freezer, seconds=3)
    speaker.set_volume_by_hand(0.45)
    for _second in range(CLIP + WITHIN):
        await let_time_pass(hass, freezer, seconds=1)

    assert speaker.volume == 0.45
    assert reported(hass, speaker) == 0.45
    assert "volume_set 0.3" not in speaker.commands


async def test_speaker_failing_after_the_announcement_never_breaks_a_session(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    speaker = SonosSpeaker("living", "Living", volume_report_delay=LATE)
    await _setup(hass, speaker)
    speaker.play_music(MUSIC)
    await _start(hass)
    await let_time_pass(hass, freezer, 20)

    speaker.unreachable = True
    for _second in range(CLIP + WITHIN):
        await let_time_pass(hass, freezer, seconds=1)
    speaker.unreachable = False
    await _start(hass)
    await let_time_pass(hass, freezer, 20)
    for _second in range(CLIP + WITHIN):
        await let_time_pass(hass, freezer, seconds=1)

    assert hass.states.get(SESSION).state == "idle"
    assert speaker.clip_volumes[-1] == 0.6
    assert speaker.volume == OWN_VOLUME


async def test_volume_changed_by_hand_is_what_the_next_mat_puts_back(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, room_devices: None
) -> None:
    speaker = SonosSpeaker("living", "Living", volume_report_delay=LATE)
    await _setup(hass, speaker)
    await async_setup_mat(
        hass,
        title="Guest mat",
        entry_id=GUEST_ID,
        media_players=[speaker.entity_id],
        announce_volume_pct=80,
    )
    speaker.play_music(MUSIC)
    await _start(hass)
    await let_time_pass(hass, freezer, seconds=5)
    await _start(hass, GUEST_SESSION)
    await let_time_pass(hass, freezer, 20, seconds=-5)

    # Turned down by hand while the Bedroom mat's announcement plays.
    await let_time_pass(hass, freezer, seconds=3)
    speaker.set_volume_by_hand(0.2)
    for _second in range(5 + CLIP + WITHIN):
        await let_time_pass(hass, freezer, seconds=1)

    # The Guest mat's announcement was loud, and then the user's volume came back.
    assert speaker.clip_volumes[-1] == 0.8
    assert speaker.volume == 0.2
    assert reported(hass, speaker) == 0.2
