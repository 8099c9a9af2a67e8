"""Assist: sentences for the built-in agent, intents for language-model agents.

Both routes end in the same intent handlers. The built-in agent matches the
sentences below before its own intents and before any language-model agent
(conversation's sentence triggers); their callback hands the words it caught to
the handlers through ``intent.async_handle``. Language-model agents call the
same handlers as tools: up to 2026.9 because they are registered without
``platforms`` and with a description, from 2026.10 through ``llm.py``.

A mat hidden from an assistant (Settings > Voice assistants > Expose) is out of
that assistant's reach: its handlers act only on the mats exposed to it. A new
mat is exposed to Assist once, as Home Assistant exposes a new light.

The sentences are English, so the answers are English too: an answer must be in
the language of the sentence it answers, whatever Home Assistant's language is.
A request the mat can't carry out is answered in words, never with an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import partial
import math
import re
from typing import TYPE_CHECKING, Any, Final

import voluptuous as vol

from homeassistant.components.homeassistant.const import DATA_EXPOSED_ENTITIES
from homeassistant.components.homeassistant.exposed_entities import (
    async_expose_entity,
    async_should_expose,
)
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import (
    area_registry as ar,
    config_validation as cv,
    device_registry as dr,
    entity_registry as er,
    intent,
)
from homeassistant.helpers.translation import async_get_translations
from homeassistant.setup import async_when_setup
from homeassistant.util import dt as dt_util

from .compat import async_register_sentence_trigger, device_area_id
from .const import (
    BODY_AREAS,
    DOMAIN,
    EXTEND_STEP_MINUTES,
    MAX_EXTEND_MINUTES,
    MAX_MINUTES,
    MIN_EXTEND_MINUTES,
    MIN_MINUTES,
    STATE_PAUSED,
)
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
INTENT_EXTEND: Final = "AcupressureMatExtendSession"

SLOT_NAME: Final = "name"
SLOT_DURATION: Final = "duration"
SLOT_BODY_AREA: Final = "body_area"
SLOT_MINUTES: Final = "minutes"

# Sentence wildcards; {minutes} is handed to the handlers as the duration slot.
_WILDCARD_MINUTES: Final = "minutes"

# Assist's name for exposure, and the platform the sentences are handled by.
ASSIST: Final = "conversation"
# Marks a session entity whose first exposure to Assist has been decided.
_EXPOSURE_DECIDED: Final = "assist_exposure_decided"

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


def _loaded_entries(hass: HomeAssistant) -> list[AcupressureMatConfigEntry]:
    entries: list[AcupressureMatConfigEntry] = hass.config_entries.async_loaded_entries(
        DOMAIN
    )
    return entries


def _is_exposed(
    hass: HomeAssistant, entry: AcupressureMatConfigEntry, assistant: str
) -> bool:
    entity_id = entry.runtime_data.engine.session_entity_id
    return entity_id is not None and async_should_expose(hass, assistant, entity_id)


@callback
def async_any_mat_exposed(hass: HomeAssistant, assistant: str) -> bool:
    """Whether a loaded mat is exposed to the assistant."""
    return any(_is_exposed(hass, e, assistant) for e in _loaded_entries(hass))


def _mats(hass: HomeAssistant, entries: list[AcupressureMatConfigEntry]) -> list[_Mat]:
    device_registry = dr.async_get(hass)
    entity_registry = er.async_get(hass)
    area_registry = ar.async_get(hass)
    mats = []
    for entry in entries:
        engine = entry.runtime_data.engine
        names = {engine.name, entry.title}
        area_id = None
        # One device per mat, found through its entry (identifier lookups are
        # deprecated from 2026.10).
        for device in dr.async_entries_for_config_entry(
            device_registry, entry.entry_id
        ):
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
        return device_area_id(hass, device)
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
        hass = intent_obj.hass
        entries = _loaded_entries(hass)
        if assistant := intent_obj.assistant:
            exposed = [e for e in entries if _is_exposed(hass, e, assistant)]
            if entries and not exposed:
                raise RefusalError(
                    await _async_no_mat_exposed(hass, intent_obj.language),
                    intent.IntentResponseErrorCode.NO_VALID_TARGETS,
                )
            entries = exposed
        mats = _mats(hass, entries)
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


async def _async_no_mat_exposed(hass: HomeAssistant, language: str) -> str:
    """'No mat is exposed to Assist', in the language of the request."""
    translations = await async_get_translations(hass, language, "exceptions", {DOMAIN})
    return translations[f"component.{DOMAIN}.exceptions.no_mat_exposed.message"]


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
            **_NAME_SLOT,
            vol.Optional(
                SLOT_MINUTES,
                description=(
                    f"Whole minutes to add, {MIN_EXTEND_MINUTES} to "
                    f"{MAX_EXTEND_MINUTES}; leave it out for {EXTEND_STEP_MINUTES}"
                ),
            ): vol.Coerce(float),
        }

    async def async_act(self, engine: MatSessionEngine, values: dict[str, Any]) -> str:
        """Extend the session; the engine refuses minutes out of range."""
        _require_session(engine)
        minutes: float = values.get(SLOT_MINUTES, EXTEND_STEP_MINUTES)
        await engine.async_extend(minutes)
        return f"Added {_plural(int(minutes), 'minute')}, {_minutes_left(engine)} left"


HANDLERS: Final[tuple[MatIntentHandler, ...]] = (
    StartSessionHandler(),
    PauseSessionHandler(),
    ResumeSessionHandler(),
    StopSessionHandler(),
    TimeLeftHandler(),
    ExtendSessionHandler(),
)


@callback
def async_setup_intents(hass: HomeAssistant) -> None:
    """Register the mat intents now, and the sentences once Assist is set up."""
    for handler in HANDLERS:
        intent.async_register(hass, handler)
    async_when_setup(hass, ASSIST, _async_register_sentences)


async def _async_register_sentences(hass: HomeAssistant, _component: str) -> None:
    """Give the built-in agent the mat sentences (they come before its intents)."""
    for intent_type, sentences in SENTENCES.items():
        async_register_sentence_trigger(
            hass, sentences, partial(_async_answer_sentence, hass, intent_type)
        )


@callback
def async_expose_new_mat(hass: HomeAssistant, engine: MatSessionEngine) -> None:
    """Expose a mat to Assist the first time it is set up, as a new light would be.

    Home Assistant exposes no sensor by default, so a new mat would not be
    reachable by voice. The decision is made once and marked on the session
    entity: a mat the user hides later stays hidden. With "expose new entities"
    off for Assist, the mat stays hidden too.
    """

    async def _async_expose(hass: HomeAssistant, _component: str) -> None:
        registry = er.async_get(hass)
        entity_id = engine.session_entity_id
        if entity_id is None or (entry := registry.async_get(entity_id)) is None:
            return
        options: Mapping[str, Any] = entry.options.get(DOMAIN, {})
        if options.get(_EXPOSURE_DECIDED):
            return
        if hass.data[DATA_EXPOSED_ENTITIES].async_get_expose_new_entities(ASSIST):
            async_expose_entity(hass, ASSIST, entity_id, True)
        registry.async_update_entity_options(
            entity_id, DOMAIN, {**options, _EXPOSURE_DECIDED: True}
        )

    # Exposure settings belong to Home Assistant's core integration.
    async_when_setup(hass, "homeassistant", _async_expose)


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
            ASSIST,
            intent_type,
            slots,
            text_input=user_input.text,
            context=user_input.context,
            language=user_input.language,
            assistant=ASSIST,
            device_id=user_input.device_id,
            satellite_id=user_input.satellite_id,
            conversation_agent_id=user_input.agent_id,
        )
    except intent.IntentError:
        return SPEECH_FAILED
    speech: str = response.speech["plain"]["speech"]
    return speech
