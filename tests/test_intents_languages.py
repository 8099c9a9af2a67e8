"""Assist in German, Dutch, French and Spanish, through the built-in agent.

Each sentence of docs/voice.md's table for a language is said to Assist in that
language: the mat does what it says, and the answer is that language's
``voice_*`` text. Every sentence template of each table is reached by one of them.
"""

from __future__ import annotations

import json
from pathlib import Path
import re
from typing import Any

from freezegun.api import FrozenDateTimeFactory
import pytest

from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.sentence_tables import (
    SentenceTemplate,
    load_sentence_tables,
    pick_template,
)
from custom_components.acupressure_mat.voice.handlers import INTENT_TYPES
from homeassistant.core import HomeAssistant
from homeassistant.helpers import area_registry as ar, device_registry as dr

from .compat import mat_device
from .test_intents import BEDROOM, GUEST, IDLE, PAUSED, RUNNING, SETUPS, _mat, _say

VOICE_REFERENCE = Path(__file__).parents[1] / "docs" / "voice.md"
TRANSLATIONS = (
    Path(__file__).parents[1] / "custom_components" / "acupressure_mat" / "translations"
)
LANGUAGE_NAMES = {"de": "German", "nl": "Dutch", "fr": "French", "es": "Spanish"}


def _s(minutes: int, body_area: str = "back") -> tuple[str, Any, Any]:
    return ("running", minutes, body_area)


def _x(minutes: int) -> tuple[str, Any, Any]:
    return ("running", minutes, "back")


