"""Assist: sentences for the built-in agent, intents for language-model agents.

Both routes end in the same intent handlers. The built-in agent matches the
sentences below before its own intents and before any language-model agent
(conversation's sentence triggers); their callback hands the words it caught to
the handlers through ``intent.async_handle``. Language-model agents call the
same handlers as tools, because they are registered without ``platforms`` and
with a description.

The sentences are English, so the answers are English too: an answer must be in
the language of the sentence it answers, whatever Home Assistant's language is.
A request the mat can't carry out is answered in words, never with an error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
import math
import re
from typing import TYPE_CHECKING, Any, Final

import voluptuous as vol

from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import (
    area_registry as ar,
    config_validation as cv,
    device_registry as dr,
    entity_registry as er,
    intent,
)
from homeassistant.setup import async_when_setup
from homeassistant.util import dt as dt_util

from .const import BODY_AREAS, DOMAIN, MAX_MINUTES, MIN_MINUTES, STATE_PAUSED
from .data import AcupressureMatConfigEntry
from .session import MatSessionEngine

if TYPE_CHECKING:
    from hassil.recognize import RecognizeResult

    from homeassistant.components.conversation.models import ConversationInput

INTENT_START: Final = "AcupressureMatStartSession"
INTENT_PAUSE: Final = "AcupressureMatPauseSession"
INTENT_RESUME: Final = "AcupressureMatResumeSession"
INTENT_STOP: Final = "AcupressureMatStopSession"
INTENT_TIME_LEFT: Final = "AcupressureMatTimeLeft"

SLOT_NAME: Final = "name"
SLOT_DURATION: Final = "duration"
SLOT_BODY_AREA: Final = "body_area"

# Sentence wildcards; {minutes} is handed to the handlers as the duration slot.
_WILDCARD_MINUTES: Final = "minutes"

_CONVERSATION: Final = "conversation"

_START = "(start|begin)"
_PAUSE = "pause"
_RESUME = "(resume|continue|unpause)"
_STOP = "(stop|end|cancel|finish)"
_TIME_LEFT = "how (much time is|many minutes are) left (on|in|of)"


def _session_sentences(verb: str) -> list[str]:
    """'<verb> the mat session', optionally naming the mat or its area."""
    return [
        f"{verb} (my|the) mat session",
        f"{verb} (my|the) mat session (in|on) the {{name}}",
        f"{verb} (my|the) {{name}} mat session",
    ]


# Within one command the first sentence that matches wins, so the more literal
# sentences come before those a wildcard could stretch to fit.
SENTENCES: Final[dict[str, list[str]]] = {
    INTENT_START: [
        f"{_START} (a|an) {{minutes}} minute {{body_area}} session on (the|my) mat",
        f"{_START} (a|an) {{minutes}} minute {{body_area}} session on the {{name}} mat",
        f"{_START} (a|an) {{minutes}} minute mat session",
        f"{_START} (a|an) {{minutes}} minute mat session (in|on) the {{name}}",
        f"{_START} (a|an) {{minutes}} minute {{name}} mat session",
        f"{_START} (a|an) {{body_area}} session on (the|my) mat",
        f"{_START} (a|an) {{body_area}} session on the mat (in|on) the {{name}}",
        f"{_START} (a|an) {{body_area}} session on the {{name}} mat",
        f"{_START} (my|the|a) mat session",
        f"{_START} (my|the|a) mat session (in|on) the {{name}}",
        f"{_START} (my|the) {{name}} mat session",
    ],
    INTENT_PAUSE: _session_sentences(_PAUSE),
    INTENT_RESUME: _session_sentences(_RESUME),
    INTENT_STOP: _session_sentences(_STOP),
    INTENT_TIME_LEFT: _session_sentences(_TIME_LEFT),
}

SPEECH_DURATION_RANGE: Final = (
    f"Mat sessions last {MIN_MINUTES} to {MAX_MINUTES} minutes"
)
SPEECH_BODY_AREAS: Final = "The mat has back, neck and feet sessions"
SPEECH_NO_SESSION: Final = "There is no mat session running"
SPEECH_NO_MAT: Final = "There is no acupressure mat set up"
SPEECH_FAILED: Final = "The mat could not do that"

_NAME_SLOT: Final = {
    vol.Optional(
        SLOT_NAME,
        description=(
            "The mat's name or the area it is in; leave it out when there is one "
            "mat or the request comes from a device in the mat's area"
        ),
    ): cv.string,
}

_NUMBER_WORDS: Final = {
    word: value
    for value, word in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        )
    )
} | {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_BODY_AREA_WORDS: Final = {"foot": "feet"}


class RefusalError(Exception):
    """A request the mat can't carry out, told in words."""

    def __init__(
        self,
        speech: str,
        code: intent.IntentResponseErrorCode = (
            intent.IntentResponseErrorCode.FAILED_TO_HANDLE
        ),
    ) -> None:
        """Keep the words to say and the reason for the response."""
        super().__init__(speech)
        self.speech = speech
        self.code = code


