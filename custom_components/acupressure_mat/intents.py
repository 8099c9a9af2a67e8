"""Assist: sentences for the built-in agent, intents for language-model agents.

Both routes end in the same intent handlers. The built-in agent matches the
sentences of every language's table (``sentences/*.yaml``, read by
``sentence_tables``) before its own intents and before any language-model agent
(conversation's sentence triggers): one trigger holds them all, so the first
sentence that fits wins and a sentence about the mat never reaches another
integration's intent. Its callback hands the words it caught to the handlers
through ``intent.async_handle``. Language-model agents call the same handlers
as tools: up to 2026.9 because they are registered without ``platforms`` and
with a description, from 2026.10 through ``llm.py``.

A mat hidden from an assistant (Settings > Voice assistants > Expose) is out of
that assistant's reach: its handlers act only on the mats exposed to it. A new
mat is exposed to Assist once, as Home Assistant exposes a new light.

An answer is in the language of the sentence it answers (a language model's:
the language of its conversation), whatever Home Assistant's language is: the
words are the ``voice_*`` strings under ``common`` and the ``exceptions`` of the
integration's translations. A request the mat can't carry out is answered in
words, never with an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
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
from homeassistant.core import Context, HomeAssistant, callback
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
from .sentence_tables import (
    WILDCARD_BODY_AREA,
    WILDCARD_MINUTES,
    WILDCARD_NAME,
    SentenceTemplate,
    index_templates,
    load_sentence_tables,
    pick_template,
)
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

# Assist's name for exposure, and the platform the sentences are handled by.
ASSIST: Final = "conversation"
# Marks a session entity whose first exposure to Assist has been decided.
_EXPOSURE_DECIDED: Final = "assist_exposure_decided"

_NAME_SLOT: Final = {
    vol.Optional(
        SLOT_NAME,
        description=(
            "The mat's name or the area it is in; leave it out when there is one "
            "mat or the request comes from a device in the mat's area"
        ),
    ): cv.string,
}


@dataclass(frozen=True, slots=True)
class Answer:
    """Words to say: a translation key and what fills its placeholders.

    ``common`` answers are the ``voice_<key>`` strings; ``exceptions`` answers are
    the integration's error messages, said as written less the final full stop.
    """

    key: str
    placeholders: Mapping[str, str | int | Answer] = field(default_factory=dict)
    category: str = "common"


def _minutes(count: int) -> Answer:
    """'1 minute', '20 minutes'."""
    return Answer("minutes_one" if count == 1 else "minutes_other", {"count": count})


_NO_SESSION: Final = Answer("no_session")
_FAILED: Final = Answer("failed")
_DURATION_RANGE: Final = Answer(
    "duration_range", {"min": MIN_MINUTES, "max": MAX_MINUTES}
)


class RefusalError(Exception):
    """A request the mat can't carry out, told in words."""

    def __init__(
        self,
        answer: Answer | str,
        code: intent.IntentResponseErrorCode = (
            intent.IntentResponseErrorCode.FAILED_TO_HANDLE
        ),
    ) -> None:
        """Keep the words to say and the reason for the response."""
        super().__init__(answer)
        self.answer = answer
        self.code = code


async def async_say(hass: HomeAssistant, language: str, answer: Answer | str) -> str:
    """The answer's words in the language (English where a word is missing)."""
    strings: dict[str, str] = {}
    for category in ("common", "exceptions"):
        strings |= await async_get_translations(hass, language, category, {DOMAIN})
    return _render(strings, answer)


def _render(strings: Mapping[str, str], answer: Answer | str) -> str:
    if isinstance(answer, str):
        return answer
    prefix = f"component.{DOMAIN}.{answer.category}"
    if answer.category == "common":
        text = strings[f"{prefix}.voice_{answer.key}"]
    else:
        # Said without its final full stop, as Home Assistant shows errors.
        text = strings[f"{prefix}.{answer.key}.message"].rstrip(".")
    return text.format(
        **{
            name: _render(strings, value) if isinstance(value, Answer) else value
            for name, value in answer.placeholders.items()
        }
    )


def _normalize(name: str) -> str:
    """A mat or area name as people say it: 'the Bedroom mat' is 'bedroom'."""
    text = re.sub(r"'s\b", "", name.lower())
    words = re.sub(r"[^\w\s]", " ", text).split()
    while words and words[0] in ("the", "my"):
        words.pop(0)
    while len(words) > 1 and words[-1] in ("mat", "mats"):
        words.pop()
    return " ".join(words)


def _minutes_left(engine: MatSessionEngine) -> Answer:
    assert engine.session is not None
    seconds = engine.session.remaining_seconds(dt_util.utcnow())
    return _minutes(max(1, math.ceil(seconds / 60)))


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


