"""The mat's intents: one handler per request, for sentences and language models.

Both routes end here: the built-in agent's sentences (``sentences.py``) and the
tools of language-model agents. Each handler finds the mat a request means among
the mats exposed to the assistant, acts on it and answers in words.
"""

from __future__ import annotations

from typing import Any, Final

import voluptuous as vol

from custom_components.acupressure_mat.const import (
    BODY_AREAS,
    EXTEND_STEP_MINUTES,
    MAX_EXTEND_MINUTES,
    MAX_MINUTES,
    MIN_EXTEND_MINUTES,
    MIN_MINUTES,
    STATE_PAUSED,
)
from custom_components.acupressure_mat.session import MatSessionEngine
from homeassistant.core import Context
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import config_validation as cv, intent

from .answers import (
    DURATION_RANGE,
    NO_SESSION,
    Answer,
    RefusalError,
    async_say,
    engine_refusal,
    minutes_answer,
    minutes_left,
)
from .exposure import is_exposed, loaded_entries
from .mats import find_mat, for_mat, mats_of

INTENT_START: Final = "AcupressureMatStartSession"
INTENT_PAUSE: Final = "AcupressureMatPauseSession"
INTENT_RESUME: Final = "AcupressureMatResumeSession"
INTENT_STOP: Final = "AcupressureMatStopSession"
INTENT_TIME_LEFT: Final = "AcupressureMatTimeLeft"
INTENT_EXTEND: Final = "AcupressureMatExtendSession"
INTENT_TYPES: Final = (
    INTENT_START,
    INTENT_PAUSE,
    INTENT_RESUME,
    INTENT_STOP,
    INTENT_TIME_LEFT,
    INTENT_EXTEND,
)

SLOT_NAME: Final = "name"
SLOT_DURATION: Final = "duration"
SLOT_BODY_AREA: Final = "body_area"
SLOT_MINUTES: Final = "minutes"

NAME_SLOT: Final = {
    vol.Optional(
        SLOT_NAME,
        description=(
            "The mat's name or the area it is in; leave it out when there is one "
            "mat or the request comes from a device in the mat's area"
        ),
    ): cv.string,
}


class MatIntentHandler(intent.IntentHandler):
    """Find the mat a request means, act on it and answer in words."""

    # Pause, resume, stop and time left mean the one mat with a session, if any.
    prefer_active = True

    @property
    def slot_schema(self) -> dict[Any, Any]:
        """The slots: which mat."""
        return dict(NAME_SLOT)

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Answer the request; a refusal is an error response that gives the reason."""
        slots = self.async_validate_slots(intent_obj.slots)
        values = {key: slot["value"] for key, slot in slots.items()}
        response = intent_obj.create_response()
        try:
            answer = await self._async_answer(intent_obj, values)
        except RefusalError as refusal:
            speech = await async_say(
                intent_obj.hass, intent_obj.language, refusal.answer
            )
            response.async_set_error(refusal.code, speech)
        else:
            response.async_set_speech(
                await async_say(intent_obj.hass, intent_obj.language, answer)
            )
        return response

    async def _async_answer(
        self, intent_obj: intent.Intent, values: dict[str, Any]
    ) -> Answer | str:
        hass = intent_obj.hass
        entries = loaded_entries(hass)
        if assistant := intent_obj.assistant:
            exposed = [e for e in entries if is_exposed(hass, e, assistant)]
            if entries and not exposed:
                raise RefusalError(
                    Answer("no_mat_exposed", category="exceptions"),
                    intent.IntentResponseErrorCode.NO_VALID_TARGETS,
                )
            entries = exposed
        mats = mats_of(hass, entries)
        mat = find_mat(
            intent_obj.hass,
            mats,
            values.get(SLOT_NAME),
            intent_obj,
            prefer_active=self.prefer_active,
        )
        try:
            answer = await self.async_act(mat.engine, values, intent_obj.context)
        except RefusalError as refusal:
            raise RefusalError(
                for_mat(mat, mats, refusal.answer), refusal.code
            ) from refusal
        except HomeAssistantError as err:
            # A refusal of the engine's own (the state changed under us).
            raise RefusalError(for_mat(mat, mats, engine_refusal(err))) from err
        return for_mat(mat, mats, answer)

    async def async_act(
        self, engine: MatSessionEngine, values: dict[str, Any], context: Context
    ) -> Answer:
        """Act on the mat for the request's context and return the answer."""
        raise NotImplementedError


def _require_session(engine: MatSessionEngine) -> None:
    if engine.session is None:
        raise RefusalError(NO_SESSION)


