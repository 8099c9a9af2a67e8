"""Assist's sentences, one data table per language (``sentences/<language>.yaml``).

A table holds sentence templates by intent, the expansion rules they use, the
words for each body area and the number words of its language. This module reads
the tables into plain templates for the built-in agent and reads back the words a
sentence caught. It knows nothing of mats or answers, and adding a language is
adding a table: nothing here changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
import re
from typing import Any, Final

import voluptuous as vol

from homeassistant.util.yaml import load_yaml_dict

from .const import BODY_AREAS

SENTENCES_DIR: Final = Path(__file__).parent / "sentences"

# The words a sentence can catch.
WILDCARD_NAME: Final = "name"
WILDCARD_MINUTES: Final = "minutes"
WILDCARD_BODY_AREA: Final = "body_area"
WILDCARDS: Final = (WILDCARD_NAME, WILDCARD_MINUTES, WILDCARD_BODY_AREA)

# Number words are read up to here; more is out of every range anyway.
_SPOKEN_NUMBERS_UP_TO: Final = 100

_RULE: Final = re.compile(r"<(\w+)>")
_WILDCARD: Final = re.compile(r"\{(\w+)\}")


def _table_schema(intent_types: Iterable[str]) -> vol.Schema:
    return vol.Schema(
        {
            vol.Required("language"): str,
            vol.Optional("expansion_rules", default={}): {str: str},
            vol.Required("intents"): {
                vol.In(list(intent_types)): [
                    {
                        vol.Required("sentences"): [str],
                        vol.Optional("slots", default={}): {
                            vol.In(WILDCARDS): vol.Any(int, str)
                        },
                    }
                ]
            },
            vol.Optional("body_areas", default={}): {vol.In(BODY_AREAS): [str]},
            vol.Optional("numbers", default={}): {str: int},
            vol.Optional("number_fillers", default=[]): [str],
            vol.Optional("name_connectors", default=[]): [str],
        }
    )


def _words(text: str) -> list[str]:
    """Lower-case words; hyphens part words ('twenty-five', '20-minute')."""
    return text.lower().replace("-", " ").split()


def _number_key(text: str) -> str:
    """A number as written, without its spaces: 'twenty five' is 'twentyfive'."""
    return "".join(_words(text))


@dataclass(frozen=True, kw_only=True, slots=True)
class SentenceTable:
    """One language's sentences and the words behind its slots."""

    language: str
    # (template, intent type, fixed slot values), in the order they are tried.
    templates: tuple[tuple[str, str, Mapping[str, Any]], ...]
    body_areas: Mapping[str, str]
    numbers: Mapping[str, int]
    number_fillers: frozenset[str]
    # The words before a mat's name: "de la" in "le tapis de la chambre".
    name_connectors: tuple[str, ...] = ()

    def parse_minutes(self, text: str) -> float | None:
        """A number of minutes as people say it, or None if it is not one."""
        words = [w for w in _words(text) if w not in self.number_fillers]
        joined = "".join(words)
        if not joined:
            return None
        try:
            return float(joined)
        except ValueError:
            pass
        value = self.numbers.get(joined)
        return None if value is None else float(value)

    def split_name_and_minutes(self, text: str) -> tuple[str, float] | None:
        """A name then a number, caught as one: 'del dormitorio 20' is 'dormitorio', 20.

        The agent can't tell two wildcards side by side apart, so "la esterilla
        del dormitorio 20 minutos" reaches us with both in the minutes.
        """
        words = _words(text)
        for start in range(1, len(words)):
            minutes = self.parse_minutes(" ".join(words[start:]))
            if minutes is None:
                continue
            head = " ".join(words[:start])
            for connector in self.name_connectors:
                if head.startswith(f"{connector} ") and (
                    name := head.removeprefix(f"{connector} ")
                ):
                    return name, minutes
        return None

    def body_area(self, text: str) -> str:
        """The body area a word names; an unknown word is handed on as said."""
        words = " ".join(_words(text))
        return self.body_areas.get(words, words)


@dataclass(frozen=True, kw_only=True, slots=True)
class SentenceTemplate:
    """A template as given to the agent, and what it means."""

    text: str
    intent_type: str
    slots: Mapping[str, Any]
    table: SentenceTable


def _expand(text: str, rules: Mapping[str, str], using: tuple[str, ...] = ()) -> str:
    """Replace each <rule> by its text, in brackets, rules within rules too."""

    def replace(match: re.Match[str]) -> str:
        name = match[1]
        if name not in rules or name in using:
            raise vol.Invalid(f"unknown or circular expansion rule <{name}>")
        return f"({_expand(rules[name], rules, (*using, name))})"

    return _RULE.sub(replace, text)


def _spoken_numbers(language: str) -> dict[str, int]:
    """The language's number words, as Home Assistant's number words spell them."""
    # A requirement of conversation's, installed with it: imported once it is set up.
    from unicode_rbnf import RbnfEngine  # noqa: PLC0415

    engine = RbnfEngine.for_language(language)
    numbers: dict[str, int] = {}
    for value in range(_SPOKEN_NUMBERS_UP_TO + 1):
        for text in engine.format_number(value).text_by_ruleset.values():
            numbers.setdefault(_number_key(text), value)
    return numbers


def read_table(data: dict[str, Any], intent_types: Iterable[str]) -> SentenceTable:
    """Check a table's data and expand its templates."""
    table = _table_schema(intent_types)(data)
    rules: dict[str, str] = table["expansion_rules"]
    templates: list[tuple[str, str, Mapping[str, Any]]] = []
    seen: set[str] = set()
    for intent_type, groups in table["intents"].items():
        for group in groups:
            for sentence in group["sentences"]:
                text = _expand(sentence, rules)
                if unknown := set(_WILDCARD.findall(text)) - set(WILDCARDS):
                    raise vol.Invalid(f"unknown slots {sorted(unknown)} in {sentence}")
                if text in seen:
                    raise vol.Invalid(f"the sentence {sentence} is there twice")
                seen.add(text)
                templates.append((text, intent_type, group["slots"]))
    language: str = table["language"]
    return SentenceTable(
        language=language,
        templates=tuple(templates),
        body_areas={
            " ".join(_words(word)): body_area
            for body_area, words in table["body_areas"].items()
            for word in words
        },
        numbers=_spoken_numbers(language)
        | {_number_key(words): value for words, value in table["numbers"].items()},
        number_fillers=frozenset(w.lower() for w in table["number_fillers"]),
        name_connectors=tuple(" ".join(_words(w)) for w in table["name_connectors"]),
    )


def load_sentence_tables(intent_types: Iterable[str]) -> list[SentenceTable]:
    """Read every language's table (blocking: run it in the executor)."""
    return [
        read_table(load_yaml_dict(str(path)), intent_types)
        for path in sorted(SENTENCES_DIR.glob("*.yaml"))
    ]


def index_templates(
    tables: Iterable[SentenceTable],
) -> dict[str, list[SentenceTemplate]]:
    """Each template's text and what it means in each language that has it."""
    index: dict[str, list[SentenceTemplate]] = {}
    for table in tables:
        for text, intent_type, slots in table.templates:
            index.setdefault(text, []).append(
                SentenceTemplate(
                    text=text, intent_type=intent_type, slots=slots, table=table
                )
            )
    return index


def pick_template(
    candidates: list[SentenceTemplate], language: str | None
) -> SentenceTemplate:
    """Of the languages that share a sentence, the one the request was made in."""
    spoken = (language or "").lower().replace("_", "-").split("-")[0]
    return next((c for c in candidates if c.table.language == spoken), candidates[0])
