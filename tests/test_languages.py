"""What the mat says and writes by itself, in each of its five languages.

Announcements, logbook lines and the sessions calendar follow Home Assistant's
language, and the calendar reads its own words back in that language. The texts
expected here are written out in full, not taken from the translation files: a
missing, misplaced or English fragment fails.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Final

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.typing import MockHAClientWebSocket

from custom_components.acupressure_mat.calendar_words import (
    read_description,
    read_title,
    record_description,
    record_title,
    running_title,
)
from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.history import SessionHistory
from custom_components.acupressure_mat.models import SessionRecord, SleepNight
from custom_components.acupressure_mat.texts import (
    async_load_language,
    async_load_texts,
    async_refusals_in_language,
)
from custom_components.acupressure_mat.validation import refuse
from homeassistant.components.recorder.core import Recorder
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import entity_registry as er, translation
from homeassistant.util import dt as dt_util

from .conftest import ENTRY_ID, EVENING, Logbook, async_setup_mat, let_time_pass
from .devices.integration import async_setup_room_devices
from .devices.speakers import Speaker
from .devices.voices import Voice

OCCUPANCY: Final = "binary_sensor.mat_occupancy"


@dataclass(frozen=True, kw_only=True)
class Language:
    """Everything one evening on the mat says and writes, in one language."""

    code: str
    voice: str
    # Said on the speaker: start, end, reminder, a 25 minute start, its early stop.
    said: list[str]
    # The logbook of that evening, the mat's name first.
    logbook: list[str]
    running_title: str
    paused_title: str
    title: str
    description: str
    stopped_title: str
    # A session with everything: stopped early, offline, rated, a night, notes.
    full_description: str
    # What a user types in the dialog, with plain spaces and any capitals:
    # another body area, a rating and a note.
    typed_title: str
    typed_rating: str
    typed_notes: str
    # The refusal of a title without a length or a body area.
    unreadable: str
    # The refusal to edit the running session.
    running_refused: str


LANGUAGES: Final = [
    Language(
        code="en",
        voice="en-US",
        said=[
            "Starting a 20 minute mat session.",
            "Your 20 minute mat session is complete. Take a moment before you get up.",
            "Your mat session ended 10 minutes ago. "
            "Time to get up slowly: the mat is not for sleeping on all night.",
            "Starting a 25 minute mat session.",
            "Your mat session ended after 4 minutes. Take a moment before you get up.",
        ],
        logbook=[
            "Bedroom mat started a 20 minute back session",
            "Bedroom mat paused the session with 18 min left",
            "Bedroom mat resumed the session with 18 min left",
            "Bedroom mat completed 20 minutes",
            "Bedroom mat reminded whoever was still on the mat to get up slowly",
            "Bedroom mat started a 25 minute neck session",
            "Bedroom mat stopped early after 4 of 25 minutes",
            "Bedroom mat rated the session 5 out of 5",
        ],
        running_title="Mat session: 20 min, back (running)",
        paused_title="Mat session: 20 min, back (paused)",
        title="Mat session: 20 min, back",
        description="Completed 20 min.",
        stopped_title="Mat session: 4.1 min, neck",
        full_description=(
            "Stopped early after 4.1 min of 20.\n"
            "Ended while Home Assistant was off.\n"
            "Rating: 4/5.\n"
            "Night after: slept 7 h 05 min, sleep score 82.5, "
            "fell asleep in 12 min, asleep at 23:40.\n"
            "Notes: warm back"
        ),
        typed_title="Mat session: 20 min, feet",
        typed_rating="rating:5",
        typed_notes="notes: tingling, then warm",
        unreadable=(
            'The title "Mat session" does not give one length and one body area. '
            'A session\'s title reads like "Mat session: 20 min, neck"; '
            "the body area is one of back, neck or feet"
        ),
        running_refused="This session is still running; stop it first",
    ),
    Language(
        code="de",
        voice="de-DE",
        said=[
            "Eine Mattensitzung von 20 Minuten beginnt.",
            "Deine Mattensitzung von 20 Minuten ist vorbei. "
            "Nimm dir einen Moment, bevor du aufstehst.",
            "Deine Mattensitzung ist seit 10 Minuten vorbei. Zeit, langsam "
            "aufzustehen: Die Matte ist nicht dafür gedacht, die ganze Nacht "
            "darauf zu schlafen.",
            "Eine Mattensitzung von 25 Minuten beginnt.",
            "Deine Mattensitzung endete nach 4 Minuten. "
            "Nimm dir einen Moment, bevor du aufstehst.",
        ],
        logbook=[
            "Bedroom mat hat eine Sitzung von 20 Minuten für den Rücken begonnen",
            "Bedroom mat hat die Sitzung pausiert, noch 18 Min.",
            "Bedroom mat hat die Sitzung fortgesetzt, noch 18 Min.",
            "Bedroom mat hat eine Sitzung von 20 Minuten abgeschlossen",
            "Bedroom mat hat daran erinnert, langsam von der Matte aufzustehen",
            "Bedroom mat hat eine Sitzung von 25 Minuten für den Nacken begonnen",
            "Bedroom mat hat die Sitzung nach 4 von 25 Minuten vorzeitig beendet",
            "Bedroom mat hat die Sitzung mit 5 von 5 bewertet",
        ],
        running_title="Mattensitzung: 20 Min., Rücken (läuft)",
        paused_title="Mattensitzung: 20 Min., Rücken (pausiert)",
        title="Mattensitzung: 20 Min., Rücken",
        description="Abgeschlossen: 20 Min.",
        stopped_title="Mattensitzung: 4,1 Min., Nacken",
        full_description=(
            "Vorzeitig beendet nach 4,1 von 20 Min.\n"
            "Beendet, während Home Assistant aus war.\n"
            "Bewertung: 4/5.\n"
            "Die Nacht danach: 7 Std. 05 Min. geschlafen, Schlafwert 82,5, "
            "nach 12 Min. eingeschlafen, Schlafbeginn 23:40.\n"
            "Notizen: warm back"
        ),
        typed_title="Mattensitzung: 20 Min., Füße",
        typed_rating="Bewertung : 5",
        typed_notes="notizen: erst Kribbeln, dann warm",
        unreadable=(
            "Der Titel „Mattensitzung“ nennt nicht genau eine Dauer und einen "
            "Körperbereich. Der Titel einer Sitzung lautet etwa "
            "„Mattensitzung: 20 Min., Nacken“; der Körperbereich ist einer von "
            "Rücken, Nacken oder Füße"
        ),
        running_refused="Diese Sitzung läuft noch; beende sie zuerst",
    ),
    Language(
        code="nl",
        voice="nl-NL",
        said=[
            "Een matsessie van 20 minuten begint.",
            "Je matsessie van 20 minuten is klaar. "
            "Neem even de tijd voordat je opstaat.",
            "Je matsessie is 10 minuten geleden afgelopen. Tijd om rustig op te "
            "staan: de mat is niet bedoeld om de hele nacht op te slapen.",
            "Een matsessie van 25 minuten begint.",
            "Je matsessie is na 4 minuten gestopt. "
            "Neem even de tijd voordat je opstaat.",
        ],
        logbook=[
            "Bedroom mat heeft een rugsessie van 20 minuten gestart",
            "Bedroom mat heeft de sessie gepauzeerd, nog 18 min. te gaan",
            "Bedroom mat heeft de sessie hervat, nog 18 min. te gaan",
            "Bedroom mat heeft een sessie van 20 minuten afgerond",
            "Bedroom mat heeft wie nog op de mat lag eraan herinnerd om rustig "
            "op te staan",
            "Bedroom mat heeft een neksessie van 25 minuten gestart",
            "Bedroom mat is vroegtijdig gestopt na 4 van de 25 minuten",
            "Bedroom mat heeft de sessie beoordeeld met 5 van de 5",
        ],
        running_title="Matsessie: 20 min, rug (loopt)",
        paused_title="Matsessie: 20 min, rug (gepauzeerd)",
        title="Matsessie: 20 min, rug",
        description="Voltooid: 20 min.",
        stopped_title="Matsessie: 4,1 min, nek",
        full_description=(
            "Vroegtijdig gestopt na 4,1 van de 20 min.\n"
            "Afgelopen terwijl Home Assistant uit stond.\n"
            "Beoordeling: 4/5.\n"
            "De nacht erna: 7 u 05 min geslapen, slaapscore 82,5, "
            "in 12 min in slaap gevallen, in slaap om 23:40.\n"
            "Notities: warm back"
        ),
        typed_title="Matsessie: 20 min, voeten",
        typed_rating="beoordeling: 5/5",
        typed_notes="Notities: eerst tintelend, daarna warm",
        unreadable=(
            "De titel ‘Matsessie’ noemt niet precies één duur en één lichaamsdeel. "
            "De titel van een sessie luidt bijvoorbeeld ‘Matsessie: 20 min, nek’; "
            "het lichaamsdeel is een van rug, nek of voeten"
        ),
        running_refused="Deze sessie loopt nog; stop die eerst",
    ),
    Language(
        code="fr",
        voice="fr-FR",
        said=[
            "Début d'une séance de 20 minutes sur le tapis.",
            "Votre séance de 20 minutes sur le tapis est terminée. "
            "Prenez un moment avant de vous lever.",
            "Votre séance sur le tapis s'est terminée il y a 10 minutes. "
            "Il est temps de vous lever doucement\u00a0: "
            "le tapis n'est pas fait pour y dormir toute la nuit.",
            "Début d'une séance de 25 minutes sur le tapis.",
            "Votre séance sur le tapis s'est arrêtée après 4 minutes. "
            "Prenez un moment avant de vous lever.",
        ],
        logbook=[
            "Bedroom mat a démarré une séance de 20 minutes pour le dos",
            "Bedroom mat a mis la séance en pause, il restait 18 min",
            "Bedroom mat a repris la séance, il reste 18 min",
            "Bedroom mat a terminé une séance de 20 minutes",
            "Bedroom mat a rappelé à la personne encore sur le tapis de se lever "
            "doucement",
            "Bedroom mat a démarré une séance de 25 minutes pour la nuque",
            "Bedroom mat a écourté la séance après 4 minutes sur 25",
            "Bedroom mat a noté la séance 5 sur 5",
        ],
        running_title="Séance de tapis\u00a0: 20 min, dos (en cours)",
        paused_title="Séance de tapis\u00a0: 20 min, dos (en pause)",
        title="Séance de tapis\u00a0: 20 min, dos",
        description="Terminée\u00a0: 20 min.",
        stopped_title="Séance de tapis\u00a0: 4,1 min, nuque",
        full_description=(
            "Écourtée après 4,1 min sur 20.\n"
            "Finie pendant que Home Assistant était éteint.\n"
            "Note\u00a0: 4/5.\n"
            "La nuit suivante\u00a0: 7 h 05 de sommeil, score de sommeil 82,5, "
            "endormissement en 12 min, sommeil dès 23:40.\n"
            "Remarques\u00a0: warm back"
        ),
        typed_title="Séance de tapis : 20 min, pieds",
        typed_rating="Note: 5",
        typed_notes="remarques : des picotements, puis de la chaleur",
        unreadable=(
            "Le titre «\u00a0Séance de tapis\u00a0» n'indique pas une seule "
            "durée et une seule zone du corps. Le titre d'une séance ressemble à "
            "«\u00a0Séance de tapis\u00a0: 20 min, nuque\u00a0»\u00a0; "
            "la zone du corps est l'une de dos, nuque ou pieds"
        ),
        running_refused="Cette séance est encore en cours\u00a0; arrêtez-la d'abord",
    ),
    Language(
        code="es",
        voice="es-ES",
        said=[
            "Empieza una sesión de 20 minutos en la esterilla.",
            "Tu sesión de 20 minutos en la esterilla ha terminado. "
            "Tómate un momento antes de levantarte.",
            "Tu sesión en la esterilla terminó hace 10 minutos. Es hora de "
            "levantarte despacio: la esterilla no es para dormir toda la noche "
            "sobre ella.",
            "Empieza una sesión de 25 minutos en la esterilla.",
            "Tu sesión en la esterilla terminó a los 4 minutos. "
            "Tómate un momento antes de levantarte.",
        ],
        logbook=[
            "Bedroom mat inició una sesión de 20 minutos para la espalda",
            "Bedroom mat puso la sesión en pausa; tiempo restante: 18 min",
            "Bedroom mat reanudó la sesión; tiempo restante: 18 min",
            "Bedroom mat completó una sesión de 20 minutos",
            "Bedroom mat recordó a quien seguía en la esterilla que se levantara "
            "despacio",
            "Bedroom mat inició una sesión de 25 minutos para el cuello",
            "Bedroom mat se detuvo antes de tiempo, a los 4 de 25 minutos",
            "Bedroom mat valoró la sesión con un 5 de 5",
        ],
        running_title="Sesión de esterilla: 20 min, espalda (en curso)",
        paused_title="Sesión de esterilla: 20 min, espalda (en pausa)",
        title="Sesión de esterilla: 20 min, espalda",
        description="Completada: 20 min.",
        stopped_title="Sesión de esterilla: 4,1 min, cuello",
        full_description=(
            "Detenida antes de tiempo, a los 4,1 de 20 min.\n"
            "Terminó con Home Assistant apagado.\n"
            "Valoración: 4/5.\n"
            "La noche siguiente: 7 h 05 min de sueño, puntuación de sueño 82,5, "
            "tardaste 12 min en dormirte, sueño desde las 23:40.\n"
            "Notas: warm back"
        ),
        typed_title="Sesión de esterilla: 20 min, pies",
        typed_rating="VALORACIÓN: 5",
        typed_notes="notas: primero hormigueo, luego calor",
        unreadable=(
            "El título «Sesión de esterilla» no indica una sola duración y una "
            "sola zona del cuerpo. El título de una sesión es como "
            "«Sesión de esterilla: 20 min, cuello»; la zona del cuerpo es una de "
            "espalda, cuello o pies"
        ),
        running_refused="Esta sesión sigue en marcha; detenla primero",
    ),
]


@pytest.fixture(params=LANGUAGES, ids=[language.code for language in LANGUAGES])
async def language(request: pytest.FixtureRequest, hass: HomeAssistant) -> Language:
    """Home Assistant set to the language, as a user sets it in the settings."""
    spoken: Language = request.param
    # As Home Assistant's start-up does: texts load again when the language changes.
    translation.async_setup(hass)
    await hass.config.async_update(language=spoken.code)
    await hass.async_block_till_done()
    await async_load_texts(hass)
    await async_load_language(hass)
    return spoken


def _entity_id(hass: HomeAssistant, domain: str, translation_key: str) -> str:
    """An entity of the mat's; its id is made from its name in the language."""
    return next(
        entry.entity_id
        for entry in er.async_entries_for_config_entry(er.async_get(hass), ENTRY_ID)
        if entry.domain == domain and entry.translation_key == translation_key
    )


