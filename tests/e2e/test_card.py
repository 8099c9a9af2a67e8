"""The mat card on a real Home Assistant, in headless Chromium.

A fresh Home Assistant with one mat: the card, added to a dashboard as a user
would (no resource set-up), renders after a cold load; its countdown runs in the
browser while the session entity stays put; its presets, pause, resume, +5 and
stop drive the session; a refused action shows Home Assistant's message; after
a session that ended while Home Assistant was off, its rating prompt rates it.
Screenshots (desktop and phone, light and dark) go to the test's folder, or to
the folder named by ACUPRESSURE_MAT_SCREENSHOTS (docs/images for the README).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
import os
from pathlib import Path
import re
import time
from typing import TYPE_CHECKING, Any

import pytest

from .harness import DOMAIN, HomeAssistant

# Skips the module where playwright is missing, as the chromium fixture does.
expect = pytest.importorskip("playwright.async_api").expect

from .frontend import Frontend, save_dashboard  # noqa: E402

if TYPE_CHECKING:
    from playwright.async_api import Error as PlaywrightError, Locator, Page

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

SCREENSHOTS_ENV = "ACUPRESSURE_MAT_SCREENSHOTS"
SESSION = "sensor.bedroom_mat_session"
SESSION_END = "sensor.bedroom_mat_session_end"
CARD_PATH = f"/{DOMAIN}/acupressure-mat-card.js"
CARD = "acupressure-mat-card"
DASHBOARD = {
    "views": [
        {
            "title": "Mat",
            "path": "mat",
            "type": "sections",
            "max_columns": 3,
            "sections": [
                {
                    "type": "grid",
                    "cards": [{"type": f"custom:{CARD}", "entity": SESSION}],
                }
            ],
        }
    ]
}
WAIT = 20.0


async def _until(
    what: str, read: Callable[[], Any], check: Callable[[Any], bool]
) -> Any:
    """Poll `read` until `check` holds, for at most WAIT seconds."""
    deadline = time.monotonic() + WAIT
    while True:
        value = await read()
        if check(value):
            return value
        if time.monotonic() > deadline:
            msg = f"{what}: still {value!r} after {WAIT:.0f} s"
            raise AssertionError(msg)
        await asyncio.sleep(0.2)


async def _our_resources(ha: HomeAssistant) -> list[str]:
    ws = await ha.websocket()
    resources = await ws.command("lovelace/resources")
    return [r["url"] for r in resources if r["url"].startswith(CARD_PATH)]


def _seconds(clock: str) -> int:
    minutes, seconds = clock.strip().split(":")
    return int(minutes) * 60 + int(seconds)


async def test_card_runs_and_rates_a_session(
    home_assistant: HomeAssistant,
    chromium: Path,
    libfaketime: Path,
    tmp_path: Path,
) -> None:
    """From a cold load to a rated session, with the card's controls only."""
    ha = home_assistant
    screenshots = Path(os.environ.get(SCREENSHOTS_ENV) or tmp_path / "screenshots")
    screenshots.mkdir(parents=True, exist_ok=True)
    # The browser counts down with its own clock: Home Assistant keeps real time.
    await ha.start()
    await ha.onboard()
    await ha.add_mat()

    # The mat put the card on the dashboards by itself, with version and hash.
    [url] = await _our_resources(ha)
    assert re.fullmatch(rf"{re.escape(CARD_PATH)}\?v=[\w.]+&h=[0-9a-f]{{12}}", url)
    # A second copy (an old URL left behind): loading the card twice must not break.
    ws = await ha.websocket()
    await ws.command(
        "lovelace/resources/create", res_type="module", url=f"{CARD_PATH}?v=old"
    )
    path = await save_dashboard(ha, DASHBOARD, url_path="dashboard-card")

    async with Frontend(ha, chromium) as frontend:
        desktop = frontend.page
        assert desktop is not None
        card_errors: list[str] = []

        def keep_card_error(error: PlaywrightError) -> None:
            # Uncaught errors of the card's module; the frontend's own are not ours.
            text = f"{error.message}\n{error.stack}"
            if DOMAIN in text or "CustomElementRegistry" in text:
                card_errors.append(text)

        desktop.on("pageerror", keep_card_error)

        # A cold load: the card is there, with no resource set up by hand.
        board = await frontend.check(
            path,
            ["Start a session", "Why 15 minutes?", "Body area"],
            tmp_path / "cold-load.png",
        )
        assert not board.missing, board.text
        assert "Custom element doesn't exist" not in board.text
        card = desktop.locator(CARD)

        await _picker_and_editor(desktop)
        await _choose_before_starting(ha, card)
        await _start_and_count_down(ha, card)
        # The same card on a phone and in the dark, running.
        for width, height, scheme, name in (
            (390, 844, "light", "phone-light"),
            (1440, 860, "dark", "desktop-dark"),
        ):
            shown = (await _open(frontend, path, width, height, scheme)).locator(CARD)
            await expect(shown.get_by_role("timer")).to_have_text(TIME)
            await _shoot(shown, screenshots / f"card-{name}.png")
        await _pause_refuse_resume_extend(ha, card)
        await _stop_a_false_start(ha, card)
        await _rate_after_a_restart(ha, card, path, screenshots)

        await _shoot(card, screenshots / "card-desktop-light.png")
        phone_dark = (await _open(frontend, path, 390, 844, "dark")).locator(CARD)
        await expect(phone_dark.locator("button.preset").first).to_be_visible()
        await _shoot(phone_dark, screenshots / "card-phone-dark.png")

    assert card_errors == []
    assert ha.problems_in_logs() == []


