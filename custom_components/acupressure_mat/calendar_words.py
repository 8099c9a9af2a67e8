"""The calendar's words in Home Assistant's language, written and read back.

The event dialog sends an event's title and description back on every save, so
what the calendar writes is read back with the same words: the minutes and body
area of the title, the rating line and the notes. Everything is read in Home
Assistant's language and in English, the fallback every language shares, so a
label typed in English still counts on a German system. Each sentence is a whole
template under "common" in strings.json.
"""

from __future__ import annotations

from collections.abc import Iterator
import re
from typing import Final

from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers.translation import async_get_cached_translations

from .const import BODY_AREAS, DOMAIN, MAX_RATING, MIN_RATING, OUTCOME_COMPLETED
from .models import SessionRecord
from .texts import CATEGORY, FALLBACK_LANGUAGE, number, text
from .validation import refuse

# Lines the calendar writes from the log; what they say is changed elsewhere.
_WRITTEN_BY_THE_MAT: Final = (
    "calendar_completed",
    "calendar_stopped_early",
    "calendar_offline",
    "calendar_night",
)
_MINUTES_IN_TITLE: Final = re.compile(r"(\d+(?:[.,]\d+)?)\s*min", re.IGNORECASE)
_WORDS: Final = re.compile(r"[^\W\d_]+")
_PLACEHOLDER: Final = re.compile(r"\{\w+\}")
# The title's example length when a title cannot be read.
_EXAMPLE_MINUTES: Final = 20


def _templates(hass: HomeAssistant, key: str) -> Iterator[str]:
    """A sentence's template in Home Assistant's language, then in English."""
    seen: set[str] = set()
    for language in (hass.config.language, FALLBACK_LANGUAGE):
        texts = async_get_cached_translations(hass, language, CATEGORY, DOMAIN)
        template = texts.get(f"component.{DOMAIN}.{CATEGORY}.{key}")
        if template and template not in seen:
            seen.add(template)
            yield template


def _label(template: str) -> str:
    """The words before a template's first placeholder: "Rating:" of "Rating: {…}"."""
    return _PLACEHOLDER.split(template, maxsplit=1)[0].strip()


def _label_pattern(label: str) -> re.Pattern[str]:
    """A label as typed by hand: any case, a space lost or added ("Note :")."""
    letters = (re.escape(character) for character in label if not character.isspace())
    return re.compile(r"\s*" + r"\s*".join(letters) + r"\s*", re.IGNORECASE)


@callback
def body_area_word(hass: HomeAssistant, body_area: str) -> str:
    """A body area as the calendar writes it."""
    return text(hass, f"calendar_body_area_{body_area}")


@callback
def _night_text(hass: HomeAssistant, record: SessionRecord) -> str | None:
    night = record.sleep
    if night is None:
        return None
    figures = []
    if night.duration_minutes is not None:
        hours, minutes = divmod(round(night.duration_minutes), 60)
        figures.append(
            text(hass, "calendar_night_slept", hours=hours, minutes=f"{minutes:02d}")
        )
    if night.score is not None:
        figures.append(
            text(hass, "calendar_night_score", score=number(hass, night.score))
        )
    if night.latency_minutes is not None:
        figures.append(
            text(
                hass,
                "calendar_night_latency",
                minutes=number(hass, night.latency_minutes),
            )
        )
    if night.onset is not None:
        figures.append(text(hass, "calendar_night_onset", time=night.onset))
    if not figures:
        return None
    return text(hass, "calendar_night", figures=", ".join(figures))


@callback
def record_title(hass: HomeAssistant, record: SessionRecord) -> str:
    """A logged session's title: its minutes on the mat and its body area."""
    return text(
        hass,
        "calendar_title",
        minutes=number(hass, record.active_minutes),
        body_area=body_area_word(hass, record.body_area),
    )


@callback
def record_description(hass: HomeAssistant, record: SessionRecord) -> str:
    """A logged session's outcome, rating, night and notes, a line each."""
    minutes = number(hass, record.active_minutes)
    if record.outcome == OUTCOME_COMPLETED:
        lines = [text(hass, "calendar_completed", minutes=minutes)]
    else:
        lines = [
            text(
                hass,
                "calendar_stopped_early",
                minutes=minutes,
                planned=record.planned_minutes,
            )
        ]
    if record.ended_while_offline:
        lines.append(text(hass, "calendar_offline"))
    if record.rating is not None:
        lines.append(text(hass, "calendar_rating", rating=record.rating))
    if night := _night_text(hass, record):
        lines.append(night)
    if record.notes:
        lines.append(text(hass, "calendar_notes", notes=record.notes))
    return "\n".join(lines)