async def _call(hass: HomeAssistant, action: str, **data: Any) -> None:
    session = _entity_id(hass, "sensor", "session")
    await hass.services.async_call(
        DOMAIN, action, data, target={"entity_id": session}, blocking=True
    )
    await hass.async_block_till_done()


def _calendar_title(hass: HomeAssistant) -> str:
    """What the calendar shows now: the title of the session on the mat."""
    calendar = hass.states.get(_entity_id(hass, "calendar", "sessions"))
    assert calendar is not None
    return str(calendar.attributes["message"])


async def _update_event(
    hass: HomeAssistant,
    client: MockHAClientWebSocket,
    record: SessionRecord,
    title: str,
    description: str,
) -> dict[str, Any]:
    """Save the event dialog, as the frontend does: every field, changed or not."""
    await client.send_json_auto_id(
        {
            "type": "calendar/event/update",
            "entity_id": _entity_id(hass, "calendar", "sessions"),
            "uid": record.id,
            "event": {
                "summary": title,
                "dtstart": record.started_at.isoformat(),
                "dtend": record.ended_at.isoformat(),
                "description": description,
            },
        }
    )
    response: dict[str, Any] = await client.receive_json()
    return response


@pytest.fixture
async def room(
    recorder_mock: Recorder, hass: HomeAssistant, room_devices: None
) -> tuple[Speaker, Voice]:
    """A speaker and a voice, set up before the logbook's connection.

    The test server freezes its routes once it serves, and the voice's media
    source adds one.
    """
    speaker, voice = Speaker("bedroom", "Bedroom speaker"), Voice()
    await async_setup_room_devices(
        hass, {Platform.MEDIA_PLAYER: [speaker], Platform.TTS: [voice]}
    )
    return speaker, voice