def _mat_list(mats: Iterable[_Mat], conjunction: str) -> Answer | str:
    """'Bedroom mat, Guest mat and Office mat' ('list_and' or 'list_or')."""
    *names, last = sorted(mat.engine.name for mat in mats)
    if not names:
        return last
    return Answer(conjunction, {"items": ", ".join(names), "last": last})


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
            Answer("no_mat"), intent.IntentResponseErrorCode.NO_VALID_TARGETS
        )
    if name and (spoken := _normalize(name)):
        named = [mat for mat in mats if spoken in mat.names]
        if len(named) == 1:
            return named[0]
        if not named:
            raise RefusalError(
                Answer(
                    "no_mat_called" if len(mats) > 1 else "no_mat_called_only_one",
                    {"name": name, "mats": _mat_list(mats, "list_and")},
                ),
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
        Answer("which_mat", {"mats": _mat_list(mats, "list_or")}),
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
        entries = _loaded_entries(hass)
        if assistant := intent_obj.assistant:
            exposed = [e for e in entries if _is_exposed(hass, e, assistant)]
            if entries and not exposed:
                raise RefusalError(
                    Answer("no_mat_exposed", category="exceptions"),
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
            answer = await self.async_act(mat.engine, values, intent_obj.context)
        except RefusalError as refusal:
            raise RefusalError(
                _for_mat(mat, mats, refusal.answer), refusal.code
            ) from refusal
        except HomeAssistantError as err:
            # A refusal of the engine's own (the state changed under us).
            raise RefusalError(_for_mat(mat, mats, _engine_refusal(err))) from err
        return _for_mat(mat, mats, answer)

    async def async_act(
        self, engine: MatSessionEngine, values: dict[str, Any], context: Context
    ) -> Answer:
        """Act on the mat for the request's context and return the answer."""
        raise NotImplementedError


def _engine_refusal(err: HomeAssistantError) -> Answer | str:
    """The engine's own words for a refusal, in the request's language."""
    if err.translation_domain == DOMAIN and err.translation_key:
        return Answer(
            err.translation_key,
            dict(err.translation_placeholders or {}),
            category="exceptions",
        )
    return str(err) or _FAILED


def _for_mat(mat: _Mat, mats: list[_Mat], answer: Answer | str) -> Answer | str:
    """With several mats, say which one an answer is about."""
    if len(mats) < 2:  # noqa: PLR2004
        return answer
    return Answer("for_mat", {"name": mat.engine.name, "answer": answer})


def _require_session(engine: MatSessionEngine) -> None:
    if engine.session is None:
        raise RefusalError(_NO_SESSION)


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

    async def async_act(
        self, engine: MatSessionEngine, values: dict[str, Any], context: Context
    ) -> Answer:
        """Start the session, refused while one runs or is paused."""
        duration: float | None = values.get(SLOT_DURATION)
        if duration is not None and (
            not duration.is_integer() or not MIN_MINUTES <= duration <= MAX_MINUTES
        ):
            raise RefusalError(_DURATION_RANGE)
        body_area: str | None = values.get(SLOT_BODY_AREA)
        if body_area is not None:
            body_area = body_area.strip().lower()
            if body_area not in BODY_AREAS:
                raise RefusalError(Answer("body_areas"))
        if engine.state == STATE_PAUSED:
            raise RefusalError(Answer("start_while_paused"))
        if engine.session is not None:
            raise RefusalError(
                Answer("start_while_running", {"left": _minutes_left(engine)})
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
        return Answer("resumed", {"left": _minutes_left(engine)})


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
        return Answer(key, {"left": _minutes_left(engine)})


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
            "extended", {"added": _minutes(int(minutes)), "left": _minutes_left(engine)}
        )


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
    """Give the built-in agent every language's sentences, in one trigger.

    One trigger, so that one sentence does one thing: of several triggers that
    fit, the agent would run them all.
    """
    tables = await hass.async_add_executor_job(load_sentence_tables, INTENT_TYPES)
    index = index_templates(tables)
    async_register_sentence_trigger(
        hass, list(index), partial(_async_answer_sentence, hass, index)
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


def _slots(template: SentenceTemplate, result: RecognizeResult) -> dict[str, Any]:
    """The intent's slots from the words the sentence caught (or fixed by it).

    A number of minutes that can't be read is refused with the range allowed.
    """
    table = template.table
    caught = {key: str(entity.value).strip() for key, entity in result.entities.items()}
    slots: dict[str, Any] = {}
    for wildcard, value in {**template.slots, **caught}.items():
        if wildcard == WILDCARD_MINUTES:
            minutes = value if isinstance(value, int) else table.parse_minutes(value)
            if minutes is None:
                if template.intent_type == INTENT_EXTEND:
                    raise RefusalError(
                        Answer(
                            "extend_out_of_range",
                            {
                                "min": MIN_EXTEND_MINUTES,
                                "max": MAX_EXTEND_MINUTES,
                                "minutes": value,
                            },
                            category="exceptions",
                        )
                    )
                raise RefusalError(_DURATION_RANGE)
            slot = (
                SLOT_MINUTES if template.intent_type == INTENT_EXTEND else SLOT_DURATION
            )
            slots[slot] = {"value": minutes, "text": str(value)}
        elif wildcard == WILDCARD_BODY_AREA:
            slots[SLOT_BODY_AREA] = {"value": table.body_area(value), "text": value}
        else:
            assert wildcard == WILDCARD_NAME
            slots[SLOT_NAME] = {"value": value, "text": value}
    return slots


async def _async_answer_sentence(
    hass: HomeAssistant,
    index: Mapping[str, list[SentenceTemplate]],
    user_input: ConversationInput,
    result: RecognizeResult,
) -> str:
    """Hand a matched sentence to its intent handler and return the spoken answer.

    The agent does not catch exceptions from here, so every outcome is words, in
    the language of the sentence.
    """
    # The agent hands over the template that fitted, as given to it.
    assert result.intent_sentence is not None
    assert result.intent_sentence.text is not None
    template = pick_template(index[result.intent_sentence.text], user_input.language)
    language = template.table.language
    try:
        slots = _slots(template, result)
    except RefusalError as refusal:
        return await async_say(hass, language, refusal.answer)
    try:
        response = await intent.async_handle(
            hass,
            ASSIST,
            template.intent_type,
            slots,
            text_input=user_input.text,
            context=user_input.context,
            language=language,
            assistant=ASSIST,
            device_id=user_input.device_id,
            satellite_id=user_input.satellite_id,
            conversation_agent_id=user_input.agent_id,
        )
    except intent.IntentError:
        return await async_say(hass, language, _FAILED)
    speech: str = response.speech["plain"]["speech"]
    return speech