TIME = re.compile(r"\d\d:\d\d")


# What the dashboard editor does with a card from the picker: the stub, then its editor.
_OPEN_EDITOR = """
async (type) => {
  const hass = document.querySelector("home-assistant").hass;
  const card = customElements.get(type);
  const stub = card.getStubConfig(hass);
  const editor = await card.getConfigElement();
  editor.hass = hass;
  editor.setConfig(stub);
  editor.id = "card-editor";
  // Above the dashboard, as in the editor dialog.
  editor.style.cssText = "position: fixed; top: 0; left: 0; z-index: 99; width: 420px";
  editor.addEventListener("config-changed", (event) => {
    window.cardEditorConfig = event.detail.config;
  });
  document.body.append(editor);
  return {
    listed: (window.customCards || []).filter((entry) => entry.type === type).length,
    stub,
  };
}
"""


async def _picker_and_editor(page: Page) -> None:
    """Listed once in the card picker; the stub picks the mat; the editor edits it."""
    opened = await page.evaluate(_OPEN_EDITOR, CARD)
    assert opened == {
        "listed": 1,
        "stub": {"type": f"custom:{CARD}", "entity": SESSION},
    }
    editor = page.locator("#card-editor")
    sleep_switch = editor.get_by_role("switch", name="Last night's sleep")
    await expect(sleep_switch).to_be_checked()
    await expect(editor).to_contain_text("Presets and the recommended length")
    # With the keyboard, as the editor is used without a pointer.
    await sleep_switch.focus()
    await sleep_switch.press("Space")
    changed = await (
        await page.wait_for_function("() => window.cardEditorConfig")
    ).json_value()
    assert changed == {
        "type": f"custom:{CARD}",
        "entity": SESSION,
        "show_sleep": False,
    }
    await editor.evaluate("(editor) => editor.remove()")


async def _choose_before_starting(ha: HomeAssistant, card: Locator) -> None:
    """The recommendation's basis on a tap; the body area writes the mat's setting."""
    await card.get_by_role("button", name="Why 15 minutes?").click()
    await expect(card.locator("#basis")).to_contain_text("still building up")
    await card.get_by_role("radio", name="Neck").check()
    await _until(
        "body area",
        lambda: ha.state("select.bedroom_mat_body_area"),
        lambda s: s["state"] == "neck",
    )


async def _start_and_count_down(ha: HomeAssistant, card: Locator) -> None:
    """A preset starts a session of its length; the browser counts, HA does not."""
    await card.get_by_role(
        "button", name="Start a 25 minute session", exact=True
    ).click()
    session = await _until(
        "started", lambda: ha.state(SESSION), lambda s: s["state"] == "running"
    )
    assert session["attributes"]["planned_minutes"] == 25
    assert session["attributes"]["body_area"] == "neck"
    timer = card.get_by_role("timer")
    await expect(timer).to_have_text(re.compile(r"2[45]:\d\d"))
    end = await ha.state(SESSION_END)
    first = _seconds(await timer.inner_text())
    await asyncio.sleep(2.5)
    second = _seconds(await timer.inner_text())
    assert 2 <= first - second <= 4, (first, second)
    assert await ha.state(SESSION) == session
    assert await ha.state(SESSION_END) == end
    await expect(card.get_by_role("button", name="Pause")).to_be_visible()
    await expect(card.locator("button.preset")).to_have_count(0)


