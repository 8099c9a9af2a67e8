"""What Assist says: answers as translation keys, rendered in a language.

An answer is in the language of the sentence it answers (a language model's:
the language of its conversation), whatever Home Assistant's language is: the
words are the ``voice_*`` strings under ``common`` and the ``exceptions`` of the
integration's translations. A request the mat can't carry out is answered in
words, never with an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
import math
from typing import Final

from custom_components.acupressure_mat.const import DOMAIN, MAX_MINUTES, MIN_MINUTES
from custom_components.acupressure_mat.session import MatSessionEngine
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import intent
from homeassistant.helpers.translation import async_get_translations
from homeassistant.util import dt as dt_util


@dataclass(frozen=True, slots=True)
class Answer:
    """Words to say: a translation key and what fills its placeholders.

    ``common`` answers are the ``voice_<key>`` strings; ``exceptions`` answers are
    the integration's error messages, said as written less the final full stop.
    """

    key: str
    placeholders: Mapping[str, str | int | Answer] = field(default_factory=dict)
    category: str = "common"


def minutes_answer(count: int) -> Answer:
    """'1 minute', '20 minutes'."""
    return Answer("minutes_one" if count == 1 else "minutes_other", {"count": count})


def minutes_left(engine: MatSessionEngine) -> Answer:
    """The whole minutes left in the mat's session, counted up, at least one."""
    assert engine.session is not None
    seconds = engine.session.remaining_seconds(dt_util.utcnow())
    return minutes_answer(max(1, math.ceil(seconds / 60)))


NO_SESSION: Final = Answer("no_session")
FAILED: Final = Answer("failed")
DURATION_RANGE: Final = Answer(
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


def engine_refusal(err: HomeAssistantError) -> Answer | str:
    """The engine's own words for a refusal, in the request's language."""
    if err.translation_domain == DOMAIN and err.translation_key:
        return Answer(
            err.translation_key,
            dict(err.translation_placeholders or {}),
            category="exceptions",
        )
    return str(err) or FAILED


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