async def test_an_evening_on_the_mat_in_the_language(
    room: tuple[Speaker, Voice],
    logbook: Logbook,
    language: Language,
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Spoken, logged and shown in the calendar in the household's language.

    A completed back session with the reminder after it, then a neck session
    stopped after 4.1 minutes; the first is corrected in the calendar's dialog
    with the labels typed by hand.
    """
    speaker, voice = room
    entry = await async_setup_mat(
        hass,
        media_players=[speaker.entity_id],
        announce_start=True,
        occupancy_sensor=OCCUPANCY,
    )
    history: SessionHistory = entry.runtime_data.engine.history
    hass.states.async_set(OCCUPANCY, "on")

    await _call(hass, "start_session", duration=20, body_area="back")
    assert _calendar_title(hass) == language.running_title
    await let_time_pass(hass, freezer, minutes=2)
    await _call(hass, "pause_session")
    await let_time_pass(hass, freezer, seconds=1)
    assert _calendar_title(hass) == language.paused_title
    await _call(hass, "resume_session")
    await let_time_pass(hass, freezer, minutes=18)  # the end: paused for a second
    await let_time_pass(hass, freezer, minutes=10, seconds=1)  # the reminder
    hass.states.async_set(OCCUPANCY, "off")
    await let_time_pass(hass, freezer, minutes=5)
    await _call(hass, "start_session", duration=25, body_area="neck")
    await let_time_pass(hass, freezer, minutes=4, seconds=6)
    await _call(hass, "stop_session")

    first, second = history.overlapping(EVENING, dt_util.utcnow())
    assert (record_title(hass, first), record_description(hass, first)) == (
        language.title,
        language.description,
    )
    assert record_title(hass, second) == language.stopped_title

    # The dialog sends the title and description back, with what was typed.
    response = await _update_event(
        hass,
        logbook.client,
        first,
        language.typed_title,
        f"{language.description}\n{language.typed_rating}\n{language.typed_notes}",
    )
    assert response["success"], response
    corrected = history.get(first.id)
    assert corrected is not None
    assert (corrected.body_area, corrected.rating) == ("feet", 5)
    assert corrected.notes == language.typed_notes.split(":", 1)[1].strip()

    assert [said for said, _ in voice.spoken] == language.said
    assert {spoken_in for _, spoken_in in voice.spoken} == {language.voice}
    assert await logbook.story() == language.logbook

    response = await _update_event(
        hass, logbook.client, corrected, language.title.split(":")[0].strip(), ""
    )
    assert not response["success"]
    assert response["error"]["message"] == language.unreadable
    assert history.get(first.id) == corrected


async def test_every_line_of_a_session_reads_in_the_language(
    hass: HomeAssistant, language: Language
) -> None:
    """Each line the calendar can write, and the edits read back from them."""
    start = datetime(2026, 11, 2, 22, tzinfo=dt_util.UTC)
    record = SessionRecord(
        id="01JMATSESSION00000000000001",
        started_at=start,
        ended_at=start + timedelta(minutes=4, seconds=6),
        planned_minutes=20,
        active_minutes=4.1,
        body_area="neck",
        outcome="stopped_early",
        ended_while_offline=True,
        rating=4,
        notes="warm back",
        sleep=SleepNight(
            duration_minutes=425, score=82.5, latency_minutes=12, onset="23:40"
        ),
    )

    shown = record_description(hass, record)

    assert record_title(hass, record) == language.stopped_title
    assert shown == language.full_description
    # A night without a figure has no line.
    assert record_description(hass, replace(record, sleep=SleepNight())) == (
        "\n".join(line for i, line in enumerate(shown.splitlines()) if i != 3)
    )
    # As shown, nothing changes; the title reads back as it was written.
    assert read_description(hass, shown, shown) is None
    assert read_title(hass, record_title(hass, record)) == (4.1, "neck")
    assert read_title(hass, language.typed_title) == (20, "feet")
    assert read_title(hass, running_title(hass, 15, "back", paused=False)) == (
        15,
        "back",
    )
    # The rating changed by hand, in the language or in English, and no notes.
    lines = shown.splitlines()
    rating_line = lines[2].replace("4", "2")
    assert read_description(hass, "\n".join([*lines[:2], rating_line]), shown) == (
        2,
        None,
    )
    assert read_description(hass, f"{lines[0]}\nRating: 3", shown) == (3, None)
    # A line the mat writes cannot be changed by hand.
    with pytest.raises(ServiceValidationError) as refused:
        read_description(hass, lines[0].replace("20", "25"), shown)
    assert refused.value.translation_key == "calendar_description_read_only"
    assert (refused.value.translation_placeholders or {})["rating_label"] == (
        language.full_description.splitlines()[2].split("4/5")[0].strip()
    )


async def test_the_mat_in_another_language_reads_english(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A language the mat does not speak shows the calendar in English."""
    translation.async_setup(hass)
    await hass.config.async_update(language="it")
    await hass.async_block_till_done()
    freezer.move_to(EVENING)
    await async_setup_mat(hass)

    await _call(hass, "start_session", duration=20, body_area="feet")

    assert _calendar_title(hass) == "Mat session: 20 min, feet (running)"


async def test_only_the_mats_own_refusals_are_translated(
    hass: HomeAssistant, language: Language
) -> None:
    """Another integration's error, or a key without words, goes on as it came."""
    theirs = ServiceValidationError(
        translation_domain="calendar", translation_key="not_ours"
    )
    unknown = ServiceValidationError(
        translation_domain=DOMAIN, translation_key="not_in_strings"
    )
    for error in (theirs, unknown):
        with pytest.raises(ServiceValidationError) as raised:
            async with async_refusals_in_language(hass):
                raise error
        assert raised.value is error

    with pytest.raises(ServiceValidationError) as raised:
        async with async_refusals_in_language(hass):
            raise refuse("calendar_event_running")
    assert raised.value.translation_key == "calendar_event_running"
    assert str(raised.value) == language.running_refused