# (when, what is said, the answer, the mat afterwards), per language. docs/voice.md
# lists exactly these, language by language.
PHRASINGS: dict[str, list[tuple[str, str, str, tuple[str, Any, Any]]]] = {
    "de": [
        (
            "idle",
            "Starte die Matte",
            "Eine Mattensitzung von 15 Minuten beginnt",
            _s(15),
        ),
        (
            "idle",
            "Beginne eine Mattensitzung",
            "Eine Mattensitzung von 15 Minuten beginnt",
            _s(15),
        ),
        ("idle", "Matte starten", "Eine Mattensitzung von 15 Minuten beginnt", _s(15)),
        (
            "idle",
            "Starte eine Mattensitzung von 20 Minuten",
            "Eine Mattensitzung von 20 Minuten beginnt",
            RUNNING,
        ),
        (
            "idle",
            "Starte meine Matte für fünfundzwanzig Minuten",
            "Eine Mattensitzung von 25 Minuten beginnt",
            _s(25),
        ),
        (
            "idle",
            "Starte 20 Minuten auf der Matte",
            "Eine Mattensitzung von 20 Minuten beginnt",
            RUNNING,
        ),
        (
            "idle",
            "Starte die Matte für eine halbe Stunde",
            "Eine Mattensitzung von 30 Minuten beginnt",
            _s(30),
        ),
        (
            "idle",
            "Starte eine Viertelstunde auf der Matte",
            "Eine Mattensitzung von 15 Minuten beginnt",
            _s(15),
        ),
        (
            "idle",
            "Starte eine Fußsitzung auf der Matte",
            "Eine Fußsitzung von 15 Minuten beginnt",
            _s(15, "feet"),
        ),
        (
            "idle",
            "Starte eine Nackensitzung",
            "Eine Nackensitzung von 15 Minuten beginnt",
            _s(15, "neck"),
        ),
        (
            "idle",
            "Starte die Matte für die Füße",
            "Eine Fußsitzung von 15 Minuten beginnt",
            _s(15, "feet"),
        ),
        (
            "idle",
            "Starte eine Rückensitzung von 30 Minuten",
            "Eine Rückensitzung von 30 Minuten beginnt",
            _s(30),
        ),
        (
            "idle",
            "Starte eine Mattensitzung von 25 Minuten für den Nacken",
            "Eine Nackensitzung von 25 Minuten beginnt",
            _s(25, "neck"),
        ),
        (
            "idle",
            "Starte eine Mattensitzung für den Rücken",
            "Eine Rückensitzung von 15 Minuten beginnt",
            _s(15),
        ),
        (
            "idle",
            "Starte die Matte für 20 Minuten für den Nacken",
            "Eine Nackensitzung von 20 Minuten beginnt",
            _s(20, "neck"),
        ),
        (
            "idle",
            "Starte eine Sitzung von 20 Minuten auf der Matte",
            "Eine Mattensitzung von 20 Minuten beginnt",
            RUNNING,
        ),
        (
            "idle",
            "Starte eine halbe Stunde auf der Matte",
            "Eine Mattensitzung von 30 Minuten beginnt",
            _s(30),
        ),
        (
            "idle",
            "Starte die Matte für eine Viertelstunde",
            "Eine Mattensitzung von 15 Minuten beginnt",
            _s(15),
        ),
        (
            "idle",
            "Starte eine Mattensitzung von 50 Minuten",
            "Mattensitzungen dauern 15 bis 40 Minuten",
            IDLE,
        ),
        (
            "idle",
            "Starte die Matte für zehn Minuten",
            "Mattensitzungen dauern 15 bis 40 Minuten",
            IDLE,
        ),
        (
            "idle",
            "Starte die Matte für die Knie",
            "Die Matte hat Sitzungen für Rücken, Nacken und Füße",
            IDLE,
        ),
        (
            "running, 15 min left",
            "Starte die Matte",
            "Es läuft schon eine Mattensitzung, noch 15 Minuten",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Starte eine Mattensitzung von 30 Minuten",
            "Eine Mattensitzung ist pausiert; setze sie fort oder beende sie zuerst",
            PAUSED,
        ),
        ("running, 15 min left", "Pausiere die Matte", "Pausiert", PAUSED),
        ("running, 15 min left", "Halte meine Mattensitzung an", "Pausiert", PAUSED),
        ("running, 15 min left", "Matte pausieren", "Pausiert", PAUSED),
        (
            "running, 15 min left",
            "Mach mal eine Pause mit der Matte",
            "Pausiert",
            PAUSED,
        ),
        (
            "paused, 15 min left",
            "Pausiere die Matte",
            "Die Mattensitzung ist schon pausiert",
            PAUSED,
        ),
        ("idle", "Pausiere die Matte", "Es läuft keine Mattensitzung", IDLE),
        (
            "paused, 15 min left",
            "Setze die Matte fort",
            "Es geht weiter, noch 15 Minuten",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Mach mit der Matte weiter",
            "Es geht weiter, noch 15 Minuten",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Weiter mit der Mattensitzung",
            "Es geht weiter, noch 15 Minuten",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Mattensitzung fortsetzen",
            "Es geht weiter, noch 15 Minuten",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Setze die Matte fort",
            "Die Mattensitzung läuft schon",
            RUNNING,
        ),
        ("idle", "Setze die Matte fort", "Es läuft keine Mattensitzung", IDLE),
        ("running, 15 min left", "Stopp die Matte", "Beendet", IDLE),
        ("paused, 15 min left", "Beende meine Mattensitzung", "Beendet", IDLE),
        ("running, 15 min left", "Matte beenden", "Beendet", IDLE),
        ("running, 15 min left", "Hör mit der Matte auf", "Beendet", IDLE),
        ("running, 15 min left", "Ich bin fertig mit der Matte", "Beendet", IDLE),
        (
            "started a minute ago",
            "Stoppe die Matte",
            "Beendet. Das waren weniger als zwei Minuten, darum wird die Sitzung nicht erfasst.",  # noqa: E501
            IDLE,
        ),
        ("idle", "Stoppe die Matte", "Es läuft keine Mattensitzung", IDLE),
        (
            "running, 15 min left",
            "Wie lange läuft die Matte noch?",
            "Noch 15 Minuten",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Wie viel Zeit bleibt noch auf der Matte?",
            "Noch 15 Minuten",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Wie viele Minuten sind noch auf der Matte?",
            "Noch 15 Minuten",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Wann ist die Mattensitzung vorbei?",
            "Noch 15 Minuten",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Wie viel Zeit habe ich noch auf der Matte?",
            "Noch 15 Minuten",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Wie lange noch auf der Matte?",
            "Noch 15 Minuten",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Wie lange dauert die Mattensitzung noch?",
            "Die Mattensitzung ist pausiert, noch 15 Minuten",
            PAUSED,
        ),
        (
            "idle",
            "Wie lange läuft die Matte noch?",
            "Es läuft keine Mattensitzung",
            IDLE,
        ),
        (
            "running, 15 min left",
            "Verlängere die Matte um 5 Minuten",
            "5 Minuten mehr, jetzt noch 20 Minuten",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Gib mir noch zehn Minuten auf der Matte",
            "10 Minuten mehr, jetzt noch 25 Minuten",
            _x(30),
        ),
        (
            "running, 15 min left",
            "Noch eine Minute auf der Matte",
            "1 Minute mehr, jetzt noch 16 Minuten",
            _x(21),
        ),
        (
            "paused, 15 min left",
            "Mattensitzung um 10 Minuten verlängern",
            "10 Minuten mehr, jetzt noch 25 Minuten",
            ("paused", 30, "back"),
        ),
        (
            "running, 15 min left",
            "Verlängere die Matte",
            "5 Minuten mehr, jetzt noch 20 Minuten",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Matte verlängern",
            "5 Minuten mehr, jetzt noch 20 Minuten",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Verlängere die Matte um 30 Minuten",
            "Eine Sitzung kann um 1 bis 20 ganze Minuten verlängert werden; angefordert wurde 30",  # noqa: E501
            RUNNING,
        ),
        (
            "running, 40 min planned",
            "Verlängere die Matte um 5 Minuten",
            "Diese Mattensitzung dauert schon 40 Minuten, länger geht eine Sitzung nicht",  # noqa: E501
            _x(40),
        ),
        (
            "idle",
            "Verlängere die Matte um 10 Minuten",
            "Es läuft keine Mattensitzung",
            IDLE,
        ),
    ],
    "nl": [
        ("idle", "Start de mat", "Matsessie van 15 minuten gestart", _s(15)),
        ("idle", "Begin een matsessie", "Matsessie van 15 minuten gestart", _s(15)),
        ("idle", "Mat starten", "Matsessie van 15 minuten gestart", _s(15)),
        (
            "idle",
            "Start een matsessie van 20 minuten",
            "Matsessie van 20 minuten gestart",
            RUNNING,
        ),
        (
            "idle",
            "Start mijn mat voor vijfentwintig minuten",
            "Matsessie van 25 minuten gestart",
            _s(25),
        ),
        (
            "idle",
            "Start een sessie van 20 minuten op de mat",
            "Matsessie van 20 minuten gestart",
            RUNNING,
        ),
        (
            "idle",
            "Start de mat voor een half uur",
            "Matsessie van 30 minuten gestart",
            _s(30),
        ),
        (
            "idle",
            "Start een matsessie van een half uur",
            "Matsessie van 30 minuten gestart",
            _s(30),
        ),
        (
            "idle",
            "Begin een half uurtje op de mat",
            "Matsessie van 30 minuten gestart",
            _s(30),
        ),
        (
            "idle",
            "Start de mat voor een kwartier",
            "Matsessie van 15 minuten gestart",
            _s(15),
        ),
        (
            "idle",
            "Start een matsessie van een kwartier",
            "Matsessie van 15 minuten gestart",
            _s(15),
        ),
        (
            "idle",
            "Begin een kwartiertje op mijn mat",
            "Matsessie van 15 minuten gestart",
            _s(15),
        ),
        (
            "idle",
            "Start een neksessie",
            "Neksessie van 15 minuten gestart",
            _s(15, "neck"),
        ),
        (
            "idle",
            "Start een rugsessie van 30 minuten",
            "Rugsessie van 30 minuten gestart",
            _s(30),
        ),
        (
            "idle",
            "Start de mat voor mijn voeten",
            "Sessie van 15 minuten voor de voeten gestart",
            _s(15, "feet"),
        ),
        (
            "idle",
            "Start een sessie voor mijn rug",
            "Rugsessie van 15 minuten gestart",
            _s(15),
        ),
        (
            "idle",
            "Start een sessie van 25 minuten voor mijn nek",
            "Neksessie van 25 minuten gestart",
            _s(25, "neck"),
        ),
        (
            "idle",
            "Start een sessie voor de voeten van 20 minuten",
            "Sessie van 20 minuten voor de voeten gestart",
            _s(20, "feet"),
        ),
        (
            "idle",
            "Start een matsessie van 50 minuten",
            "Een matsessie duurt 15 tot 40 minuten",
            IDLE,
        ),
        (
            "idle",
            "Start de mat voor tien minuten",
            "Een matsessie duurt 15 tot 40 minuten",
            IDLE,
        ),
        (
            "idle",
            "Start de mat voor mijn knieën",
            "De mat heeft sessies voor de rug, de nek en de voeten",
            IDLE,
        ),
        (
            "running, 15 min left",
            "Start de mat",
            "Er loopt al een matsessie, nog 15 minuten te gaan",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Start een matsessie van 30 minuten",
            "Er is een matsessie gepauzeerd; hervat of stop die eerst",
            PAUSED,
        ),
        ("running, 15 min left", "Pauzeer de mat", "Gepauzeerd", PAUSED),
        ("running, 15 min left", "Zet de mat even stil", "Gepauzeerd", PAUSED),
        ("running, 15 min left", "Matsessie pauzeren", "Gepauzeerd", PAUSED),
        (
            "paused, 15 min left",
            "Pauzeer de mat",
            "De matsessie is al gepauzeerd",
            PAUSED,
        ),
        ("idle", "Pauzeer de mat", "Er loopt geen matsessie", IDLE),
        (
            "paused, 15 min left",
            "Hervat de mat",
            "Hervat, nog 15 minuten te gaan",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Ga maar verder met de mat",
            "Hervat, nog 15 minuten te gaan",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Matsessie hervatten",
            "Hervat, nog 15 minuten te gaan",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Verder met de mat",
            "Hervat, nog 15 minuten te gaan",
            RUNNING,
        ),
        ("running, 15 min left", "Hervat de mat", "De matsessie loopt al", RUNNING),
        ("idle", "Hervat de mat", "Er loopt geen matsessie", IDLE),
        ("running, 15 min left", "Stop de mat", "Gestopt", IDLE),
        ("paused, 15 min left", "Stop met de matsessie", "Gestopt", IDLE),
        ("running, 15 min left", "Mat stoppen", "Gestopt", IDLE),
        ("running, 15 min left", "Ik ben klaar met de mat", "Gestopt", IDLE),
        (
            "started a minute ago",
            "Stop de mat",
            "Gestopt. Dat was korter dan twee minuten, dus deze sessie telt niet mee.",
            IDLE,
        ),
        ("idle", "Stop de mat", "Er loopt geen matsessie", IDLE),
        (
            "running, 15 min left",
            "Hoe lang duurt de mat nog?",
            "Nog 15 minuten te gaan",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Hoeveel tijd heb ik nog op de mat?",
            "Nog 15 minuten te gaan",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Hoeveel tijd heeft de mat nog?",
            "Nog 15 minuten te gaan",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Hoe lang nog op de mat?",
            "Nog 15 minuten te gaan",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Wanneer is de matsessie klaar?",
            "Nog 15 minuten te gaan",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Hoe lang duurt de matsessie nog?",
            "De matsessie is gepauzeerd, nog 15 minuten te gaan",
            PAUSED,
        ),
        ("idle", "Hoe lang duurt de mat nog?", "Er loopt geen matsessie", IDLE),
        (
            "running, 15 min left",
            "Verleng de mat met 5 minuten",
            "5 minuten erbij, nog 20 minuten te gaan",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Nog tien minuten op de mat",
            "10 minuten erbij, nog 25 minuten te gaan",
            _x(30),
        ),
        (
            "running, 15 min left",
            "Geef me nog een minuut op de mat",
            "1 minuut erbij, nog 16 minuten te gaan",
            _x(21),
        ),
        (
            "paused, 15 min left",
            "Matsessie 10 minuten verlengen",
            "10 minuten erbij, nog 25 minuten te gaan",
            ("paused", 30, "back"),
        ),
        (
            "running, 15 min left",
            "Verleng de mat",
            "5 minuten erbij, nog 20 minuten te gaan",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Matsessie verlengen",
            "5 minuten erbij, nog 20 minuten te gaan",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Verleng de mat met 30 minuten",
            "Een sessie kan met 1 tot 20 hele minuten worden verlengd; gevraagd was 30",
            RUNNING,
        ),
        (
            "running, 40 min planned",
            "Verleng de mat met 5 minuten",
            "Deze matsessie duurt al 40 minuten, langer kan een sessie niet duren",
            _x(40),
        ),
        ("idle", "Verleng de mat met 10 minuten", "Er loopt geen matsessie", IDLE),
    ],
    "fr": [
        ("idle", "Lance le tapis", "Je lance une séance de 15 minutes", _s(15)),
        (
            "idle",
            "Démarre une séance de tapis",
            "Je lance une séance de 15 minutes",
            _s(15),
        ),
        ("idle", "Commence une séance", "Je lance une séance de 15 minutes", _s(15)),
        (
            "idle",
            "Lance une séance de 20 minutes",
            "Je lance une séance de 20 minutes",
            RUNNING,
        ),
        (
            "idle",
            "Lance mon tapis pour vingt-cinq minutes",
            "Je lance une séance de 25 minutes",
            _s(25),
        ),
        (
            "idle",
            "Démarre une séance de 20 minutes sur le tapis",
            "Je lance une séance de 20 minutes",
            RUNNING,
        ),
        (
            "idle",
            "Lance une séance d'une demi-heure",
            "Je lance une séance de 30 minutes",
            _s(30),
        ),
        (
            "idle",
            "Lance le tapis pour une demi-heure",
            "Je lance une séance de 30 minutes",
            _s(30),
        ),
        (
            "idle",
            "Lance une demi-heure de tapis",
            "Je lance une séance de 30 minutes",
            _s(30),
        ),
        (
            "idle",
            "Lance une séance d'un quart d'heure",
            "Je lance une séance de 15 minutes",
            _s(15),
        ),
        (
            "idle",
            "Lance le tapis pour un quart d'heure",
            "Je lance une séance de 15 minutes",
            _s(15),
        ),
        (
            "idle",
            "Lance une séance pour la nuque",
            "Je lance une séance de 15 minutes pour la nuque",
            _s(15, "neck"),
        ),
        (
            "idle",
            "Lance le tapis pour les pieds",
            "Je lance une séance de 15 minutes pour les pieds",
            _s(15, "feet"),
        ),
        (
            "idle",
            "Lance une séance de 30 minutes pour le dos",
            "Je lance une séance de 30 minutes pour le dos",
            _s(30),
        ),
        (
            "idle",
            "Lance une séance pour la nuque de 25 minutes",
            "Je lance une séance de 25 minutes pour la nuque",
            _s(25, "neck"),
        ),
        (
            "idle",
            "Démarre une séance de tapis d'acupression de 20 minutes",
            "Je lance une séance de 20 minutes",
            RUNNING,
        ),
        (
            "idle",
            "Lance le tapis d'acupression",
            "Je lance une séance de 15 minutes",
            _s(15),
        ),
        ("idle", "Démarre le tapis", "Je lance une séance de 15 minutes", _s(15)),
        (
            "idle",
            "Commence une séance de tapis d'acupression",
            "Je lance une séance de 15 minutes",
            _s(15),
        ),
        (
            "idle",
            "Démarre une séance de tapis d’acupression",
            "Je lance une séance de 15 minutes",
            _s(15),
        ),
        (
            "idle",
            "Lance une séance sur le tapis",
            "Je lance une séance de 15 minutes",
            _s(15),
        ),
        (
            "idle",
            "Lance ma séance de tapis",
            "Je lance une séance de 15 minutes",
            _s(15),
        ),
        (
            "idle",
            "Lance la séance de tapis",
            "Je lance une séance de 15 minutes",
            _s(15),
        ),
        (
            "idle",
            "Lance une séance de tapis de 20 minutes",
            "Je lance une séance de 20 minutes",
            RUNNING,
        ),
        (
            "idle",
            "Démarre mon tapis d'acupression pour vingt minutes",
            "Je lance une séance de 20 minutes",
            RUNNING,
        ),
        (
            "idle",
            "Lance une séance de vingt minutes sur le tapis d'acupression",
            "Je lance une séance de 20 minutes",
            RUNNING,
        ),
        (
            "idle",
            "Commence une séance de 30 minutes sur mon tapis d'acupression",
            "Je lance une séance de 30 minutes",
            _s(30),
        ),
        (
            "idle",
            "Lance le tapis pendant 20 minutes",
            "Je lance une séance de 20 minutes",
            RUNNING,
        ),
        (
            "idle",
            "Lance une séance pendant 25 minutes",
            "Je lance une séance de 25 minutes",
            _s(25),
        ),
        (
            "idle",
            "Lancez le tapis 25 minutes",
            "Je lance une séance de 25 minutes",
            _s(25),
        ),
        (
            "idle",
            "Lance 20 minutes de tapis",
            "Je lance une séance de 20 minutes",
            RUNNING,
        ),
        (
            "idle",
            "Lance le tapis d'acupression pour une demi-heure",
            "Je lance une séance de 30 minutes",
            _s(30),
        ),
        (
            "idle",
            "Lance une demi-heure sur le tapis",
            "Je lance une séance de 30 minutes",
            _s(30),
        ),
        (
            "idle",
            "Démarre une séance d'un quart d'heure sur le tapis",
            "Je lance une séance de 15 minutes",
            _s(15),
        ),
        (
            "idle",
            "Lance le tapis un quart d'heure",
            "Je lance une séance de 15 minutes",
            _s(15),
        ),
        (
            "idle",
            "Lance une séance de tapis pour la nuque",
            "Je lance une séance de 15 minutes pour la nuque",
            _s(15, "neck"),
        ),
        (
            "idle",
            "Lance une séance de 50 minutes",
            "Une séance sur le tapis dure de 15 à 40 minutes",
            IDLE,
        ),
        (
            "idle",
            "Lance le tapis pour dix minutes",
            "Une séance sur le tapis dure de 15 à 40 minutes",
            IDLE,
        ),
        (
            "idle",
            "Lance une séance pour les genoux",
            "Le tapis propose des séances pour le dos, la nuque et les pieds",
            IDLE,
        ),
        (
            "running, 15 min left",
            "Lance le tapis",
            "Une séance est déjà en cours, il reste 15 minutes",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Lance une séance de 30 minutes",
            "Une séance est en pause\xa0; reprenez-la ou arrêtez-la d'abord",
            PAUSED,
        ),
        (
            "running, 15 min left",
            "Mets le tapis en pause",
            "Séance mise en pause",
            PAUSED,
        ),
        (
            "running, 15 min left",
            "Mets ma séance en pause",
            "Séance mise en pause",
            PAUSED,
        ),
        ("running, 15 min left", "Pause sur le tapis", "Séance mise en pause", PAUSED),
        (
            "running, 15 min left",
            "Fais une pause sur le tapis",
            "Séance mise en pause",
            PAUSED,
        ),
        (
            "running, 15 min left",
            "Mets le tapis d'acupression en pause",
            "Séance mise en pause",
            PAUSED,
        ),
        (
            "running, 15 min left",
            "Mets la séance de tapis en pause",
            "Séance mise en pause",
            PAUSED,
        ),
        (
            "running, 15 min left",
            "Mets en pause le tapis",
            "Séance mise en pause",
            PAUSED,
        ),
        (
            "running, 15 min left",
            "Mets en pause la séance de tapis d'acupression",
            "Séance mise en pause",
            PAUSED,
        ),
        ("running, 15 min left", "Suspends la séance", "Séance mise en pause", PAUSED),
        (
            "running, 15 min left",
            "Pause la séance de tapis",
            "Séance mise en pause",
            PAUSED,
        ),
        (
            "running, 15 min left",
            "Faites une pause avec le tapis",
            "Séance mise en pause",
            PAUSED,
        ),
        (
            "paused, 15 min left",
            "Mets le tapis en pause",
            "La séance est déjà en pause",
            PAUSED,
        ),
        ("idle", "Mets le tapis en pause", "Aucune séance n'est en cours", IDLE),
        (
            "paused, 15 min left",
            "Reprends la séance",
            "Séance reprise, il reste 15 minutes",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Continue la séance de tapis",
            "Séance reprise, il reste 15 minutes",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Relance le tapis",
            "Séance reprise, il reste 15 minutes",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Reprends la séance de tapis d'acupression",
            "Séance reprise, il reste 15 minutes",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Reprends mon tapis",
            "Séance reprise, il reste 15 minutes",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Continue le tapis",
            "Séance reprise, il reste 15 minutes",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Relance la séance de tapis",
            "Séance reprise, il reste 15 minutes",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Redémarre le tapis",
            "Séance reprise, il reste 15 minutes",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Continuez avec la séance",
            "Séance reprise, il reste 15 minutes",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Reprends la séance",
            "La séance est déjà en cours",
            RUNNING,
        ),
        ("idle", "Reprends le tapis", "Aucune séance n'est en cours", IDLE),
        ("running, 15 min left", "Arrête le tapis", "Séance arrêtée", IDLE),
        ("paused, 15 min left", "Termine la séance", "Séance arrêtée", IDLE),
        ("running, 15 min left", "J'ai fini avec le tapis", "Séance arrêtée", IDLE),
        ("running, 15 min left", "C'est fini pour la séance", "Séance arrêtée", IDLE),
        (
            "running, 15 min left",
            "Arrête la séance de tapis d'acupression",
            "Séance arrêtée",
            IDLE,
        ),
        (
            "running, 15 min left",
            "Arrête mon tapis d'acupression",
            "Séance arrêtée",
            IDLE,
        ),
        ("running, 15 min left", "Stoppe la séance", "Séance arrêtée", IDLE),
        ("running, 15 min left", "Termine ma séance de tapis", "Séance arrêtée", IDLE),
        ("running, 15 min left", "Annule la séance de tapis", "Séance arrêtée", IDLE),
        ("running, 15 min left", "J'ai terminé avec la séance", "Séance arrêtée", IDLE),
        (
            "started a minute ago",
            "Arrête la séance",
            "Séance arrêtée. Elle a duré moins de deux minutes, elle n'est donc pas enregistrée.",  # noqa: E501
            IDLE,
        ),
        ("idle", "Arrête le tapis", "Aucune séance n'est en cours", IDLE),
        (
            "running, 15 min left",
            "Combien de temps reste-t-il sur le tapis ?",
            "Il reste 15 minutes",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Il reste combien de temps à la séance ?",
            "Il reste 15 minutes",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Quand se termine la séance ?",
            "Il reste 15 minutes",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Dans combien de temps finit le tapis ?",
            "Il reste 15 minutes",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Combien de temps reste-t-il à la séance de tapis ?",
            "Il reste 15 minutes",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Combien de temps reste-t-il sur le tapis d'acupression ?",
            "Il reste 15 minutes",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Combien de temps reste-t-il au tapis ?",
            "Il reste 15 minutes",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Il reste combien de temps sur le tapis ?",
            "Il reste 15 minutes",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Combien de temps il reste sur le tapis ?",
            "Il reste 15 minutes",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Il me reste combien de temps sur le tapis ?",
            "Il reste 15 minutes",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Combien de minutes reste-t-il sur mon tapis ?",
            "Il reste 15 minutes",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Quel est le temps restant sur le tapis ?",
            "Il reste 15 minutes",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Quand est-ce que la séance se termine ?",
            "Il reste 15 minutes",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Dans combien de temps la séance de tapis se termine ?",
            "Il reste 15 minutes",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Combien de minutes reste-t-il à la séance ?",
            "La séance est en pause, il reste 15 minutes",
            PAUSED,
        ),
        (
            "idle",
            "Combien de temps reste-t-il sur le tapis ?",
            "Aucune séance n'est en cours",
            IDLE,
        ),
        (
            "running, 15 min left",
            "Ajoute 5 minutes à la séance",
            "5 minutes de plus, il reste 20 minutes",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Prolonge le tapis de dix minutes",
            "10 minutes de plus, il reste 25 minutes",
            _x(30),
        ),
        (
            "running, 15 min left",
            "Encore une minute sur le tapis",
            "1 minute de plus, il reste 16 minutes",
            _x(21),
        ),
        (
            "paused, 15 min left",
            "Ajoute 10 minutes au tapis",
            "10 minutes de plus, il reste 25 minutes",
            ("paused", 30, "back"),
        ),
        (
            "running, 15 min left",
            "Prolonge la séance",
            "5 minutes de plus, il reste 20 minutes",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Ajoute 5 minutes au tapis d'acupression",
            "5 minutes de plus, il reste 20 minutes",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Ajoute cinq minutes à la séance de tapis",
            "5 minutes de plus, il reste 20 minutes",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Rajoute 5 minutes sur le tapis",
            "5 minutes de plus, il reste 20 minutes",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Encore cinq minutes sur le tapis",
            "5 minutes de plus, il reste 20 minutes",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Prolonge la séance de tapis de 10 minutes",
            "10 minutes de plus, il reste 25 minutes",
            _x(30),
        ),
        (
            "running, 15 min left",
            "Rallonge ma séance de tapis de dix minutes",
            "10 minutes de plus, il reste 25 minutes",
            _x(30),
        ),
        (
            "running, 15 min left",
            "Prolonge le tapis d'acupression",
            "5 minutes de plus, il reste 20 minutes",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Ajoute du temps à la séance",
            "5 minutes de plus, il reste 20 minutes",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Ajoute 30 minutes à la séance",
            "Une séance peut être prolongée de 1 à 20 minutes entières\xa0; la demande était de 30",  # noqa: E501
            RUNNING,
        ),
        (
            "running, 40 min planned",
            "Ajoute 5 minutes à la séance",
            "Cette séance dure déjà 40 minutes, c'est le maximum pour une séance",
            _x(40),
        ),
        (
            "idle",
            "Prolonge la séance de 10 minutes",
            "Aucune séance n'est en cours",
            IDLE,
        ),
    ],
    "es": [
        ("idle", "Pon la esterilla", "Empiezo una sesión de 15 minutos", _s(15)),
        (
            "idle",
            "Empieza una sesión de esterilla",
            "Empiezo una sesión de 15 minutos",
            _s(15),
        ),
        ("idle", "Inicia una sesión", "Empiezo una sesión de 15 minutos", _s(15)),
        (
            "idle",
            "Empieza una sesión de 20 minutos",
            "Empiezo una sesión de 20 minutos",
            RUNNING,
        ),
        (
            "idle",
            "Pon la esterilla durante veinticinco minutos",
            "Empiezo una sesión de 25 minutos",
            _s(25),
        ),
        (
            "idle",
            "Inicia una sesión de 20 minutos en la esterilla",
            "Empiezo una sesión de 20 minutos",
            RUNNING,
        ),
        (
            "idle",
            "Empieza una sesión de media hora",
            "Empiezo una sesión de 30 minutos",
            _s(30),
        ),
        (
            "idle",
            "Pon la esterilla media hora",
            "Empiezo una sesión de 30 minutos",
            _s(30),
        ),
        (
            "idle",
            "Empieza una sesión de un cuarto de hora",
            "Empiezo una sesión de 15 minutos",
            _s(15),
        ),
        (
            "idle",
            "Pon la esterilla durante un cuarto de hora",
            "Empiezo una sesión de 15 minutos",
            _s(15),
        ),
        (
            "idle",
            "Empieza una sesión para el cuello",
            "Empiezo una sesión de 15 minutos para el cuello",
            _s(15, "neck"),
        ),
        (
            "idle",
            "Inicia una sesión para los pies en la esterilla",
            "Empiezo una sesión de 15 minutos para los pies",
            _s(15, "feet"),
        ),
        (
            "idle",
            "Empieza una sesión de 30 minutos para la espalda",
            "Empiezo una sesión de 30 minutos para la espalda",
            _s(30),
        ),
        (
            "idle",
            "Empieza una sesión para el cuello de 25 minutos",
            "Empiezo una sesión de 25 minutos para el cuello",
            _s(25, "neck"),
        ),
        (
            "idle",
            "Inicia una sesión de esterilla de acupresión",
            "Empiezo una sesión de 15 minutos",
            _s(15),
        ),
        (
            "idle",
            "Pon la esterilla de acupresión",
            "Empiezo una sesión de 15 minutos",
            _s(15),
        ),
        ("idle", "Inicia la esterilla", "Empiezo una sesión de 15 minutos", _s(15)),
        (
            "idle",
            "Empieza una sesión en la esterilla",
            "Empiezo una sesión de 15 minutos",
            _s(15),
        ),
        (
            "idle",
            "Empieza mi sesión de esterilla",
            "Empiezo una sesión de 15 minutos",
            _s(15),
        ),
        (
            "idle",
            "Comienza la sesión de esterilla de acupresión",
            "Empiezo una sesión de 15 minutos",
            _s(15),
        ),
        (
            "idle",
            "Empezar una sesión de esterilla",
            "Empiezo una sesión de 15 minutos",
            _s(15),
        ),
        (
            "idle",
            "Iniciar la sesión de la esterilla",
            "Empiezo una sesión de 15 minutos",
            _s(15),
        ),
        (
            "idle",
            "Comienza una sesión de esterilla de 20 minutos",
            "Empiezo una sesión de 20 minutos",
            RUNNING,
        ),
        (
            "idle",
            "Inicia una sesión de esterilla de acupresión de 20 minutos",
            "Empiezo una sesión de 20 minutos",
            RUNNING,
        ),
        (
            "idle",
            "Inicia una sesión de 20 minutos en la esterilla de acupresión",
            "Empiezo una sesión de 20 minutos",
            RUNNING,
        ),
        (
            "idle",
            "Arranca la esterilla de acupresión durante veinte minutos",
            "Empiezo una sesión de 20 minutos",
            RUNNING,
        ),
        (
            "idle",
            "Inicia una sesión durante 25 minutos",
            "Empiezo una sesión de 25 minutos",
            _s(25),
        ),
        (
            "idle",
            "Pon la esterilla 25 minutos",
            "Empiezo una sesión de 25 minutos",
            _s(25),
        ),
        (
            "idle",
            "Pon 20 minutos de esterilla",
            "Empiezo una sesión de 20 minutos",
            RUNNING,
        ),
        (
            "idle",
            "Inicia una sesión de media hora en la esterilla",
            "Empiezo una sesión de 30 minutos",
            _s(30),
        ),
        (
            "idle",
            "Pon la esterilla de acupresión un cuarto de hora",
            "Empiezo una sesión de 15 minutos",
            _s(15),
        ),
        (
            "idle",
            "Empieza una sesión de esterilla para el cuello",
            "Empiezo una sesión de 15 minutos para el cuello",
            _s(15, "neck"),
        ),
        (
            "idle",
            "Empieza una sesión de 50 minutos",
            "Las sesiones en la esterilla duran de 15 a 40 minutos",
            IDLE,
        ),
        (
            "idle",
            "Pon la esterilla durante diez minutos",
            "Las sesiones en la esterilla duran de 15 a 40 minutos",
            IDLE,
        ),
        (
            "idle",
            "Empieza una sesión para las rodillas",
            "La esterilla tiene sesiones para la espalda, el cuello y los pies",
            IDLE,
        ),
        (
            "running, 15 min left",
            "Pon la esterilla",
            "Ya hay una sesión en marcha; tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Empieza una sesión de 30 minutos",
            "Hay una sesión en pausa; reanúdala o detenla primero",
            PAUSED,
        ),
        ("running, 15 min left", "Pausa la esterilla", "Sesión en pausa", PAUSED),
        ("running, 15 min left", "Pon la sesión en pausa", "Sesión en pausa", PAUSED),
        (
            "running, 15 min left",
            "Haz una pausa con la esterilla",
            "Sesión en pausa",
            PAUSED,
        ),
        (
            "running, 15 min left",
            "Pausa la sesión de esterilla",
            "Sesión en pausa",
            PAUSED,
        ),
        (
            "running, 15 min left",
            "Pausa la esterilla de acupresión",
            "Sesión en pausa",
            PAUSED,
        ),
        (
            "running, 15 min left",
            "Pon en pausa la esterilla",
            "Sesión en pausa",
            PAUSED,
        ),
        (
            "running, 15 min left",
            "Pon la sesión de esterilla en pausa",
            "Sesión en pausa",
            PAUSED,
        ),
        (
            "running, 15 min left",
            "Haz una pausa en la sesión de esterilla",
            "Sesión en pausa",
            PAUSED,
        ),
        (
            "paused, 15 min left",
            "Pausa la sesión",
            "La sesión ya está en pausa",
            PAUSED,
        ),
        ("idle", "Pausa la esterilla", "No hay ninguna sesión en marcha", IDLE),
        (
            "paused, 15 min left",
            "Reanuda la sesión",
            "Sesión reanudada; tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Sigue con la esterilla",
            "Sesión reanudada; tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Continúa la sesión",
            "Sesión reanudada; tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Reanuda la sesión de esterilla",
            "Sesión reanudada; tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Reanuda la esterilla de acupresión",
            "Sesión reanudada; tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Continúa con la sesión de esterilla de acupresión",
            "Sesión reanudada; tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Sigue con la sesión",
            "Sesión reanudada; tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "Continúa la esterilla",
            "Sesión reanudada; tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "Reanuda la sesión",
            "La sesión ya está en marcha",
            RUNNING,
        ),
        ("idle", "Reanuda la esterilla", "No hay ninguna sesión en marcha", IDLE),
        ("running, 15 min left", "Para la esterilla", "Sesión detenida", IDLE),
        ("paused, 15 min left", "Termina la sesión", "Sesión detenida", IDLE),
        (
            "running, 15 min left",
            "Ya he terminado con la esterilla",
            "Sesión detenida",
            IDLE,
        ),
        ("running, 15 min left", "Acaba la sesión", "Sesión detenida", IDLE),
        (
            "running, 15 min left",
            "Para la sesión de esterilla",
            "Sesión detenida",
            IDLE,
        ),
        (
            "running, 15 min left",
            "Detén la esterilla de acupresión",
            "Sesión detenida",
            IDLE,
        ),
        (
            "running, 15 min left",
            "Detén mi sesión de esterilla",
            "Sesión detenida",
            IDLE,
        ),
        (
            "running, 15 min left",
            "Termina la sesión de esterilla",
            "Sesión detenida",
            IDLE,
        ),
        (
            "running, 15 min left",
            "Cancela la sesión de esterilla",
            "Sesión detenida",
            IDLE,
        ),
        ("running, 15 min left", "Finaliza la sesión", "Sesión detenida", IDLE),
        (
            "started a minute ago",
            "Detén la sesión",
            "Sesión detenida. Ha durado menos de dos minutos, así que no se registra.",
            IDLE,
        ),
        ("idle", "Para la esterilla", "No hay ninguna sesión en marcha", IDLE),
        (
            "running, 15 min left",
            "¿Cuánto queda de la sesión?",
            "Tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "¿Cuánto tiempo le queda a la esterilla?",
            "Tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "¿Cuántos minutos quedan de la sesión?",
            "Tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "¿Cuánto falta para que termine la sesión?",
            "Tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "¿Cuándo termina la sesión?",
            "Tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "¿Cuánto le queda a la sesión de esterilla?",
            "Tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "¿Cuánto tiempo queda en la esterilla?",
            "Tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "¿Cuánto tiempo le queda a la esterilla de acupresión?",
            "Tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "¿Cuánto me queda en la esterilla?",
            "Tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "¿Cuánto tiempo me queda de sesión?",
            "Tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "¿Cuánto queda de esterilla?",
            "Tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "¿Cuántos minutos le quedan a la sesión de esterilla?",
            "Tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "¿Cuánto falta para que termine la sesión de esterilla?",
            "Tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "running, 15 min left",
            "¿Cuándo acaba la sesión de esterilla?",
            "Tiempo restante: 15 minutos",
            RUNNING,
        ),
        (
            "paused, 15 min left",
            "¿Cuánto queda de la sesión?",
            "La sesión está en pausa; tiempo restante: 15 minutos",
            PAUSED,
        ),
        (
            "idle",
            "¿Cuánto queda de la sesión?",
            "No hay ninguna sesión en marcha",
            IDLE,
        ),
        (
            "running, 15 min left",
            "Añade 5 minutos a la sesión",
            "5 minutos más; tiempo restante: 20 minutos",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Alarga la sesión diez minutos",
            "10 minutos más; tiempo restante: 25 minutos",
            _x(30),
        ),
        (
            "running, 15 min left",
            "Dame un minuto más en la esterilla",
            "1 minuto más; tiempo restante: 16 minutos",
            _x(21),
        ),
        (
            "paused, 15 min left",
            "Añade 10 minutos a la sesión",
            "10 minutos más; tiempo restante: 25 minutos",
            ("paused", 30, "back"),
        ),
        (
            "running, 15 min left",
            "Alarga la sesión",
            "5 minutos más; tiempo restante: 20 minutos",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Añade 5 minutos a la sesión de esterilla",
            "5 minutos más; tiempo restante: 20 minutos",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Añade cinco minutos a la esterilla de acupresión",
            "5 minutos más; tiempo restante: 20 minutos",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Dame cinco minutos más de esterilla",
            "5 minutos más; tiempo restante: 20 minutos",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Alarga la sesión de esterilla 10 minutos",
            "10 minutos más; tiempo restante: 25 minutos",
            _x(30),
        ),
        (
            "running, 15 min left",
            "Alarga la sesión de la esterilla 10 minutos",
            "10 minutos más; tiempo restante: 25 minutos",
            _x(30),
        ),
        (
            "running, 15 min left",
            "Alarga la sesión de esterilla diez minutos más",
            "10 minutos más; tiempo restante: 25 minutos",
            _x(30),
        ),
        (
            "running, 15 min left",
            "Prolonga la esterilla",
            "5 minutos más; tiempo restante: 20 minutos",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Añade tiempo a la sesión",
            "5 minutos más; tiempo restante: 20 minutos",
            _x(25),
        ),
        (
            "running, 15 min left",
            "Añade 30 minutos a la sesión",
            "Una sesión se puede alargar de 1 a 20 minutos enteros; se pidió 30",
            RUNNING,
        ),
        (
            "running, 40 min planned",
            "Añade 5 minutos a la sesión",
            "Esta sesión ya dura 40 minutos, lo máximo que puede durar una sesión",
            _x(40),
        ),
        (
            "idle",
            "Alarga la sesión 10 minutos",
            "No hay ninguna sesión en marcha",
            IDLE,
        ),
    ],
}
LANGUAGES = list(PHRASINGS)
ALL = [
    (language, *phrasing)
    for language, phrasings in PHRASINGS.items()
    for phrasing in phrasings
]