def parse_minutes(text: str) -> float | None:
    """A spoken number of minutes: digits or English words up to ninety-nine."""
    words = text.lower().replace("-", " ").split()
    try:
        return float("".join(words))
    except ValueError:
        pass
    if not words:
        return None
    total = 0
    for word in words:
        if (value := _NUMBER_WORDS.get(word)) is None:
            return None
        total += value
    return float(total)


def _normalize(name: str) -> str:
    """A mat or area name as people say it: 'the Bedroom mat' is 'bedroom'."""
    text = re.sub(r"'s\b", "", name.lower())
    words = re.sub(r"[^\w\s]", " ", text).split()
    while words and words[0] in ("the", "my"):
        words.pop(0)
    while len(words) > 1 and words[-1] in ("mat", "mats"):
        words.pop()
    return " ".join(words)


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def _minutes_left(engine: MatSessionEngine) -> str:
    assert engine.session is not None
    seconds = engine.session.remaining_seconds(dt_util.utcnow())
    return _plural(max(1, math.ceil(seconds / 60)), "minute")


@dataclass(frozen=True, slots=True)
class _Mat:
    """A loaded mat and the names and area it can be called by."""

    engine: MatSessionEngine
    names: frozenset[str]
    area_id: str | None


def _loaded_mats(hass: HomeAssistant) -> list[_Mat]:
    entries: list[AcupressureMatConfigEntry] = hass.config_entries.async_loaded_entries(
        DOMAIN
    )
    device_registry = dr.async_get(hass)
    entity_registry = er.async_get(hass)
    area_registry = ar.async_get(hass)
    mats = []
    for entry in entries:
        engine = entry.runtime_data.engine
        device = device_registry.async_get_device(
            identifiers={(DOMAIN, entry.entry_id)}
        )
        names = {engine.name, entry.title}
        area_id = None
        if device is not None:
            names.update(n for n in (device.name, device.name_by_user) if n)
            area_id = device.area_id
        session_entity_id = engine.session_entity_id
        if session_entity_id and (
            entity := entity_registry.async_get(session_entity_id)
        ):
            area_id = entity.area_id or area_id
        if area_id and (area := area_registry.async_get_area(area_id)):
            names.add(area.name)
            names.update(area.aliases)
        mats.append(_Mat(engine, frozenset(_normalize(n) for n in names if n), area_id))
    return mats


def _mat_list(mats: Iterable[_Mat], conjunction: str) -> str:
    """'Bedroom mat, Guest mat and Office mat'."""
    *names, last = sorted(mat.engine.name for mat in mats)
    return f"{', '.join(names)} {conjunction} {last}" if names else last


def _requester_area(
    hass: HomeAssistant, device_id: str | None, satellite_id: str | None
) -> str | None:
    """The area of the device (or satellite) the request came from."""
    if satellite_id and (entity := er.async_get(hass).async_get(satellite_id)):
        if entity.area_id:
            return entity.area_id
        device_id = entity.device_id or device_id
    if device_id and (device := dr.async_get(hass).async_get(device_id)):
        return device.area_id
    return None


def _find_mat(
    hass: HomeAssistant,
    mats: list[_Mat],
    name: str | None,
    intent_obj: intent.Intent,
    *,
    prefer_active: bool,
) -> _Mat:
    """The mat a request means, or a refusal that says which mats there are."""
    if not mats:
        raise RefusalError(
            SPEECH_NO_MAT, intent.IntentResponseErrorCode.NO_VALID_TARGETS
        )
    if name and (spoken := _normalize(name)):
        named = [mat for mat in mats if spoken in mat.names]
        if len(named) == 1:
            return named[0]
        if not named:
            mats_are = "the mats are" if len(mats) > 1 else "the only mat is"
            raise RefusalError(
                f"There is no mat called {name}; {mats_are} {_mat_list(mats, 'and')}",
                intent.IntentResponseErrorCode.NO_VALID_TARGETS,
            )
        mats = named
    if len(mats) == 1:
        return mats[0]
    area_id = _requester_area(hass, intent_obj.device_id, intent_obj.satellite_id)
    in_area = [mat for mat in mats if area_id and mat.area_id == area_id]
    if len(in_area) == 1:
        return in_area[0]
    active = [mat for mat in mats if mat.engine.session is not None]
    if prefer_active and len(active) == 1:
        return active[0]
    raise RefusalError(
        f"Which mat: {_mat_list(mats, 'or')}?",
        intent.IntentResponseErrorCode.NO_VALID_TARGETS,
    )