class StartSessionHandler(MatIntentHandler):
    """Start a session on a mat."""

    intent_type = INTENT_START
    description = (
        "Starts a session on an acupressure mat (15 to 40 minutes). Without a "
        "duration or body area, the mat's own settings apply."
    )
    prefer_active = False

    @property
    def slot_schema(self) -> dict[Any, Any]:
        """The slots: which mat, how long, which body area."""
        return {
            **NAME_SLOT,
            vol.Optional(
                SLOT_DURATION,
                description=(
                    f"Whole minutes, {MIN_MINUTES} to {MAX_MINUTES}; leave it out for "
                    "the mat's own duration"
                ),
            ): vol.Coerce(float),
            vol.Optional(
                SLOT_BODY_AREA,
                description=f"One of {', '.join(BODY_AREAS)}",
            ): cv.string,
        }

    async def async_act(
        self, engine: MatSessionEngine, values: dict[str, Any], context: Context
    ) -> Answer:
        """Start the session, refused while one runs or is paused."""
        duration: float | None = values.get(SLOT_DURATION)
        if duration is not None and (
            not duration.is_integer() or not MIN_MINUTES <= duration <= MAX_MINUTES
        ):
            raise RefusalError(DURATION_RANGE)
        body_area: str | None = values.get(SLOT_BODY_AREA)
        if body_area is not None:
            body_area = body_area.strip().lower()
            if body_area not in BODY_AREAS:
                raise RefusalError(Answer("body_areas"))
        if engine.state == STATE_PAUSED:
            raise RefusalError(Answer("start_while_paused"))
        if engine.session is not None:
            raise RefusalError(
                Answer("start_while_running", {"left": minutes_left(engine)})
            )
        session = await engine.async_start(duration, body_area, context=context)
        key = f"started_{session.body_area}" if body_area else "started"
        return Answer(key, {"minutes": session.planned_minutes})


class PauseSessionHandler(MatIntentHandler):
    """Pause a mat's running session."""

    intent_type = INTENT_PAUSE
    description = "Pauses the running session of an acupressure mat."

    async def async_act(
        self, engine: MatSessionEngine, values: dict[str, Any], context: Context
    ) -> Answer:
        """Pause the session."""
        _require_session(engine)
        if engine.state == STATE_PAUSED:
            raise RefusalError(Answer("already_paused"))
        await engine.async_pause(context=context)
        return Answer("paused")


class ResumeSessionHandler(MatIntentHandler):
    """Resume a mat's paused session."""

    intent_type = INTENT_RESUME
    description = "Resumes the paused session of an acupressure mat."

    async def async_act(
        self, engine: MatSessionEngine, values: dict[str, Any], context: Context
    ) -> Answer:
        """Resume the session."""
        _require_session(engine)
        if engine.state != STATE_PAUSED:
            raise RefusalError(Answer("already_running"))
        await engine.async_resume(context=context)
        return Answer("resumed", {"left": minutes_left(engine)})


class StopSessionHandler(MatIntentHandler):
    """Stop a mat's session."""

    intent_type = INTENT_STOP
    description = (
        "Stops the session of an acupressure mat, also when it is paused. A session "
        "stopped within its first 2 minutes is a false start and is not logged."
    )

    async def async_act(
        self, engine: MatSessionEngine, values: dict[str, Any], context: Context
    ) -> Answer:
        """Stop the session; say so when it was too short to be logged."""
        _require_session(engine)
        record = await engine.async_stop(context=context)
        return Answer("stopped" if record is not None else "stopped_false_start")


class TimeLeftHandler(MatIntentHandler):
    """Tell how much of a mat's session is left."""

    intent_type = INTENT_TIME_LEFT
    description = "Tells how much time is left in the session of an acupressure mat."

    async def async_act(
        self, engine: MatSessionEngine, values: dict[str, Any], context: Context
    ) -> Answer:
        """Tell the minutes left."""
        _require_session(engine)
        key = "time_left_paused" if engine.state == STATE_PAUSED else "time_left"
        return Answer(key, {"left": minutes_left(engine)})


class ExtendSessionHandler(MatIntentHandler):
    """Add minutes to a mat's session."""

    intent_type = INTENT_EXTEND
    description = (
        "Adds minutes to the running or paused session of an acupressure mat; "
        f"a session lasts {MAX_MINUTES} minutes at most."
    )

    @property
    def slot_schema(self) -> dict[Any, Any]:
        """The slots: which mat, how many minutes."""
        return {
            **NAME_SLOT,
            vol.Optional(
                SLOT_MINUTES,
                description=(
                    f"Whole minutes to add, {MIN_EXTEND_MINUTES} to "
                    f"{MAX_EXTEND_MINUTES}; leave it out for {EXTEND_STEP_MINUTES}"
                ),
            ): vol.Coerce(float),
        }

    async def async_act(
        self, engine: MatSessionEngine, values: dict[str, Any], context: Context
    ) -> Answer:
        """Extend the session; the engine refuses minutes out of range."""
        _require_session(engine)
        assert engine.session is not None
        if engine.session.planned_minutes >= MAX_MINUTES:
            raise RefusalError(Answer("extend_at_max", {"max": MAX_MINUTES}))
        minutes: float = values.get(SLOT_MINUTES, EXTEND_STEP_MINUTES)
        await engine.async_extend(minutes, context=context)
        return Answer(
            "extended",
            {"added": minutes_answer(int(minutes)), "left": minutes_left(engine)},
        )


HANDLERS: Final[tuple[MatIntentHandler, ...]] = (
    StartSessionHandler(),
    PauseSessionHandler(),
    ResumeSessionHandler(),
    StopSessionHandler(),
    TimeLeftHandler(),
    ExtendSessionHandler(),
)