# Several mats: (language, area names (bedroom, guest room), sentence, answer,
# the mat it is about). The Bedroom mat runs; the Guest mat is idle.
SEVERAL_MATS: dict[str, tuple[tuple[str, str], list[tuple[str, str]]]] = {
    "de": (
        ("Schlafzimmer", "Gästezimmer"),
        [
            ("Wie lange läuft die Matte noch?", "Bedroom mat: Noch 15 Minuten"),
            (
                "Starte die Matte im Gästezimmer für 20 Minuten",
                "Guest mat: Eine Mattensitzung von 20 Minuten beginnt",
            ),
            ("Pausiere die Matte im Schlafzimmer", "Bedroom mat: Pausiert"),
            ("Starte die Matte", "Welche Matte: Bedroom mat oder Guest mat?"),
        ],
    ),
    "nl": (
        ("Slaapkamer", "Logeerkamer"),
        [
            ("Hoe lang duurt de mat nog?", "Bedroom mat: Nog 15 minuten te gaan"),
            (
                "Start de mat in de logeerkamer voor 20 minuten",
                "Guest mat: Matsessie van 20 minuten gestart",
            ),
            ("Pauzeer de mat in de slaapkamer", "Bedroom mat: Gepauzeerd"),
            ("Start de mat", "Welke mat: Bedroom mat of Guest mat?"),
        ],
    ),
    "fr": (
        ("Chambre", "Chambre d'amis"),
        [
            ("Quand se termine la séance ?", "Bedroom mat\xa0: Il reste 15 minutes"),
            (
                "Combien de temps reste-t-il sur le tapis de la chambre ?",
                "Bedroom mat\xa0: Il reste 15 minutes",
            ),
            (
                "Lance le tapis de la chambre",
                "Bedroom mat\xa0: Une séance est déjà en cours, il reste 15 minutes",
            ),
            (
                "Lance le tapis de la chambre d'amis pour 20 minutes",
                "Guest mat\xa0: Je lance une séance de 20 minutes",
            ),
            (
                "Mets le tapis de la chambre en pause",
                "Bedroom mat\xa0: Séance mise en pause",
            ),
            ("Lance le tapis", "Quel tapis\xa0: Bedroom mat ou Guest mat\xa0?"),
        ],
    ),
    "es": (
        ("Dormitorio", "Cuarto de invitados"),
        [
            ("¿Cuánto queda de la sesión?", "Bedroom mat: Tiempo restante: 15 minutos"),
            (
                "¿Cuánto le queda a la sesión de esterilla del dormitorio?",
                "Bedroom mat: Tiempo restante: 15 minutos",
            ),
            (
                "Pon la esterilla del dormitorio 20 minutos",
                "Bedroom mat: Ya hay una sesión en marcha; tiempo restante: 15 minutos",
            ),
            (
                "Pon la esterilla del cuarto de invitados durante 20 minutos",
                "Guest mat: Empiezo una sesión de 20 minutos",
            ),
            ("Pausa la esterilla del dormitorio", "Bedroom mat: Sesión en pausa"),
            ("Pon la esterilla", "¿Qué esterilla: Bedroom mat o Guest mat?"),
        ],
    ),
}


