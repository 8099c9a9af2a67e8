"""When an announcement on a speaker is over, so that its volume can be put back.

A player shows an announcement's end in one of three ways, or not at all: it
stops (Cast, which has no announce mode, is idle after), it goes back to what
it played before, or nothing changes (Sonos plays a clip over the music, Music
Assistant stays playing). So the message's spoken length always bounds the
wait, counted from when the player took the announcement, or showed it start:
music that moves to its next track meanwhile is no end to wait for.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Final

from homeassistant.components.media_player.const import (
    ATTR_MEDIA_CONTENT_ID,
    MediaPlayerState,
)
from homeassistant.core import (
    CALLBACK_TYPE,
    Event,
    EventStateChangedData,
    HassJob,
    HomeAssistant,
    State,
    callback,
)
from homeassistant.helpers.event import async_call_later, async_track_state_change_event

# Calm speech runs at about two words a second; a player needs a moment to start.
WORDS_PER_SECOND: Final = 2.0
START_MARGIN: Final = timedelta(seconds=5)
# However long the message, the music's volume is not kept waiting longer.
LONGEST: Final = timedelta(seconds=25)

_PLAYING: Final = (MediaPlayerState.PLAYING, MediaPlayerState.BUFFERING)


def spoken_length(message: str) -> timedelta:
    """About how long a message takes to say, and for a player to start it."""
    length = timedelta(seconds=len(message.split()) / WORDS_PER_SECOND)
    return min(length + START_MARGIN, LONGEST)


def now_playing(state: State | None) -> str | None:
    """What a player plays ("" when it does not say); None when it plays nothing."""
    if state is None or state.state not in _PLAYING:
        return None
    return str(state.attributes.get(ATTR_MEDIA_CONTENT_ID) or "")


class AnnouncementEnd:
    """One announcement on one player: `done` is called once, when it is over."""

    def __init__(
        self,
        hass: HomeAssistant,
        player: str,
        length: timedelta,
        done: Callable[[], None],
    ) -> None:
        """Watch the player from before it is sent the announcement."""
        self.hass = hass
        self._length = length
        self._done = done
        self._before = now_playing(hass.states.get(player))
        self._shown = False
        self._over = False
        self._unsub_timer: CALLBACK_TYPE | None = None
        self._unsub_state = async_track_state_change_event(hass, player, self._changed)
        # Counted from now too, in case the player never answers.
        self._count_from_now()

    @callback
    def played(self) -> None:
        """The player took the announcement: it lasts its length from now."""
        if not self._shown and not self._over:
            self._count_from_now()

    @callback
    def stop(self) -> None:
        """Stop watching the player."""
        if self._over:
            return
        self._over = True
        self._unsub_state()
        if self._unsub_timer is not None:
            self._unsub_timer()
            self._unsub_timer = None

    @callback
    def _count_from_now(self) -> None:
        if self._unsub_timer is not None:
            self._unsub_timer()
        self._unsub_timer = async_call_later(
            self.hass, self._length, HassJob(self._timed_out, cancel_on_shutdown=True)
        )

    @callback
    def _changed(self, event: Event[EventStateChangedData]) -> None:
        playing = now_playing(event.data["new_state"])
        if not self._shown:
            if playing not in (None, self._before) and playing != now_playing(
                event.data["old_state"]
            ):
                # Shown (or the music moved on): either way, its length from now.
                self._shown = True
                self._count_from_now()
            return
        if playing is None or playing == self._before:
            self._finish()

    @callback
    def _timed_out(self, _now: datetime) -> None:
        self._unsub_timer = None
        self._finish()

    @callback
    def _finish(self) -> None:
        if not self._over:
            self.stop()
            self._done()
