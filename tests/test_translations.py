"""The integration's texts in every language it speaks: complete, consistent, loaded.

Each translation has every key of strings.json and no other, with the same
placeholders, and no text left in English. Home Assistant's own translation
loader hands them out in the language asked for.
"""

from __future__ import annotations

from collections.abc import Iterator
import json
from pathlib import Path
import re
from typing import Any, Final

import pytest

from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.texts import async_text
from homeassistant.core import HomeAssistant
from homeassistant.helpers.translation import async_get_translations

PACKAGE: Final = Path(__file__).parent.parent / "custom_components" / DOMAIN
TRANSLATIONS: Final = PACKAGE / "translations"
# Every language the integration speaks besides English.
LANGUAGES: Final = sorted(p.stem for p in TRANSLATIONS.glob("*.json") if p.stem != "en")

PLACEHOLDER: Final = re.compile(r"\{(\w+)\}")
REFERENCE: Final = re.compile(r"^\[%key:[^%]+%\]$")
WORD: Final = re.compile(r"[^\W\d_]+")
# Texts of up to this many words may read the same as in English: names, units.
SAME_AS_ENGLISH_WORDS: Final = 2


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _flat(tree: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in tree.items():
        if isinstance(value, dict):
            yield from _flat(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _strings(name: str) -> dict[str, Any]:
    return dict(_flat(_load(TRANSLATIONS / f"{name}.json")))


ENGLISH: Final = dict(_flat(_load(PACKAGE / "strings.json")))


def missing_keys(translated: dict[str, Any]) -> list[str]:
    """Keys of strings.json the translation lacks."""
    return sorted(set(ENGLISH) - set(translated))


def extra_keys(translated: dict[str, Any]) -> list[str]:
    """Keys of the translation that strings.json does not have."""
    return sorted(set(translated) - set(ENGLISH))


def wrong_placeholders(translated: dict[str, Any]) -> list[str]:
    """Keys whose text is not a string with the English placeholders."""
    return [
        key
        for key, text in translated.items()
        if key in ENGLISH
        and (
            not isinstance(text, str)
            or set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(ENGLISH[key]))
        )
    ]


def empty_texts(translated: dict[str, Any]) -> list[str]:
    """Keys with no words at all."""
    return [key for key, text in translated.items() if not str(text).strip()]


def left_in_english(translated: dict[str, Any]) -> list[str]:
    """Keys whose text is the English one, when that is more than a name or unit."""
    return [
        key
        for key, text in translated.items()
        if text == ENGLISH.get(key)
        and not REFERENCE.match(text)
        and len(WORD.findall(PLACEHOLDER.sub("", text))) > SAME_AS_ENGLISH_WORDS
    ]


def test_there_is_more_than_english() -> None:
    assert {"de", "es", "fr", "nl"} <= set(LANGUAGES)


def test_strings_json_is_the_english_translation() -> None:
    assert _load(PACKAGE / "strings.json") == _load(TRANSLATIONS / "en.json")


@pytest.mark.parametrize("language", LANGUAGES)
def test_translation_is_complete_and_consistent(language: str) -> None:
    translated = _strings(language)

    assert missing_keys(translated) == []
    assert extra_keys(translated) == []
    assert wrong_placeholders(translated) == []
    assert empty_texts(translated) == []
    assert left_in_english(translated) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_references_to_shared_strings_are_kept(language: str) -> None:
    translated = _strings(language)
    references = {k: v for k, v in ENGLISH.items() if REFERENCE.match(str(v))}

    assert {k: translated.get(k) for k in references} == references


def test_the_checks_see_each_mistake() -> None:
    """A translation with one of each mistake is caught on each."""
    german = _strings("de")
    gone, kept_english, emptied, renamed, short = (
        "common.voice_no_session",
        "common.announcement_started",
        "entity.button.stop.name",
        "common.announcement_completed",
        "entity.select.body_area.state.back",
    )
    broken = {
        **{k: v for k, v in german.items() if k != gone},
        "common.not_in_english": "Hallo",
        kept_english: ENGLISH[kept_english],
        emptied: " ",
        renamed: german[renamed].replace("{minutes}", "{minuten}"),
        short: ENGLISH[short],
    }

    assert missing_keys(broken) == [gone]
    assert extra_keys(broken) == ["common.not_in_english"]
    assert wrong_placeholders(broken) == [renamed]
    assert empty_texts(broken) == [emptied]
    # "Back" is one word: a name or unit may read the same in both languages.
    assert left_in_english(broken) == [kept_english]


@pytest.mark.parametrize("language", LANGUAGES)
async def test_home_assistant_loads_the_texts_in_the_language(
    hass: HomeAssistant, language: str
) -> None:
    """Every category reaches Home Assistant as written, in the language asked for."""
    translated = _strings(language)
    for category in sorted({key.split(".", 1)[0] for key in ENGLISH}):
        loaded = await async_get_translations(hass, language, category, {DOMAIN})
        prefix = f"component.{DOMAIN}."
        ours = {
            key.removeprefix(prefix): text
            for key, text in loaded.items()
            if key.startswith(prefix)
        }
        expected = {
            key: text
            for key, text in translated.items()
            if key.startswith(f"{category}.")
        }

        assert ours == expected, category


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_integrations_own_sentences_follow_home_assistants_language(
    hass: HomeAssistant, language: str
) -> None:
    """An announcement is the translation's whole sentence, filled in."""
    hass.config.language = language
    template = _strings(language)["common.announcement_completed"]

    said = await async_text(hass, "announcement_completed", minutes=20)

    assert said == template.replace("{minutes}", "20")
    assert said != ENGLISH["common.announcement_completed"].replace("{minutes}", "20")