def _voice_answers(language: str) -> set[str]:
    """Every voice_* text of the language, placeholders as a pattern."""
    strings = json.loads((TRANSLATIONS / f"{language}.json").read_text("utf-8"))
    return {
        text for key, text in {**strings["common"]}.items() if key.startswith("voice_")
    } | {strings["exceptions"]["extend_out_of_range"]["message"].rstrip(".")}


def _fits(answer: str, templates: set[str]) -> bool:
    """Whether an answer is one of the texts, with its placeholders filled."""
    for template in templates:
        pattern = re.escape(template)
        pattern = re.sub(r"\\\{\w+\\\}", ".+", pattern)
        if re.fullmatch(pattern, answer):
            return True
    return False


@pytest.mark.parametrize(
    ("language", "when", "text", "answer", "after"),
    ALL,
    ids=[f"{p[0]}-{p[2]}" for p in ALL],
)
@pytest.mark.usefixtures("init_integration", "assist")
async def test_phrasings(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    language: str,
    when: str,
    text: str,
    answer: str,
    after: tuple[str, Any, Any],
) -> None:
    """The sentence does what it says and is answered in its language."""
    await SETUPS[when](hass, freezer)

    assert await _say(hass, text, language=language) == answer
    assert _mat(hass) == after
    assert _fits(answer, _voice_answers(language))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.usefixtures("init_integration", "guest_mat", "assist")
