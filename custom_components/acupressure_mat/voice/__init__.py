"""Assist and the mat: sentences for the built-in agent, intents for language models.

Both routes end in the same intent handlers (``handlers.py``): the built-in
agent's sentences (``sentences.py``, one table per language in ``sentences/``)
and language-model agents, which call the handlers as tools (up to 2026.9
because they are registered without ``platforms`` and with a description, from
2026.10 through ``llm.py``). Answers are words in the request's language
(``answers.py``); only the mats exposed to an assistant are in its reach
(``exposure.py``); ``mats.py`` finds the mat a request means.
"""

from __future__ import annotations

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import intent
from homeassistant.setup import async_when_setup

from .exposure import ASSIST, async_expose_new_mat
from .handlers import HANDLERS
from .sentences import async_register_sentences

__all__ = ["async_expose_new_mat", "async_setup_intents"]


@callback
def async_setup_intents(hass: HomeAssistant) -> None:
    """Register the mat intents now, and the sentences once Assist is set up."""
    for handler in HANDLERS:
        intent.async_register(hass, handler)
    async_when_setup(hass, ASSIST, async_register_sentences)
