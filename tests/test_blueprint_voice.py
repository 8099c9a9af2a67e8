"""The bedtime blueprint asks by voice first, on a satellite in the mat's area.

The real assist_satellite.ask_question action plays the question and matches the
answer with hassil; the satellite double hears the person's words through its
pipeline later, as a real Voice satellite does.
"""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
import pytest

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, ServiceCall
from homeassistant.helpers import (
    area_registry as ar,
    device_registry as dr,
    entity_registry as er,
)

from .devices.integration import async_setup_room_devices
from .devices.satellites import AskingSatellite, Satellite
from .devices.voices import Voice
from .test_blueprint import (
    SESSION,
    _at,
    _local,
    _runs,
    _session,
    _set_up_automation,
    _settle,
    _wait,
    evening,
    phone,
)

pytestmark = pytest.mark.usefixtures("room_devices", "init_integration")

# The blueprint tests' autouse evening and their phone apply here too.
__all__ = ["evening", "phone"]


async def _satellites_in_the_bedroom(
    hass: HomeAssistant, *satellites: Satellite
) -> None:
    """The satellites' devices and the mat's device in the Bedroom."""
    await async_setup_room_devices(
        hass, {Platform.TTS: [Voice()], Platform.ASSIST_SATELLITE: list(satellites)}
    )
    bedroom = ar.async_get(hass).async_get_or_create("Bedroom")
    devices = dr.async_get(hass)
    entities = er.async_get(hass)
    for entity_id in (SESSION, *(s.entity_id for s in satellites)):
        entry = entities.async_get(entity_id)
        assert entry is not None
        assert entry.device_id is not None
        devices.async_update_device(entry.device_id, area_id=bedroom.id)
    await _settle(hass)


@pytest.fixture
async def satellite(hass: HomeAssistant) -> AskingSatellite:
    """A Voice satellite in the mat's area."""
    voice_pe = AskingSatellite("voice_pe", "Bedroom voice")
    await _satellites_in_the_bedroom(hass, voice_pe)
    return voice_pe


async def _asked_at_wind_down(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    satellite: AskingSatellite,
    **inputs: Any,
) -> None:
    await _set_up_automation(hass, wind_down="21:30", ask_by_voice=True, **inputs)
    await _at(hass, freezer, _local(21, 30))
    assert satellite.listening


@pytest.mark.parametrize(
    "answer",
    ["yes", "Yes please", "ja", "Ja graag", "oui", "Oui, vas-y", "sí", "Vale"],
)
async def test_yes_starts_the_session(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    satellite: AskingSatellite,
    answer: str,
) -> None:
    await _asked_at_wind_down(hass, freezer, satellite)

    assert [q.message for q in satellite.questions] == [
        "Shall I start your mat session?"
    ]
    assert _session(hass) == ("idle", None)

    satellite.hear(answer)
    await _settle(hass)

    assert _session(hass) == ("running", 15)


@pytest.mark.parametrize(
    "answer",
    ["no", "not tonight", "nein danke", "niet vandaag", "pas ce soir", "hoy no"],
)
async def test_no_starts_nothing(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    satellite: AskingSatellite,
    answer: str,
) -> None:
    await _asked_at_wind_down(hass, freezer, satellite)

    satellite.hear(answer)
    await _settle(hass)

    assert _session(hass) == ("idle", None)
    assert _runs(hass) == 0


@pytest.mark.parametrize(
    "answer",
    [
        "in ten minutes",
        "in zehn Minuten",
        "over 10 minuten",
        "plus tard",
        "en diez minutos",
    ],
)
async def test_in_ten_minutes_starts_ten_minutes_later(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    satellite: AskingSatellite,
    answer: str,
) -> None:
    await _asked_at_wind_down(hass, freezer, satellite)

    satellite.hear(answer)
    await _settle(hass)
    await _wait(hass, freezer, 9)
    assert _session(hass) == ("idle", None)

    await _wait(hass, freezer, 1)
    assert _session(hass) == ("running", 15)


async def test_a_session_started_in_the_ten_minutes_is_left_alone(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, satellite: AskingSatellite
) -> None:
    await _asked_at_wind_down(hass, freezer, satellite)
    satellite.hear("later")
    await _settle(hass)
    await hass.services.async_call(
        "acupressure_mat",
        "start_session",
        {"duration": 25},
        target={"entity_id": SESSION},
        blocking=True,
    )

    await _wait(hass, freezer, 10)

    assert _session(hass) == ("running", 25)


async def test_own_words_for_the_question(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, satellite: AskingSatellite
) -> None:
    await _asked_at_wind_down(
        hass, freezer, satellite, voice_question="Zal ik je matsessie starten?"
    )

    assert [q.message for q in satellite.questions] == ["Zal ik je matsessie starten?"]


async def test_words_it_does_not_know_start_nothing(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, satellite: AskingSatellite
) -> None:
    await _asked_at_wind_down(hass, freezer, satellite)

    satellite.hear("what is the weather")
    await _settle(hass)

    assert _session(hass) == ("idle", None)
    assert _runs(hass) == 0


async def test_no_answer_by_voice_asks_the_phone(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    satellite: AskingSatellite,
    phone: tuple[str, list[ServiceCall]],
) -> None:
    device_id, notifications = phone
    await _asked_at_wind_down(hass, freezer, satellite, notify_device=device_id)
    assert notifications == []

    satellite.hear_nothing()
    await _settle(hass)

    [question] = notifications
    assert question.data["message"] == "Start your mat session?"


async def test_no_answer_without_a_phone_starts_nothing(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, satellite: AskingSatellite
) -> None:
    await _asked_at_wind_down(hass, freezer, satellite)

    satellite.hear_nothing()
    await _settle(hass)

    assert _session(hass) == ("idle", None)
    assert _runs(hass) == 0


async def test_a_satellite_that_cannot_ask_leaves_the_phone_prompt(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    phone: tuple[str, list[ServiceCall]],
) -> None:
    """An announce-only satellite in the area is not asked."""
    announcer = Satellite("speaker_sat", "Bedroom speaker")
    await _satellites_in_the_bedroom(hass, announcer)
    device_id, notifications = phone
    await _set_up_automation(
        hass, wind_down="21:30", ask_by_voice=True, notify_device=device_id
    )

    await _at(hass, freezer, _local(21, 30))

    assert len(notifications) == 1
    assert announcer.announcements == []


async def test_off_by_default(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory, satellite: AskingSatellite
) -> None:
    await _set_up_automation(hass, wind_down="21:30")

    await _at(hass, freezer, _local(21, 30))

    assert satellite.questions == []
    assert _session(hass) == ("running", 15)


async def test_a_chosen_satellite_elsewhere_is_asked(
    hass: HomeAssistant, freezer: FrozenDateTimeFactory
) -> None:
    """A satellite picked in the blueprint is asked wherever it is."""
    hall = AskingSatellite("hall", "Hall voice")
    await async_setup_room_devices(
        hass, {Platform.TTS: [Voice()], Platform.ASSIST_SATELLITE: [hall]}
    )
    await _set_up_automation(
        hass, wind_down="21:30", ask_by_voice=True, satellite=hall.entity_id
    )

    await _at(hass, freezer, _local(21, 30))
    hall.hear("yes")
    await _settle(hass)

    assert _session(hass) == ("running", 15)