async def test_several_mats(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, language: str
) -> None:
    """A mat named by its area; the one with a session; else which one."""
    (bedroom, guest_room), sentences = SEVERAL_MATS[language]
    area_registry = ar.async_get(hass)
    device_registry = dr.async_get(hass)
    for entry in hass.config_entries.async_entries(DOMAIN):
        area = area_registry.async_create(
            bedroom if entry.title != "Guest mat" else guest_room
        )
        device = mat_device(hass, entry.entry_id)
        device_registry.async_update_device(device.id, area_id=area.id)
    await SETUPS["running, 15 min left"](hass, freezer)

    for text, answer in sentences:
        assert await _say(hass, text, language=language) == answer, text
    assert _mat(hass, GUEST) == RUNNING
    assert _mat(hass, BEDROOM) == PAUSED


# A mat called by its own name: (language, the mat's name, sentence, answer).
OWN_NAMES = [
    ("fr", "Tapis de la chambre", "Lance le tapis de la chambre", "15 minutes"),
    ("fr", "Tapis de la chambre", "Démarre le tapis de la chambre 25 minutes", "25"),
    ("fr", "Tapis d'acupression", "Lance le tapis d'acupression", "15 minutes"),
    ("es", "Esterilla del dormitorio", "Inicia la esterilla del dormitorio", "15"),
    (
        "es",
        "Esterilla del dormitorio",
        "Pon la esterilla del dormitorio 20 minutos",
        "20 minutos",
    ),
    ("es", "Esterilla de acupresión", "Pon la esterilla de acupresión", "15"),
]