@callback
def running_title(
    hass: HomeAssistant, planned_minutes: int, body_area: str, *, paused: bool
) -> str:
    """The title of the session on the mat now, running or paused."""
    return text(
        hass,
        "calendar_title_paused" if paused else "calendar_title_running",
        minutes=planned_minutes,
        body_area=body_area_word(hass, body_area),
    )


@callback
def read_title(hass: HomeAssistant, title: str) -> tuple[float | None, str | None]:
    """The minutes and the body area a title gives, each None when it gives none."""
    known = {
        word.casefold(): body_area
        for body_area in BODY_AREAS
        for word in (
            body_area,
            *_templates(hass, f"calendar_body_area_{body_area}"),
        )
    }
    minutes = _MINUTES_IN_TITLE.findall(title)
    areas = {known[word] for word in _WORDS.findall(title.casefold()) if word in known}
    if len(minutes) > 1 or len(areas) > 1:
        raise unreadable_title(hass, title)
    return (
        float(minutes[0].replace(",", ".")) if minutes else None,
        areas.pop() if areas else None,
    )


@callback
def unreadable_title(hass: HomeAssistant, title: str) -> ServiceValidationError:
    """The refusal of a title without one length and one body area."""
    words = [body_area_word(hass, body_area) for body_area in BODY_AREAS]
    return refuse(
        "calendar_title_unreadable",
        title=title,
        example=text(
            hass,
            "calendar_title",
            minutes=_EXAMPLE_MINUTES,
            body_area=body_area_word(hass, BODY_AREAS[1]),
        ),
        choices=text(
            hass, "voice_list_or", items=", ".join(words[:-1]), last=words[-1]
        ),
    )


@callback
def read_description(
    hass: HomeAssistant, description: str, shown: str
) -> tuple[float | None, str | None] | None:
    """The rating and the notes in a description; None when it is as it was shown.

    The rating line is the rating (without one, the session is unrated).
    Everything after the notes label, and any line of the user's own before it,
    is the notes. The lines the calendar writes (outcome, offline end, the night)
    are not read: they may stay as shown or go, but an edited one is refused, so
    that nothing the user typed is silently dropped.
    """
    if description.strip() == shown.strip():
        return None
    ratings = [
        (_label_pattern(_label(template)), template)
        for template in _templates(hass, "calendar_rating")
    ]
    notes_labels = [
        _label_pattern(_label(template))
        for template in _templates(hass, "calendar_notes")
    ]
    written = tuple(
        label
        for key in _WRITTEN_BY_THE_MAT
        for template in _templates(hass, key)
        if (label := _label(template))
    )
    shown_lines = {line.strip() for line in shown.splitlines()}
    rating: float | None = None
    notes: list[str] = []
    lines = description.splitlines()
    for index, line in enumerate(line.strip() for line in lines):
        if found := next((m for p in notes_labels if (m := p.match(line))), None):
            notes.append("\n".join([line[found.end() :], *lines[index + 1 :]]))
            break
        if read := next(((m, t) for p, t in ratings if (m := p.match(line))), None):
            rating = _read_rating(line[read[0].end() :], read[1])
        elif line.startswith(written):
            if line not in shown_lines:
                raise refuse(
                    "calendar_description_read_only",
                    line=line,
                    rating_label=_label(text(hass, "calendar_rating")),
                    notes_label=_label(text(hass, "calendar_notes")),
                )
        elif line:
            notes.append(line)
    return rating, "\n".join(notes).strip() or None


def _read_rating(value: str, template: str) -> float:
    """The rating after its label, with or without the template's "/5."."""
    suffix = template.split("{rating}", maxsplit=1)[-1].strip()
    value = value.strip()
    for end in (suffix, suffix.rstrip(".")):
        if end:
            value = value.removesuffix(end).strip()
    try:
        return float(value.replace(",", "."))
    except ValueError:
        raise refuse(
            "rating_out_of_range", min=MIN_RATING, max=MAX_RATING, rating=value
        ) from None
