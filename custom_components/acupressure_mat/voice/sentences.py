"""Assist's sentences: every language's table in one trigger of the built-in agent.

The built-in agent matches the sentences of every language's table
(``sentences/*.yaml``, read by ``sentence_tables``) before its own intents and
before any language-model agent (conversation's sentence triggers): one trigger
holds them all, so the first sentence that fits wins and a sentence about the
mat never reaches another integration's intent. Its callback hands the words it
caught to the intent handlers through ``intent.async_handle``.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from custom_components.acupressure_mat.compat import async_register_sentence_trigger
from custom_components.acupressure_mat.const import (
    MAX_EXTEND_MINUTES,
    MIN_EXTEND_MINUTES,
)
from custom_components.acupressure_mat.sentence_tables import (
    WILDCARD_BODY_AREA,
    WILDCARD_MINUTES,
    WILDCARD_NAME,
    SentenceTemplate,
    index_templates,
    load_sentence_tables,
    pick_template,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers import intent

from .answers import DURATION_RANGE, FAILED, Answer, RefusalError, async_say
from .exposure import ASSIST
from .handlers import (
    INTENT_EXTEND,
    INTENT_TYPES,
    SLOT_BODY_AREA,
    SLOT_DURATION,
    SLOT_MINUTES,
    SLOT_NAME,
)

if TYPE_CHECKING:
    from hassil.recognize import RecognizeResult

    from homeassistant.components.conversation.models import ConversationInput


async def async_register_sentences(hass: HomeAssistant, _component: str) -> None:
    """Give the built-in agent every language's sentences, in one trigger.

    One trigger, so that one sentence does one thing: of several triggers that
    fit, the agent would run them all.
    """
    tables = await hass.async_add_executor_job(load_sentence_tables, INTENT_TYPES)
    index = index_templates(tables)
    async_register_sentence_trigger(
        hass, list(index), partial(_async_answer_sentence, hass, index)
    )


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
            if (
                minutes is None
                and WILDCARD_NAME not in caught
                and (named := table.split_name_and_minutes(str(value)))
            ):
                name, minutes = named
                slots[SLOT_NAME] = {"value": name, "text": name}
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
                raise RefusalError(DURATION_RANGE)
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
        return await async_say(hass, language, FAILED)
    speech: str = response.speech["plain"]["speech"]
    return speech