@pytest.mark.parametrize(("language", "name", "text", "minutes"), OWN_NAMES)
@pytest.mark.usefixtures("init_integration", "assist")
async def test_a_mat_called_by_its_own_name(
    hass: HomeAssistant, language: str, name: str, text: str, minutes: str
) -> None:
    """The mat's own name, with the articles and mat words around it, is the mat."""
    [entry] = hass.config_entries.async_entries(DOMAIN)
    device = mat_device(hass, entry.entry_id)
    dr.async_get(hass).async_update_device(device.id, name_by_user=name)

    answer = await _say(hass, text, language=language)

    assert minutes.split()[0] in answer
    assert _fits(answer, _voice_answers(language))
    assert _mat(hass)[0] == "running"


# Sentences about timers, music or lights: Home Assistant's, never the mat's.
NOT_THE_MAT = {
    "fr": [
        "Lance un minuteur de 20 minutes",
        "Démarre un minuteur de 5 minutes",
        "Lance une minuterie de 20 minutes",
        "Mets le minuteur en pause",
        "Mets la musique en pause",
        "Reprends la musique",
        "Arrête le minuteur",
        "Annule le minuteur",
        "Ajoute 5 minutes au minuteur",
        "Combien de temps reste-t-il sur le minuteur ?",
        "Il reste combien de temps sur le minuteur ?",
        "Allume la lumière de la chambre",
    ],
    "es": [
        "Pon un temporizador de 20 minutos",
        "Inicia un temporizador de 5 minutos",
        "Pon el temporizador en pausa",
        "Pausa la música",
        "Reanuda la música",
        "Para el temporizador",
        "Cancela el temporizador",
        "Añade 5 minutos al temporizador",
        "¿Cuánto queda del temporizador?",
        "¿Cuánto tiempo le queda al temporizador?",
        "Pon una alarma de 20 minutos",
        "Enciende la luz del dormitorio",
    ],
}