class MatIntentHandler(intent.IntentHandler):
    """Find the mat a request means, act on it and answer in words."""

    # Pause, resume, stop and time left mean the one mat with a session, if any.
    prefer_active = True

    @property
    def slot_schema(self) -> dict[Any, Any]:
        """The slots: which mat."""
        return dict(_NAME_SLOT)

    async def async_handle(self, intent_obj: intent.Intent) -> intent.IntentResponse:
        """Answer the request; a refusal is an error response that gives the reason."""
        slots = self.async_validate_slots(intent_obj.slots)
        values = {key: slot["value"] for key, slot in slots.items()}
        response = intent_obj.create_response()
        try:
            speech = await self._async_answer(intent_obj, values)
        except RefusalError as refusal:
            response.async_set_error(refusal.code, refusal.speech)
        else:
            response.async_set_speech(speech)
        return response

    async def _async_answer(
        self, intent_obj: intent.Intent, values: dict[str, Any]
    ) -> str:
        mats = _loaded_mats(intent_obj.hass)
        mat = _find_mat(
            intent_obj.hass,
            mats,
            values.get(SLOT_NAME),
            intent_obj,
            prefer_active=self.prefer_active,
        )
        try:
            speech = await self.async_act(mat.engine, values)
        except RefusalError as refusal:
            raise RefusalError(
                _for_mat(mat, mats, refusal.speech), refusal.code
            ) from refusal
        except HomeAssistantError as err:
            # A refusal of the engine's own (the state changed under us).
            raise RefusalError(_for_mat(mat, mats, str(err) or SPEECH_FAILED)) from err
        return _for_mat(mat, mats, speech)

    async def async_act(self, engine: MatSessionEngine, values: dict[str, Any]) -> str:
        """Act on the mat and return the answer."""
        raise NotImplementedError


def _for_mat(mat: _Mat, mats: list[_Mat], speech: str) -> str:
    """With several mats, say which one an answer is about."""
    if len(mats) < 2:  # noqa: PLR2004
        return speech
    return f"{mat.engine.name}: {speech[:1].lower()}{speech[1:]}"


def _require_session(engine: MatSessionEngine) -> None:
    if engine.session is None:
        raise RefusalError(SPEECH_NO_SESSION)


def _body_area(value: str) -> str:
    body_area = value.strip().lower()
    body_area = _BODY_AREA_WORDS.get(body_area, body_area)
    if body_area not in BODY_AREAS:
        raise RefusalError(SPEECH_BODY_AREAS)
    return body_area


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
            **_NAME_SLOT,
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

    async def async_act(self, engine: MatSessionEngine, values: dict[str, Any]) -> str:
        """Start the session, refused while one runs or is paused."""
        duration: float | None = values.get(SLOT_DURATION)
        if duration is not None and (
            not duration.is_integer() or not MIN_MINUTES <= duration <= MAX_MINUTES
        ):
            raise RefusalError(SPEECH_DURATION_RANGE)
        body_area = values.get(SLOT_BODY_AREA)
        if body_area is not None:
            body_area = _body_area(body_area)
        if engine.state == STATE_PAUSED:
            raise RefusalError("A mat session is paused; resume or stop it first")
        if engine.session is not None:
            raise RefusalError(
                f"A mat session is already running, {_minutes_left(engine)} left"
            )
        session = await engine.async_start(duration, body_area)
        what = session.body_area if body_area else "mat"
        return f"Starting a {session.planned_minutes} minute {what} session"


class PauseSessionHandler(MatIntentHandler):
    """Pause a mat's running session."""

    intent_type = INTENT_PAUSE
    description = "Pauses the running session of an acupressure mat."

    async def async_act(self, engine: MatSessionEngine, values: dict[str, Any]) -> str:
        """Pause the session."""
        _require_session(engine)
        if engine.state == STATE_PAUSED:
            raise RefusalError("The mat session is already paused")
        await engine.async_pause()
        return "Paused"