async def _pause_refuse_resume_extend(ha: HomeAssistant, card: Locator) -> None:
    """Paused, the time left is frozen and only resume and stop fit."""
    timer = card.get_by_role("timer")
    await card.get_by_role("button", name="Pause").click()
    await _until("paused", lambda: ha.state(SESSION), lambda s: s["state"] == "paused")
    await expect(card.get_by_role("button", name="Resume")).to_be_visible()
    await expect(card.get_by_role("button", name="Pause")).to_have_count(0)
    await expect(card.get_by_role("button", name="Add 5 minutes")).to_have_count(0)
    frozen = await timer.inner_text()
    await asyncio.sleep(1.5)
    assert await timer.inner_text() == frozen
    remaining = (await ha.state(SESSION))["attributes"]["remaining_minutes"]
    assert abs(_seconds(frozen) - remaining * 60) <= 6, (frozen, remaining)

    # A refused action (as from a stale page) shows Home Assistant's own message.
    await card.evaluate("(card) => card.callMat('pause_session')")
    await expect(card.get_by_role("alert")).to_have_text(
        "The session on Bedroom mat is already paused."
    )
    await card.get_by_role("button", name="Dismiss").click()
    await expect(card.get_by_role("alert")).to_have_count(0)

    await card.get_by_role("button", name="Resume").click()
    await _until(
        "resumed", lambda: ha.state(SESSION), lambda s: s["state"] == "running"
    )
    await card.get_by_role("button", name="Add 5 minutes").click()
    await _until(
        "extended",
        lambda: ha.state(SESSION),
        lambda s: s["attributes"]["planned_minutes"] == 30,
    )
    await expect(card.locator(".plan")).to_contain_text("of 30 min")


async def _stop_a_false_start(ha: HomeAssistant, card: Locator) -> None:
    """Stopped within 2 minutes, a session is not logged: nothing to rate."""
    await card.get_by_role("button", name="Stop the session").click()
    await _until("stopped", lambda: ha.state(SESSION), lambda s: s["state"] == "idle")
    await expect(card.locator("button.preset").first).to_be_visible()
    await expect(card.get_by_text("How did that feel?")).to_have_count(0)


async def _rate_after_a_restart(
    ha: HomeAssistant, card: Locator, path: str, screenshots: Path
) -> None:
    """A session whose end passed while HA was off is rated from the card's prompt."""
    await card.get_by_role(
        "button", name="Start a 15 minute session, the recommended length"
    ).click()
    await _until("second", lambda: ha.state(SESSION), lambda s: s["state"] == "running")
    await ha.stop()
    await ha.start(at=datetime.now(UTC) + timedelta(minutes=20), rate=1.0)
    assert len(await _our_resources(ha)) == 1, "the old copy is dropped at start"

    # Another cold load: the card asks how the session felt.
    await card.page.goto(f"{ha.base_url}{path}")
    await expect(card.get_by_text("How did that feel?")).to_be_visible()
    await _shoot(card, screenshots / "card-rating.png")
    await card.get_by_role("button", name="4 of 5: Good").click()
    await expect(card.get_by_role("status")).to_have_text(
        "Thanks, your rating is saved."
    )
    ws = await ha.websocket()
    history = await ws.call_service(
        DOMAIN, "get_history", target={"entity_id": SESSION}, return_response=True
    )
    [latest] = history[SESSION]["sessions"]
    assert (latest["planned_minutes"], latest["rating"]) == (15, 4)
    # The prompt has gone for good; the presets are back after the thanks.
    await expect(card.locator("button.preset").first).to_be_visible(timeout=10_000)
    await expect(card.get_by_text("How did that feel?")).to_have_count(0)
    await expect(card.locator(".fact")).to_have_count(2)


async def _open(
    frontend: Frontend, path: str, width: int, height: int, scheme: str
) -> Page:
    page = await frontend.open_page(width, height, scheme)
    await page.goto(f"{frontend.home_assistant.base_url}{path}")
    return page


async def _shoot(card: Locator, path: Path) -> None:
    # No hover highlight from the last tap; the ring's transition and icons settled.
    await card.page.mouse.move(0, 0)
    await card.page.wait_for_timeout(1200)
    await card.screenshot(path=path)
