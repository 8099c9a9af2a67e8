"""The mat's triggers and conditions in a real Home Assistant's automation editor.

What the editor asks for over the websocket (the trigger and condition
descriptions, their translated names), then an automation saved through the
editor's own API on "Mat session ended" that fires when a real session ends.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from .harness import DOMAIN, REQUEST_TIMEOUT, EventStream, HomeAssistant, WebSocket

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

RATE = 10
EVENT_WAIT = 20.0  # wall seconds for an event that is due now
FIRED = "mat_e2e_automation_fired"
TRIGGERS = {"session_started", "session_ended", "reminder", "phase_changed"}
CONDITIONS = {"is_running", "is_paused", "is_idle"}


async def _descriptions(ws: WebSocket, command: str) -> dict[str, Any]:
    """The mat's descriptions in the first answer of a `*_platforms/subscribe`."""
    # The harness's websocket has no general subscribe; this is what it does for events.
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    await ws._command(command, REQUEST_TIMEOUT, {}, queue)
    descriptions = await EventStream(command, queue).next(EVENT_WAIT)
    return {k: v for k, v in descriptions.items() if k.startswith(f"{DOMAIN}.")}


async def _names(ws: WebSocket, category: str, language: str) -> dict[str, str]:
    """The translated strings the frontend loads for the mat's triggers/conditions."""
    result = await ws.command(
        "frontend/get_translations",
        language=language,
        category=category,
        integration=[DOMAIN],
    )
    resources: dict[str, str] = result["resources"]
    return resources


def _automation(alias: str, device_id: str, outcome: str) -> dict[str, Any]:
    """An automation as the editor saves it: on "Mat session ended", if idle."""
    target = {"device_id": device_id}
    return {
        "alias": alias,
        "triggers": [
            {
                "trigger": f"{DOMAIN}.session_ended",
                "target": target,
                "options": {"outcome": outcome},
            }
        ],
        "conditions": [{"condition": f"{DOMAIN}.is_idle", "target": target}],
        "actions": [
            {
                "event": FIRED,
                "event_data": {
                    "alias": alias,
                    "entity_id": "{{ trigger.entity_id }}",
                    "event_type": "{{ trigger.event_type }}",
                },
            }
        ],
        "mode": "single",
    }


async def test_editor_lists_the_mat_and_an_automation_fires(
    home_assistant: HomeAssistant, libfaketime: Path
) -> None:
    """The editor gets descriptions and names; a saved automation fires on an end."""
    ha = home_assistant
    # The editor saves automations to automations.yaml, as in a default install.
    with (ha.config_dir / "configuration.yaml").open("a") as configuration:
        configuration.write("automation: !include automations.yaml\n")
    (ha.config_dir / "automations.yaml").write_text("[]\n")
    await ha.start(at=datetime.now(UTC).replace(microsecond=0), rate=RATE)
    await ha.onboard()
    entry_id = await ha.add_mat()
    entities = await ha.mat_entities(entry_id)
    device_id = await ha.mat_device_id(entry_id)
    ws = await ha.websocket()

    triggers = await _descriptions(ws, "trigger_platforms/subscribe")
    assert set(triggers) == {f"{DOMAIN}.{key}" for key in TRIGGERS}
    outcome = triggers[f"{DOMAIN}.session_ended"]["fields"]["outcome"]
    assert outcome["selector"]["select"]["options"] == [
        "any",
        "completed",
        "stopped_early",
    ]
    conditions = await _descriptions(ws, "condition_platforms/subscribe")
    assert set(conditions) == {f"{DOMAIN}.{key}" for key in CONDITIONS}

    prefix = f"component.{DOMAIN}"
    names = await _names(ws, "triggers", "en")
    assert names[f"{prefix}.triggers.session_ended.name"] == "Mat session ended"
    assert names[f"{prefix}.triggers.session_ended.description"].startswith(
        "Triggers when a session ends on one or more mats"
    )
    names = await _names(ws, "conditions", "nl")
    assert names[f"{prefix}.conditions.is_running.name"] == "Matsessie loopt"

    for alias, outcome_filter in (
        ("completed", "completed"),
        ("early", "stopped_early"),
    ):
        await ha.http(
            "POST",
            f"/api/config/automation/config/mat_{alias}",
            json_body=_automation(alias, device_id, outcome_filter),
        )
    fired = await ws.subscribe_events(FIRED)
    session = entities["sensor.session"]
    await ws.call_service(
        DOMAIN, "start_session", {"duration": 15}, target={"entity_id": session}
    )
    assert (await ha.state(session))["state"] == "running"
    assert ha.clock is not None
    event = await fired.next(ha.clock.wall_seconds(timedelta(minutes=15)) + EVENT_WAIT)
    assert event["data"] == {
        "alias": "completed",
        "entity_id": entities["event.activity"],
        "event_type": "completed",
    }
    assert fired.pending() == []
    assert ha.problems_in_logs() == []