class ResumeSessionHandler(MatIntentHandler):
    """Resume a mat's paused session."""

    intent_type = INTENT_RESUME
    description = "Resumes the paused session of an acupressure mat."

    async def async_act(self, engine: MatSessionEngine, values: dict[str, Any]) -> str:
        """Resume the session."""
        _require_session(engine)
        if engine.state != STATE_PAUSED:
            raise RefusalError("The mat session is already running")
        await engine.async_resume()
        return f"Resumed, {_minutes_left(engine)} left"


class StopSessionHandler(MatIntentHandler):
    """Stop a mat's session."""

    intent_type = INTENT_STOP
    description = "Stops the session of an acupressure mat, also when it is paused."

    async def async_act(self, engine: MatSessionEngine, values: dict[str, Any]) -> str:
        """Stop the session."""
        _require_session(engine)
        await engine.async_stop()
        return "Stopped"


class TimeLeftHandler(MatIntentHandler):
    """Tell how much of a mat's session is left."""

    intent_type = INTENT_TIME_LEFT
    description = "Tells how much time is left in the session of an acupressure mat."

    async def async_act(self, engine: MatSessionEngine, values: dict[str, Any]) -> str:
        """Tell the minutes left."""
        _require_session(engine)
        if engine.state == STATE_PAUSED:
            return f"The mat session is paused with {_minutes_left(engine)} left"
        return f"{_minutes_left(engine)} left"


HANDLERS: Final[tuple[MatIntentHandler, ...]] = (
    StartSessionHandler(),
    PauseSessionHandler(),
    ResumeSessionHandler(),
    StopSessionHandler(),
    TimeLeftHandler(),
)


@callback
def async_setup_intents(hass: HomeAssistant) -> None:
    """Register the mat intents now, and the sentences once Assist is set up."""
    for handler in HANDLERS:
        intent.async_register(hass, handler)
    async_when_setup(hass, _CONVERSATION, _async_register_sentences)


async def _async_register_sentences(hass: HomeAssistant, _component: str) -> None:
    """Give the built-in agent the mat sentences (they come before its intents)."""
    # Imported here: conversation's modules need its requirements (hassil), which
    # are installed once conversation is set up, not before.
    from homeassistant.components.conversation.agent_manager import (  # noqa: PLC0415
        get_agent_manager,
    )

    manager = get_agent_manager(hass)
    try:
        from homeassistant.components.conversation.trigger import (  # noqa: PLC0415
            TriggerDetails,
        )
    except ImportError:  # pragma: no cover - Home Assistant 2026.11+
        # Newer releases take the sentences and the callback as arguments.
        for intent_type, sentences in SENTENCES.items():
            manager.register_trigger(  # type: ignore[call-arg]
                sentences=sentences,
                trigger_callback=partial(_async_answer_sentence, hass, intent_type),
            )
        return

    for intent_type, sentences in SENTENCES.items():
        manager.register_trigger(
            TriggerDetails(
                sentences=sentences,
                callback=partial(_async_answer_sentence, hass, intent_type),
            )
        )


async def _async_answer_sentence(
    hass: HomeAssistant,
    intent_type: str,
    user_input: ConversationInput,
    result: RecognizeResult,
) -> str:
    """Hand a matched sentence to its intent handler and return the spoken answer.

    The agent does not catch exceptions from here, so every outcome is words.
    """
    slots: dict[str, Any] = {}
    for wildcard, entity in result.entities.items():
        text = str(entity.value).strip()
        if wildcard == _WILDCARD_MINUTES:
            if (minutes := parse_minutes(text)) is None:
                return SPEECH_DURATION_RANGE
            slots[SLOT_DURATION] = {"value": minutes, "text": text}
        else:
            slots[wildcard] = {"value": text, "text": text}
    try:
        response = await intent.async_handle(
            hass,
            _CONVERSATION,
            intent_type,
            slots,
            text_input=user_input.text,
            context=user_input.context,
            language=user_input.language,
            assistant=_CONVERSATION,
            device_id=user_input.device_id,
            satellite_id=user_input.satellite_id,
            conversation_agent_id=user_input.agent_id,
        )
    except intent.IntentError:
        return SPEECH_FAILED
    speech: str = response.speech["plain"]["speech"]
    return speech
