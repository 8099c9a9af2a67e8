"""Speakers: a cast-style speaker, and one that announces over the music (Sonos).

Real players report a volume change a moment after they made it (Sonos and
Music Assistant by their events, Cast by its next status): with
volume_report_delay, the state shows the old volume that long.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from homeassistant.components import media_source, tts
from homeassistant.components.media_player import MediaPlayerEntity
from homeassistant.components.media_player.const import (
    ATTR_MEDIA_ANNOUNCE,
    MediaPlayerEntityFeature,
    MediaPlayerState,
    MediaType,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.event import async_call_later

from .integration import device_info

ANNOUNCING = (
    MediaPlayerEntityFeature.PLAY_MEDIA
    | MediaPlayerEntityFeature.MEDIA_ANNOUNCE
    | MediaPlayerEntityFeature.VOLUME_SET
)
SMART_SPEAKER = (
    ANNOUNCING
    | MediaPlayerEntityFeature.TURN_ON
    | MediaPlayerEntityFeature.TURN_OFF
    | MediaPlayerEntityFeature.PLAY
    | MediaPlayerEntityFeature.PAUSE
    | MediaPlayerEntityFeature.STOP
)


@dataclass
class Playback:
    """What a speaker was asked to play, and at which volume."""

    media_id: str
    announce: bool | None
    volume_level: float | None


async def async_resolve(hass: HomeAssistant, media_id: str) -> str:
    """The URL a speaker fetches for a media id, as speaker integrations resolve it."""
    return (await media_source.async_resolve_media(hass, media_id, None)).url


async def async_fetch(hass: HomeAssistant, url: str) -> bytes:
    """Fetch an announcement's audio from Home Assistant's TTS proxy URL."""
    stream = tts.async_get_stream(hass, url.rsplit("/", 1)[-1])
    assert stream is not None
    return b"".join([chunk async for chunk in stream.async_stream_result()])


class Speaker(MediaPlayerEntity):
    """A network speaker that behaves as cast-style players do.

    An announcement interrupts what plays: the speaker buffers, plays the
    announcement's URL (its media content id), then goes back to what it did
    before, music included. It fetches the audio from Home Assistant, as a real
    speaker fetches the URL. Off, it shows no volume (Home Assistant hides it)
    and refuses volume changes; play_media or turn_on wake it. With
    standby_after_announcement it goes off once an announcement is over, as
    speakers that save power do. With hold, it plays until finish().
    Unreachable (off the Wi-Fi while Home Assistant still shows it), every
    command fails; with cannot_play, it cannot fetch what it is sent.
    Without resumes_music (Cast, which has no announce mode), the music is
    gone after an announcement: the speaker is idle.
    """

    _attr_has_entity_name = True
    _attr_name = None
    _attr_should_poll = False

    def __init__(
        self,
        key: str,
        name: str,
        *,
        device: str | None = None,
        features: MediaPlayerEntityFeature = SMART_SPEAKER,
        volume: float = 0.3,
        hold: bool = False,
        on: bool = True,
        standby_after_announcement: bool = False,
        reachable: bool = True,
        resumes_music: bool = True,
        volume_report_delay: timedelta | None = None,
    ) -> None:
        """Create a speaker, idle or off; unreachable, it is still connecting."""
        self._attr_unique_id = f"speaker_{key}"
        self._attr_available = reachable
        self._attr_device_info = device_info(device or key, name)
        self._attr_supported_features = features
        self._attr_state = MediaPlayerState.IDLE if on else MediaPlayerState.OFF
        self._attr_volume_level = volume
        # What it really plays at; the state may show it late.
        self.volume = volume
        self.volume_report_delay = volume_report_delay
        self.resumes_music = resumes_music
        self.hold = hold
        self.standby_after_announcement = standby_after_announcement
        self.played: list[Playback] = []
        self.audio: list[bytes] = []
        # Every command it was sent, as its app's history would show.
        self.commands: list[str] = []
        self.unreachable = False
        self.cannot_play = False
        self._announcing = False
        self._before_announcement: tuple[MediaPlayerState | None, str | None] = (
            MediaPlayerState.IDLE,
            None,
        )

    def _command(self, command: str) -> None:
        """Take a command, unless the speaker does not answer."""
        self.commands.append(command)
        if self.unreachable:
            raise HomeAssistantError("The speaker does not answer")

    def rejoin(self) -> None:
        """It is connected (again)."""
        self._attr_available = True
        self.async_write_ha_state()

    def play_music(self, content_id: str) -> None:
        """Someone plays music on it."""
        self._attr_state = MediaPlayerState.PLAYING
        self._attr_media_content_id = content_id
        self._attr_media_content_type = MediaType.MUSIC
        self.async_write_ha_state()

    async def async_play_media(
        self, media_type: MediaType | str, media_id: str, **kwargs: Any
    ) -> None:
        """Play music, or an announcement over whatever plays."""
        announce = kwargs.get(ATTR_MEDIA_ANNOUNCE)
        self._command("play_media announce" if announce else "play_media")
        if self.cannot_play:
            raise HomeAssistantError("Unable to play the media")
        self.played.append(Playback(media_id, announce, self.volume))
        if self.state == MediaPlayerState.OFF:
            self._attr_state = MediaPlayerState.IDLE
        if not announce:
            self.play_music(media_id)
            return
        if not self._announcing:
            # Music resumes after announcements; an announcement does not.
            self._before_announcement = (self.state, self.media_content_id)
        self._announcing = True
        url = await async_resolve(self.hass, media_id)
        self._attr_media_content_id = url
        for state in (MediaPlayerState.BUFFERING, MediaPlayerState.PLAYING):
            self._attr_state = state
            self.async_write_ha_state()
        self.hass.async_create_task(self._async_play(url))

    async def _async_play(self, url: str) -> None:
        self.audio.append(await async_fetch(self.hass, url))
        if not self.hold:
            self.finish()

    def finish(self) -> None:
        """The announcement has been played: back to what it did, or standby."""
        state, content_id = self._before_announcement
        self._announcing = False
        if not self.resumes_music:
            state, content_id = MediaPlayerState.IDLE, None
        if self.standby_after_announcement:
            state, content_id = MediaPlayerState.OFF, None
        self._attr_state = state
        self._attr_media_content_id = content_id
        self.async_write_ha_state()

    async def async_set_volume_level(self, volume: float) -> None:
        """Change the volume, unless the speaker is in standby."""
        self._command(f"volume_set {volume}")
        if self.state == MediaPlayerState.OFF:
            raise HomeAssistantError("The speaker is in standby")
        self._change_volume(volume)

    def set_volume_by_hand(self, volume: float) -> None:
        """Someone turns the volume knob (or uses the speaker's app)."""
        self._change_volume(volume)

    def _change_volume(self, volume: float) -> None:
        """Play at a new volume at once; show it now, or when it reports it."""
        self.volume = volume
        if self.volume_report_delay is None:
            self._attr_volume_level = volume
            self.async_write_ha_state()
            return

        @callback
        def _report(_now: datetime) -> None:
            self._attr_volume_level = volume
            self.async_write_ha_state()

        async_call_later(self.hass, self.volume_report_delay, _report)

    async def async_turn_on(self) -> None:
        """Wake up."""
        self._command("turn_on")
        if self.state == MediaPlayerState.OFF:
            self._attr_state = MediaPlayerState.IDLE
        self.async_write_ha_state()

    async def async_turn_off(self) -> None:
        """Go to standby."""
        self._command("turn_off")
        self._attr_state = MediaPlayerState.OFF
        self._attr_media_content_id = None
        self.async_write_ha_state()

    async def async_media_play(self) -> None:
        """Play (again)."""
        self._command("media_play")
        self._attr_state = MediaPlayerState.PLAYING
        self.async_write_ha_state()

    async def async_media_pause(self) -> None:
        """Pause."""
        self._command("media_pause")
        self._attr_state = MediaPlayerState.PAUSED
        self.async_write_ha_state()

    async def async_media_stop(self) -> None:
        """Stop."""
        self._command("media_stop")
        self._attr_state = MediaPlayerState.IDLE
        self._attr_media_content_id = None
        self.async_write_ha_state()


class SonosSpeaker(Speaker):
    """A speaker that plays announcements as audio clips over the music, as Sonos.

    The music goes on underneath; neither its state nor its media change, so
    Home Assistant never sees the clip. A clip lasts clip_length and plays at
    the speaker's volume of each moment: clip_volumes lists them.
    With shows_announcement (Music Assistant), the state stays playing but
    its media is the announcement's URL while the clip plays. The music goes
    on meanwhile: next_track() moves it on, whenever its track ends.
    """

    def __init__(
        self,
        key: str,
        name: str,
        *,
        clip_length: timedelta = timedelta(seconds=6),
        shows_announcement: bool = False,
        **kwargs: Any,
    ) -> None:
        """Create a speaker that announces with audio clips."""
        super().__init__(key, name, **kwargs)
        self.shows_announcement = shows_announcement
        self._music: str | None = None
        self.clip_length = clip_length
        self.clip_volumes: list[float | None] = []
        self.clip_playing = False

    async def async_play_media(
        self, media_type: MediaType | str, media_id: str, **kwargs: Any
    ) -> None:
        """Play music, or an announcement as a clip over it."""
        if not kwargs.get(ATTR_MEDIA_ANNOUNCE):
            await super().async_play_media(media_type, media_id, **kwargs)
            return
        self._command("play_media announce")
        self.played.append(Playback(media_id, True, self.volume))
        url = await async_resolve(self.hass, media_id)
        self.audio.append(await async_fetch(self.hass, url))
        self.clip_playing = True
        self.clip_volumes.append(self.volume)
        if self.shows_announcement:
            if self._music is None:
                self._music = self.media_content_id
            self._attr_media_content_id = url
            self.async_write_ha_state()
        async_call_later(self.hass, self.clip_length, self._clip_over)

    def next_track(self, content_id: str) -> None:
        """The music moves on to its next track."""
        if self.shows_announcement and self.clip_playing:
            self._music = content_id
            return
        self.play_music(content_id)

    def _change_volume(self, volume: float) -> None:
        """Change the volume; a clip that plays goes on at the new volume."""
        super()._change_volume(volume)
        if self.clip_playing:
            self.clip_volumes.append(volume)

    @callback
    def _clip_over(self, _now: datetime) -> None:
        self.clip_playing = False
        if self.shows_announcement and self._music is not None:
            self._attr_media_content_id, self._music = self._music, None
            self.async_write_ha_state()
