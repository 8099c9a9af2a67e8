"""A Dutch household in a real Home Assistant: the mat by voice, its end spoken.

Home Assistant is set to Dutch before the mat is added, as in a Dutch home:
"start een matsessie van 20 minuten" to the built-in agent starts a 20-minute
session, and its end is announced in Dutch on the bedroom speaker. The voice is
script/develop's offline TTS (`config/custom_components/dev_tts`), which writes
what it says to the log. The clock runs ten times as fast, so the session takes
two minutes.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
import shutil
from urllib.parse import quote

import pytest

from .harness import DOMAIN, REPO, HomeAssistant

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

RATE = 10
DEV_TTS = REPO / "config" / "custom_components" / "dev_tts"
SPEAKER = "media_player.bedroom"
VOICE = "tts.dev_tts"
# Assist, a text-to-speech entity and what the speakers play it through.
VOICE_INTEGRATIONS = """
conversation:
intent:
assist_pipeline:
tts:
media_source:
dev_tts:
"""
ENDED = f"{DOMAIN}_session_ended"
# Wall seconds past the session's end for its event: a busy loop, not a lost timer.
END_WAIT = 30.0


def _dutch_home(ha: HomeAssistant) -> None:
    """The harness's configuration in Dutch, with a voice that logs what it says."""
    configuration = ha.config_dir / "configuration.yaml"
    text = configuration.read_text()
    assert "  language: en\n" in text
    text = text.replace("  language: en\n", "  language: nl\n")
    ours = f"    custom_components.{DOMAIN}: debug\n"
    text = text.replace(ours, f"{ours}    custom_components.dev_tts: debug\n")
    configuration.write_text(text + VOICE_INTEGRATIONS)
    shutil.copytree(
        DEV_TTS,
        ha.config_dir / "custom_components" / "dev_tts",
        ignore=shutil.ignore_patterns("__pycache__"),
    )


async def _announce_on_the_bedroom_speaker(ha: HomeAssistant, entry_id: str) -> None:
    """The options flow as the frontend sends it: every section, one filled in."""
    flow = await ha.http(
        "POST",
        "/api/config/config_entries/options/flow",
        json_body={"handler": entry_id},
    )
    saved = await ha.http(
        "POST",
        f"/api/config/config_entries/options/flow/{flow['flow_id']}",
        json_body={
            "room": {},
            "announcements": {"media_players": [SPEAKER], "tts_entity": VOICE},
            "presence": {},
            "sleep": {},
        },
    )
    assert saved["type"] == "create_entry", saved


def _spoken(ha: HomeAssistant) -> list[tuple[str, str]]:
    """What the voice said, and in which language, from its log lines."""
    marker = "Speaking (silently, "
    said = []
    for line in ha.log_path.read_text().splitlines():
        if marker in line:
            language, message = line.split(marker, 1)[1].split("): ", 1)
            said.append((language, message))
    return said


async def test_a_dutch_evening(
    home_assistant: HomeAssistant, libfaketime: Path
) -> None:
    """Started by voice in Dutch, ended on time, announced and logged in Dutch."""
    ha = home_assistant
    _dutch_home(ha)
    installed_at = datetime.now(UTC).replace(microsecond=0)
    await ha.start(at=installed_at, rate=RATE)
    await ha.onboard()
    entry_id = await ha.add_mat("Slaapkamermat")
    entities = await ha.mat_entities(entry_id)
    # Entity ids come from the names in Home Assistant's language.
    session = entities["sensor.session"]
    assert session == "sensor.slaapkamermat_sessie"
    await _announce_on_the_bedroom_speaker(ha, entry_id)
    ws = await ha.websocket()
    ended = await ws.subscribe_events(ENDED)

    answer = await ws.command(
        "conversation/process", text="start een matsessie van 20 minuten", language="nl"
    )

    assert answer["response"]["speech"]["plain"]["speech"] == (
        "Matsessie van 20 minuten gestart"
    )
    state = await ha.state(session)
    assert state["state"] == "running"
    assert state["attributes"]["planned_minutes"] == 20
    assert ha.clock is not None
    event = await ended.next(ha.clock.wall_seconds(timedelta(minutes=20)) + END_WAIT)
    assert event["data"]["outcome"] == "completed"
    assert event["data"]["minutes"] == pytest.approx(20, abs=0.1)
    assert (await ha.state(session))["state"] == "idle"

    # The end is spoken right after the event; the log may lag a moment.
    completed = (
        "nl",
        "Je matsessie van 20 minuten is klaar. Neem even de tijd voordat je opstaat.",
    )
    for _ in range(50):
        if completed in _spoken(ha):
            break
        await asyncio.sleep(0.2)
    assert _spoken(ha) == [completed]
    start = quote(installed_at.isoformat())
    events = await ha.http(
        "GET",
        f"/api/calendars/{entities['calendar.sessions']}?start={start}"
        f"&end={quote((installed_at + timedelta(days=1)).isoformat())}",
    )
    assert [(e["summary"], e["description"]) for e in events] == [
        ("Matsessie: 20 min, rug", "Voltooid: 20 min.")
    ]
    assert await ha.stop() == 0
    assert ha.problems_in_logs() == []
