"""The mat in Home Assistant's web frontend, in headless Chromium.

Opens the mat's device page and the README's dashboard with a session running,
fails when the session entity or its controls are missing, and keeps the
screenshots: in the test's folder, or in the folder named by
ACUPRESSURE_MAT_SCREENSHOTS (script/screenshots sets it to docs/images).
"""

from __future__ import annotations

from datetime import timedelta
import json
import os
from pathlib import Path

import pytest

from .harness import DOMAIN, MAT_NAME, HomeAssistant

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]

SCREENSHOTS_ENV = "ACUPRESSURE_MAT_SCREENSHOTS"
SESSION = "sensor.bedroom_mat_session"
STARTED_LINE = "started a 20 minute back session"

# The session entity's controls, as the device page names them.
CONTROLS = [
    "Start session",
    "Stop session",
    "Pause session",
    "Resume session",
    "Extend session",
]
# The README's dashboard names the button tiles shortly.
DASHBOARD_CONTROLS = ["Start", "Stop", "Pause", "Resume", "Extend"]


async def test_device_page_and_dashboard(
    home_assistant: HomeAssistant, chromium: Path, tmp_path: Path
) -> None:
    """The device page and the README's dashboard show the running session."""
    # Playwright is imported once the chromium fixture knows it is installed.
    from .frontend import (  # noqa: PLC0415
        Frontend,
        import_sample_statistics,
        readme_dashboard,
        save_dashboard,
    )

    ha = home_assistant
    screenshots = Path(os.environ.get(SCREENSHOTS_ENV) or tmp_path / "screenshots")
    await ha.start()
    await ha.onboard()
    entry_id = await ha.add_mat()
    device_id = await ha.mat_device_id(entry_id)
    await import_sample_statistics(
        ha,
        "sensor.bedroom_mat_total_minutes",
        [20, 0, 25, 20, 20, 0, 25, 30, 25, 0, 30, 25, 30, 20],
    )
    ws = await ha.websocket()
    await ws.call_service(
        DOMAIN,
        "start_session",
        {"duration": 20, "body_area": "back"},
        target={"entity_id": SESSION},
    )
    dashboard = readme_dashboard()
    path = await save_dashboard(ha, dashboard)

    async with Frontend(ha, chromium) as frontend:
        # "Running" and "Back" are translated states: the page has its words.
        board = await frontend.check(
            path,
            [
                MAT_NAME,
                "Session",
                "Running",
                *DASHBOARD_CONTROLS,
                "Duration",
                "Body area",
                "Back",
                "Minutes per day",
                "Mat session",
            ],
            screenshots / "dashboard.png",
        )
        device_page = (
            f"/config/devices/device/{device_id}",
            [
                MAT_NAME,
                "Session",
                # The device page's logbook, in the integration's own words.
                STARTED_LINE,
                *CONTROLS,
                "Session duration",
                "Back",
            ],
            screenshots / "device.png",
        )
        device = await frontend.check(*device_page)
        if device.missing == [STARTED_LINE]:
            # Once in six runs on 2026.11 the page's activity card showed the
            # session's state rows but not the mat's own line, which the logbook
            # API returns for the same device (checked below); a reload shows it.
            device = await frontend.check(*device_page)
        # The same dashboard for a mat that does not exist: the check must see it.
        await save_dashboard(
            ha,
            json.loads(json.dumps(dashboard).replace("bedroom_mat", "guest_mat")),
            url_path="dashboard-guest",
        )
        absent = await frontend.check(
            "/dashboard-guest/mat", [MAT_NAME], tmp_path / "absent.png", settle_ms=500
        )

    assert not device.problems, f"device page {device.problems}: {device.text}"
    logged = await ws.command(
        "logbook/get_events",
        start_time=(await ha.now() - timedelta(hours=1)).isoformat(),
        device_ids=[device_id],
        entity_ids=[SESSION],
    )
    assert STARTED_LINE in [entry.get("message") for entry in logged], logged
    assert not board.problems, f"dashboard {board.problems}: {board.text}"
    assert "Entity not found" in absent.broken, (
        f"missing entities unseen: {absent.text}"
    )
    assert ha.problems_in_logs() == []
