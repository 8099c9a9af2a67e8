"""Which mat a request means: by name, by area, by the speaker's area, by session."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
import re
from typing import Final

from custom_components.acupressure_mat.compat import device_area_id
from custom_components.acupressure_mat.data import AcupressureMatConfigEntry
from custom_components.acupressure_mat.session import MatSessionEngine
from homeassistant.core import HomeAssistant
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
    intent,
)

from .answers import Answer, RefusalError

# Words around a name that don't tell mats apart, in every language of the
# sentences: "the Bedroom mat", "le tapis d'acupression de la chambre", "la
# esterilla del dormitorio" all name the bedroom.
_LEADING_WORDS: Final = frozenset(
    [
        "the",
        "my",
        "le",
        "la",
        "les",
        "l",
        "mon",
        "ma",
        "ce",
        "cette",
        "tapis",
        "séance",
        "d",
        "acupression",
        "de",
        "du",
        "dans",
        "el",
        "los",
        "las",
        "mi",
        "esta",
        "esterilla",
        "sesión",
        "acupresión",
        "del",
        "en",
    ]
)
# A wildcard may run into the next word: "de la chambre pour 20 minutes".
_TRAILING_WORDS: Final = frozenset(
    ("mat", "mats", "pour", "pendant", "durant", "durante", "por")
)


def normalize_name(name: str) -> str:
    """A mat or area name as people say it: 'the Bedroom mat' is 'bedroom'.

    A name of mat words only ("la esterilla de acupresión") is no name at all.
    """
    text = re.sub(r"'s\b", "", name.lower())
    words = re.sub(r"[^\w\s]", " ", text).split()
    while words and words[0] in _LEADING_WORDS:
        words.pop(0)
    while len(words) > 1 and words[-1] in _TRAILING_WORDS:
        words.pop()
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Mat:
    """A loaded mat and the names and area it can be called by."""

    engine: MatSessionEngine
    names: frozenset[str]
    area_id: str | None


def mats_of(hass: HomeAssistant, entries: list[AcupressureMatConfigEntry]) -> list[Mat]:
    """Each mat with the names it answers to: its own, its device's, its area's."""
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
        normalized = {normalize_name(n) for n in names if n}
        mats.append(Mat(engine, frozenset(n for n in normalized if n), area_id))
    return mats


def _mat_list(mats: Iterable[Mat], conjunction: str) -> Answer | str:
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


def find_mat(
    hass: HomeAssistant,
    mats: list[Mat],
    name: str | None,
    intent_obj: intent.Intent,
    *,
    prefer_active: bool,
) -> Mat:
    """The mat a request means, or a refusal that says which mats there are."""
    if not mats:
        raise RefusalError(
            Answer("no_mat"), intent.IntentResponseErrorCode.NO_VALID_TARGETS
        )
    if name and (spoken := normalize_name(name)):
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


def for_mat(mat: Mat, mats: list[Mat], answer: Answer | str) -> Answer | str:
    """With several mats, say which one an answer is about."""
    if len(mats) < 2:  # noqa: PLR2004
        return answer
    return Answer("for_mat", {"name": mat.engine.name, "answer": answer})