@pytest.mark.parametrize(
    ("language", "text"),
    [(language, text) for language, texts in NOT_THE_MAT.items() for text in texts],
)
@pytest.mark.usefixtures("init_integration", "assist")
async def test_other_sentences_are_not_the_mats(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, language: str, text: str
) -> None:
    """The mat's sentences leave timers, music and lights to their intents."""
    await SETUPS["running, 15 min left"](hass, freezer)

    answer = await _say(hass, text, language=language)

    assert not {"tapis", "séance", "esterilla", "sesión"} & set(answer.lower().split())
    assert _mat(hass) == RUNNING


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.usefixtures("init_integration", "assist")
async def test_every_sentence_template_is_tested(
    hass: HomeAssistant, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    """Each template of the language's table fits at least one tested sentence."""
    matched: set[str] = set()

    def pick(candidates: list[SentenceTemplate], spoken: str | None) -> Any:
        template = pick_template(candidates, spoken)
        matched.add(template.text)
        return template

    monkeypatch.setattr(
        "custom_components.acupressure_mat.voice.sentences.pick_template", pick
    )
    for text in [p[1] for p in PHRASINGS[language]] + [
        s[0] for s in SEVERAL_MATS[language][1]
    ]:
        await _say(hass, text, language=language)

    [table] = [t for t in load_sentence_tables(INTENT_TYPES) if t.language == language]
    assert {text for text, _, _ in table.templates} - matched == set()


@pytest.mark.parametrize(
    ("language", "text", "split"),
    [
        ("es", "del dormitorio 20", ("dormitorio", 20.0)),
        ("es", "de la sala veinticinco", ("sala", 25.0)),
        ("fr", "de la chambre d'amis vingt cinq", ("chambre d'amis", 25.0)),
        ("fr", "du salon 20", ("salon", 20.0)),
        ("fr", "de la chambre", None),
        ("fr", "chambre 20", None),
        ("es", "20", None),
    ],
)
def test_a_name_said_right_before_the_minutes(
    language: str, text: str, split: tuple[str, float] | None
) -> None:
    """Two wildcards side by side reach the mat as one: the table tells them apart."""
    [table] = [t for t in load_sentence_tables(INTENT_TYPES) if t.language == language]
    assert table.split_name_and_minutes(text) == split


def _reference_rows(language: str) -> list[tuple[str, str, str]]:
    """(sentence, answer, when) of docs/voice.md's table for the language."""
    text = VOICE_REFERENCE.read_text(encoding="utf-8")
    heading = f"\n## {LANGUAGE_NAMES[language]} (`{language}`)\n"
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    row = re.compile(
        r'^\| "(?P<say>[^"]+)" \| "(?P<answer>[^"]+)" \| (?P<when>[^|]+) \|$'
    )
    return [
        (m["say"], m["answer"], m["when"].strip())
        for line in section.splitlines()
        if (m := row.match(line))
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_voice_reference_lists_every_phrasing(language: str) -> None:
    """The language's table says exactly what is tested."""
    assert _reference_rows(language) == [
        # docs/voice.md writes French's narrow spaces as plain ones.
        (text, answer.replace("\xa0", " "), when)
        for when, text, answer, _ in PHRASINGS[language]
    ]
