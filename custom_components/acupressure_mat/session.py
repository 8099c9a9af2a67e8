"""The session engine: start, pause, resume, extend and end a mat session.

It knows nothing of entities, actions or the room: platforms subscribe to it and
render its state, and the room acts through the SessionEffects it is given.
The countdown (or, while paused, the pause limit) is one point-in-time callback
on Home Assistant's scheduler, so a session writes state only when something
happens.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime, time
import logging
from typing import Any

from homeassistant.const import CONF_NAME
from homeassistant.core import CALLBACK_TYPE, Context, HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.event import async_track_point_in_utc_time
from homeassistant.helpers.start import async_at_started
from homeassistant.util import dt as dt_util
from homeassistant.util.ulid import ulid_now

from .const import (
    ACTIVITY_COMPLETED,
    ACTIVITY_EXTENDED,
    ACTIVITY_PAUSED,
    ACTIVITY_REMINDER,
    ACTIVITY_RESUMED,
    ACTIVITY_STARTED,
    ACTIVITY_STOPPED_EARLY,
    DEFAULT_BEDTIME,
    DEFAULT_BODY_AREA,
    DOMAIN,
    EVENT_SESSION_ENDED,
    EVENT_SESSION_EXTENDED,
    EVENT_SESSION_PAUSED,
    EVENT_SESSION_RATED,
    EVENT_SESSION_REMINDER,
    EVENT_SESSION_RESUMED,
    EVENT_SESSION_STARTED,
    FALSE_START,
    MAX_PAUSE,
    OUTCOME_COMPLETED,
    OUTCOME_STOPPED_EARLY,
    STATE_IDLE,
    STATE_PAUSED,
    STATE_RUNNING,
    STORAGE_VERSION,
)
from .effects import NoEffects, SessionEffects
from .history import SessionHistory, summarize
from .models import MatSettings, Session, SessionRecord
from .recommendation import (
    Recommendation,
    SleepEffect,
    recommend,
    sleep_effect,
    typical_onset,
)
from .storage import MatStore
from .validation import (
    check_idle,
    check_session_state,
    history_range,
    refuse,
    validate_body_area,
    validate_duration,
    validate_extend,
    validate_extended_plan,
    validate_notes,
    validate_rating,
)

_LOGGER = logging.getLogger(__name__)

# A session is completed when its active time reached the plan within this margin.
_COMPLETION_MARGIN_SECONDS = 1.0
# How long an unload waits for the room to finish (as Home Assistant for entry tasks).
_EFFECTS_TIMEOUT_SECONDS = 10

type ActivityListener = Callable[[str, dict[str, Any]], None]


@dataclass(frozen=True, kw_only=True, slots=True)
class Advice:
    """The recommendation and the sleep figures behind the advice sensors."""

    recommendation: Recommendation
    sleep_effect: SleepEffect
    typical_onset: time | None


def _parse_stored(data: dict[str, Any]) -> tuple[MatSettings | None, Session | None]:
    """Settings and session from the store; malformed data raises."""
    settings = None
    if stored_settings := data.get("settings"):
        duration = stored_settings.get("duration")
        settings = MatSettings(
            duration=None if duration is None else validate_duration(int(duration)),
            body_area=validate_body_area(stored_settings["body_area"]),
            bedtime=time.fromisoformat(stored_settings["bedtime"]).isoformat(
                timespec="minutes"
            ),
        )
    stored_session = data.get("session")
    return settings, Session.from_dict(stored_session) if stored_session else None


def _due(session: Session) -> datetime:
    """When a session ends by itself: at its end, or at its pause limit if paused."""
    if session.paused_at is not None:
        return session.paused_at + MAX_PAUSE
    return session.ends_at


class MatSessionEngine:
    """One mat's session: its lifecycle, countdown and persistence."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry_id: str,
        name: str,
        history: SessionHistory,
    ) -> None:
        """Prepare the engine; call async_load before use."""
        self.hass = hass
        self.entry_id = entry_id
        self.name = name
        self.history = history
        self.settings = MatSettings(
            duration=None,
            body_area=DEFAULT_BODY_AREA,
            bedtime=DEFAULT_BEDTIME.isoformat(timespec="minutes"),
        )
        self.session: Session | None = None
        self.effects: SessionEffects = NoEffects()
        self._store = MatStore(hass, STORAGE_VERSION, f"{DOMAIN}.{entry_id}")
        self._listeners: list[CALLBACK_TYPE] = []
        self._activity_listeners: list[ActivityListener] = []
        self._unsub_end: CALLBACK_TYPE | None = None
        self._unsub_started: CALLBACK_TYPE | None = None
        self._ended_offline: tuple[Session, SessionRecord | None, datetime] | None = (
            None
        )
        self._advice: tuple[int, Advice] | None = None
        self._effects: set[asyncio.Task[None]] = set()

    # --- state -----------------------------------------------------------

    @property
    def state(self) -> str:
        """idle, running or paused."""
        if self.session is None:
            return STATE_IDLE
        return STATE_PAUSED if self.session.paused else STATE_RUNNING

    @property
    def advice(self) -> Advice:
        """What the log says, recomputed only when the log changed."""
        if self._advice is None or self._advice[0] != self.history.revision:
            records, nights = self.history.records, self.history.nights
            self._advice = (
                self.history.revision,
                Advice(
                    recommendation=recommend(records, nights),
                    sleep_effect=sleep_effect(records, nights),
                    typical_onset=typical_onset(nights),
                ),
            )
        return self._advice[1]

    @property
    def recommendation(self) -> Recommendation:
        """The recommended session length and why."""
        return self.advice.recommendation

    @property
    def duration(self) -> int:
        """The next session's length: the user's choice, else the recommendation."""
        if self.settings.duration is None:
            return self.recommendation.minutes
        return self.settings.duration

    @property
    def session_entity_id(self) -> str | None:
        """The entity id of this mat's session sensor."""
        return er.async_get(self.hass).async_get_entity_id(
            "sensor", DOMAIN, f"{self.entry_id}-session"
        )

    @callback
    def async_add_listener(self, listener: CALLBACK_TYPE) -> CALLBACK_TYPE:
        """Call listener after every change; returns the unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    @callback
    def async_add_activity_listener(self, listener: ActivityListener) -> CALLBACK_TYPE:
        """Call listener(activity, data) for each started, paused, ... event."""
        self._activity_listeners.append(listener)
        return lambda: self._activity_listeners.remove(listener)

    # --- loading and unloading ---------------------------------------------

    async def async_load(self) -> None:
        """Read the stored settings and session, and pick the session up again."""
        settings, session = await self._store.async_load_safely(_parse_stored) or (
            None,
            None,
        )
        if settings is not None:
            self.settings = settings
        self.session = session
        if session is not None and _due(session) <= dt_util.utcnow():
            await self._async_end_offline(session)

    @callback
    def async_activate(self) -> None:
        """Run the countdown or the pause limit; call once the entities exist."""
        if self.session is not None:
            self._schedule_end()
        if self._ended_offline is None:
            return
        session, record, ended_at = self._ended_offline
        self._ended_offline = None

        @callback
        def _fire_when_started(_hass: HomeAssistant) -> None:
            self._unsub_started = None
            # A session still paused at its due time reached the pause limit.
            self._fire_ended(
                session, record, ended_at, offline=True, paused_too_long=session.paused
            )
            self._run_effect(self.effects.async_ended(session, record, offline=True))

        # Automations only listen once Home Assistant has started.
        self._unsub_started = async_at_started(self.hass, _fire_when_started)

    @callback
    def async_shutdown(self) -> None:
        """Stop the countdown without ending the session (unload, reload, stop)."""
        self._cancel_end()
        self._store.async_shutdown()
        self.history.async_shutdown()
        if self._unsub_started:
            self._unsub_started()
            self._unsub_started = None

    async def async_wait_for_effects(self) -> None:
        """Let the room finish what it is doing, so it stops with nothing in flight."""
        if self._effects:
            await asyncio.wait(self._effects, timeout=_EFFECTS_TIMEOUT_SECONDS)

    async def async_abandon_session(self) -> None:
        """Undo a stored session's effects without logging it (the mat is removed)."""
        stored = await self._store.async_load_safely(_parse_stored)
        if stored is not None and (session := stored[1]) is not None:
            await self.effects.async_ended(session, None, offline=True)

    async def async_remove_files(self) -> None:
        """Delete this mat's stored data (the mat was removed)."""
        self.async_shutdown()
        await self._store.async_remove()
        await self.history.async_remove_file()

    # --- settings --------------------------------------------------------

    async def async_set_duration(self, minutes: float) -> None:
        """Set the length of the next session."""
        self.settings.duration = validate_duration(minutes)
        await self._async_save_and_notify()

    async def async_set_body_area(self, body_area: str) -> None:
        """Set the body area of the next session."""
        self.settings.body_area = validate_body_area(body_area)
        await self._async_save_and_notify()

    async def async_set_bedtime(self, bedtime: time) -> None:
        """Set the user's target bedtime."""
        self.settings.bedtime = bedtime.isoformat(timespec="minutes")
        await self._async_save_and_notify()

    # --- the log -----------------------------------------------------------

    def find_record(self, session_id: str | None) -> SessionRecord:
        """Return the logged session with this id (default: the latest), or refuse."""
        if session_id is None:
            if (latest := self.history.latest) is None:
                raise refuse("no_sessions_logged", name=self.name)
            return latest
        if (record := self.history.get(session_id)) is None:
            raise refuse("session_not_found", name=self.name, session_id=session_id)
        return record

    async def async_rate(
        self,
        rating: float,
        notes: str | None = None,
        session_id: str | None = None,
        *,
        context: Context | None = None,
    ) -> SessionRecord:
        """Log how a session felt; context is the call that rated it."""
        checked = validate_rating(rating)
        clean_notes = None if notes is None else validate_notes(notes)
        record = self.find_record(session_id)
        changes: dict[str, Any] = {"rating": checked}
        if clean_notes is not None:
            changes["notes"] = clean_notes or None
        record = await self.history.async_update(record.id, **changes)
        self.tell_rated(record, context)
        return record

    @callback
    def tell_rated(self, record: SessionRecord, context: Context | None) -> None:
        """Fire the rated event of a session just rated (by action or calendar)."""
        self.hass.bus.async_fire(
            EVENT_SESSION_RATED,
            {
                CONF_NAME: self.name,
                "entity_id": self.session_entity_id,
                "session_id": record.id,
                "minutes": record.active_minutes,
                "body_area": record.body_area,
                "rating": record.rating,
            },
            context=context,
        )

    async def async_delete(self, session_id: str) -> None:
        """Remove a logged session."""
        await self.history.async_delete(self.find_record(session_id).id)

    def query_history(
        self,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int | None = None,
    ) -> dict[str, Any]:
        """Sessions in a range, newest first, and a summary of the whole range."""
        range_start, range_end, checked_limit = history_range(start, end, limit)
        records = self.history.between(range_start, range_end)
        return {
            "sessions": [r.as_dict() for r in reversed(records[-checked_limit:])],
            "summary": summarize(records).as_dict(),
        }

    # --- lifecycle ---------------------------------------------------------

    async def async_start(
        self,
        duration: float | None = None,
        body_area: str | None = None,
        *,
        dim_lights: bool = True,
        announce: bool = True,
        use_recommended: bool = False,
        context: Context | None = None,
    ) -> Session:
        """Start a session; refused while one runs or is paused.

        context is the call that started it (the logbook names its user or
        automation); the same holds for pause, resume, extend, stop and rate.
        """
        if use_recommended:
            if duration is not None:
                raise refuse("duration_and_recommended")
            duration = self.recommendation.minutes
        minutes = validate_duration(self.duration if duration is None else duration)
        area = validate_body_area(body_area or self.settings.body_area)
        self._require_idle()
        session = Session(
            id=ulid_now(),
            started_at=dt_util.utcnow(),
            planned_minutes=minutes,
            body_area=area,
            dim_lights=dim_lights,
            announce=announce,
        )
        session.room = self.effects.capture(session)
        self.session = session
        self._schedule_end()
        await self._async_save_and_notify()
        self._fire(
            EVENT_SESSION_STARTED,
            ACTIVITY_STARTED,
            session,
            context,
            minutes=minutes,
        )
        self._run_effect(self.effects.async_started(session))
        return session

    async def async_pause(self, *, context: Context | None = None) -> None:
        """Pause the running session; pauses do not count as session time.

        A pause that outlasts MAX_PAUSE ends the session, so the room is put back.
        """
        session = self._require_session("pause", allowed=STATE_RUNNING)
        session.paused_at = dt_util.utcnow()
        self._schedule_end()
        await self._async_save_and_notify()
        self._fire(
            EVENT_SESSION_PAUSED,
            ACTIVITY_PAUSED,
            session,
            context,
            minutes=self._remaining(session),
        )

    async def async_resume(self, *, context: Context | None = None) -> None:
        """Resume the paused session."""
        session = self._require_session("resume", allowed=STATE_PAUSED)
        assert session.paused_at is not None
        session.paused_seconds += (dt_util.utcnow() - session.paused_at).total_seconds()
        session.paused_at = None
        self._schedule_end()
        await self._async_save_and_notify()
        self._fire(
            EVENT_SESSION_RESUMED,
            ACTIVITY_RESUMED,
            session,
            context,
            minutes=self._remaining(session),
        )

    def check_extend(self, minutes: float) -> Session:
        """Return the session that minutes can be added to, or refuse."""
        added = validate_extend(minutes)
        session = self._require_session("extend")
        validate_extended_plan(session.planned_minutes, added)
        return session

    async def async_extend(
        self, minutes: float, *, context: Context | None = None
    ) -> None:
        """Add active minutes to the running or paused session (40 minutes at most)."""
        session = self.check_extend(minutes)
        session.planned_minutes += int(minutes)
        if not session.paused:
            self._schedule_end()
        await self._async_save_and_notify()
        self._fire(
            EVENT_SESSION_EXTENDED,
            ACTIVITY_EXTENDED,
            session,
            context,
            minutes=session.planned_minutes,
            added_minutes=int(minutes),
        )

    async def async_stop(
        self, rating: float | None = None, *, context: Context | None = None
    ) -> SessionRecord | None:
        """End the session now; returns its record, or None for a false start."""
        checked_rating = None if rating is None else validate_rating(rating)
        session = self._require_session("stop")
        return await self._async_finish(
            session, dt_util.utcnow(), rating=checked_rating, context=context
        )

    @callback
    def async_remind(self, record: SessionRecord) -> None:
        """Tell listeners someone is still on the mat after the session ended."""
        data = {
            "entity_id": self.session_entity_id,
            "session_id": record.id,
            "body_area": record.body_area,
            "minutes": record.active_minutes,
        }
        self.hass.bus.async_fire(EVENT_SESSION_REMINDER, {CONF_NAME: self.name, **data})
        for listener in list(self._activity_listeners):
            listener(ACTIVITY_REMINDER, data)

    def check_can_start(self) -> None:
        """Refuse when a session is running or paused."""
        self._require_idle()

    def check_state(self, action: str) -> None:
        """Refuse an action that does not apply to the session's state."""
        allowed = {"pause": STATE_RUNNING, "resume": STATE_PAUSED}.get(action)
        self._require_session(action, allowed=allowed)

    # --- internals -----------------------------------------------------

    def _require_idle(self) -> None:
        check_idle(self.name, self.state)

    def _require_session(self, action: str, allowed: str | None = None) -> Session:
        check_session_state(action, self.name, self.state, allowed)
        assert self.session is not None
        return self.session

    def _remaining(self, session: Session) -> float:
        return round(session.remaining_seconds(dt_util.utcnow()) / 60, 1)

    def _schedule_end(self) -> None:
        self._cancel_end()
        assert self.session is not None
        self._unsub_end = async_track_point_in_utc_time(
            self.hass, self._async_end_due, _due(self.session)
        )

    def _cancel_end(self) -> None:
        if self._unsub_end:
            self._unsub_end()
            self._unsub_end = None

    async def _async_end_due(self, now: datetime) -> None:
        self._unsub_end = None
        if self.session is not None:
            _LOGGER.debug(
                "%s: session %s ends by itself (%s)",
                self.name,
                self.session.id,
                "pause limit" if self.session.paused else "its time is up",
            )
            await self._async_finish(
                self.session, _due(self.session), paused_too_long=self.session.paused
            )

    async def _async_end_offline(self, session: Session) -> None:
        """Log a session whose end or pause limit passed while HA was down."""
        ended_at = _due(session)
        record = self._record(session, ended_at, None, offline=True)
        self.session = None
        if record is not None:
            await self.history.async_add(record)
        await self._async_save()
        self._ended_offline = (session, record, ended_at)

    async def _async_finish(
        self,
        session: Session,
        ended_at: datetime,
        rating: int | None = None,
        context: Context | None = None,
        *,
        paused_too_long: bool = False,
    ) -> SessionRecord | None:
        self._cancel_end()
        self.session = None
        record = self._record(session, ended_at, rating)
        # Log first: after a crash in between, logging the stored session is idempotent.
        if record is not None:
            await self.history.async_add(record)
        await self._async_save()
        self._notify()
        self._fire_ended(
            session,
            record,
            ended_at,
            offline=False,
            paused_too_long=paused_too_long,
            context=context,
        )
        self._run_effect(self.effects.async_ended(session, record, offline=False))
        return record

    def _record(
        self,
        session: Session,
        ended_at: datetime,
        rating: int | None,
        *,
        offline: bool = False,
    ) -> SessionRecord | None:
        """The record of an ended session; None for a false start (not logged)."""
        active = session.active_seconds(ended_at)
        if active < FALSE_START.total_seconds():
            return None
        reached = active + _COMPLETION_MARGIN_SECONDS >= session.planned_minutes * 60
        return SessionRecord(
            id=session.id,
            started_at=session.started_at,
            ended_at=ended_at,
            planned_minutes=session.planned_minutes,
            active_minutes=round(active / 60, 1),
            body_area=session.body_area,
            outcome=OUTCOME_COMPLETED if reached else OUTCOME_STOPPED_EARLY,
            ended_while_offline=offline,
            rating=rating,
        )

    def _fire_ended(
        self,
        session: Session,
        record: SessionRecord | None,
        ended_at: datetime,
        *,
        offline: bool,
        paused_too_long: bool,
        context: Context | None = None,
    ) -> None:
        if record is None:
            active = session.active_seconds(ended_at)
            self._fire(
                EVENT_SESSION_ENDED,
                ACTIVITY_STOPPED_EARLY,
                session,
                context,
                minutes=round(active / 60, 1),
                seconds=int(active),
                outcome=OUTCOME_STOPPED_EARLY,
                false_start=True,
                ended_while_offline=offline,
                paused_too_long=paused_too_long,
            )
            return
        self._fire(
            EVENT_SESSION_ENDED,
            ACTIVITY_COMPLETED
            if record.outcome == OUTCOME_COMPLETED
            else ACTIVITY_STOPPED_EARLY,
            session,
            context,
            minutes=record.active_minutes,
            planned_minutes=record.planned_minutes,
            outcome=record.outcome,
            false_start=False,
            ended_while_offline=record.ended_while_offline,
            paused_too_long=paused_too_long,
            rating=record.rating,
        )

    def _fire(
        self,
        bus_event: str,
        activity: str,
        session: Session,
        context: Context | None,
        **extra: Any,
    ) -> None:
        data: dict[str, Any] = {
            "entity_id": self.session_entity_id,
            "session_id": session.id,
            "body_area": session.body_area,
            **extra,
        }
        self.hass.bus.async_fire(
            bus_event, {CONF_NAME: self.name, **data}, context=context
        )
        for listener in list(self._activity_listeners):
            listener(activity, data)

    def _run_effect(self, effect: Coroutine[Any, Any, None]) -> None:
        """Run an effect beside the session: its failure never breaks the session."""

        async def _guarded() -> None:
            try:
                await effect
            except Exception:
                _LOGGER.exception("%s: acting around the mat failed", self.name)

        task = self.hass.async_create_task(
            _guarded(), f"{DOMAIN} effect", eager_start=True
        )
        self._effects.add(task)
        task.add_done_callback(self._effects.discard)

    def _store_data(self) -> dict[str, Any]:
        return {
            "settings": self.settings.as_dict(),
            "session": self.session.as_dict() if self.session else None,
        }

    async def _async_save(self) -> None:
        await self._store.async_save(self._store_data())

    async def _async_save_and_notify(self) -> None:
        await self._async_save()
        self._notify()

    @callback
    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener()
