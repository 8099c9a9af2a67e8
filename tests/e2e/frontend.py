"""Home Assistant's web frontend in headless Chromium: pages, their text, screenshots.

The dashboard is the one in README.md's "Dashboard" section, so the README's
YAML and its screenshot cannot drift apart.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timedelta
import json
from pathlib import Path
import re
import time
from typing import Any, Self
from zoneinfo import ZoneInfo

from playwright.async_api import (
    Browser,
    Page,
    Playwright,
    TimeoutError as PlaywrightTimeoutError,
    async_playwright,
)

from homeassistant.util.yaml import parse_yaml

from .harness import REPO, TIME_ZONE, HomeAssistant

README = REPO / "README.md"
DASHBOARD_URL_PATH = "dashboard-mat"
PAGE_TIMEOUT_MS = 30_000
IMPORT_TIMEOUT = 30.0
# Flags for a headless Chromium that reaches nothing but Home Assistant.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Every text node of the page, shadow roots included (the frontend is web components).
_DEEP_TEXT = """
() => {
  const parts = [];
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) { parts.push(node.textContent); return; }
    if (node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(document.body);
  return parts.join(" ").replace(/\\s+/g, " ");
}
"""

_DEEP_TEXT_HAS_ALL = f"""
(wanted) => {{
  const text = ({_DEEP_TEXT})();
  return wanted.every((w) => text.includes(w));
}}
"""

# How the frontend follows a link: no reload.
_NAVIGATE = """
(path) => {
  history.pushState(null, "", path);
  window.dispatchEvent(new CustomEvent("location-changed", {detail: {replace: false}}));
}
"""

# What the frontend shows instead of a card or row whose entity is missing.
MISSING_ENTITY_TEXTS = [
    "Entity not found",
    "Entity not available",
    "Entity is currently unavailable",
    "No statistics found",
    "Could not retrieve events",
]


def readme_dashboard() -> dict[str, Any]:
    """The dashboard YAML of README.md's "Dashboard" section."""
    text = README.read_text()
    section = re.search(r"^## Dashboard\n(.*?)(?=^## )", text, re.MULTILINE | re.DOTALL)
    assert section, "README.md has no '## Dashboard' section"
    # The section also shows the card's own YAML; the dashboard is the block with views.
    blocks = re.findall(r"```yaml\n(.*?)```", section.group(1), re.DOTALL)
    dashboards = [
        c for c in map(parse_yaml, blocks) if isinstance(c, dict) and "views" in c
    ]
    assert dashboards, "README.md's Dashboard section has no dashboard yaml block"
    return dashboards[0]


async def save_dashboard(
    home_assistant: HomeAssistant,
    config: dict[str, Any],
    url_path: str = DASHBOARD_URL_PATH,
) -> str:
    """Create a dashboard holding `config`, as the UI does; its first view's path."""
    ws = await home_assistant.websocket()
    await ws.command(
        "lovelace/dashboards/create",
        url_path=url_path,
        title="Mat",
        icon="mdi:meditation",
        show_in_sidebar=url_path == DASHBOARD_URL_PATH,
        require_admin=False,
        mode="storage",
    )
    await ws.command("lovelace/config/save", url_path=url_path, config=config)
    return f"/{url_path}/{config['views'][0].get('path', '0')}"


async def import_sample_statistics(
    home_assistant: HomeAssistant, entity_id: str, minutes_per_day: list[int]
) -> None:
    """Give a total-minutes sensor a history of daily sessions ending yesterday.

    Uses the recorder's own statistics import, so a statistics graph has bars to
    draw without weeks of waiting.
    """
    zone = ZoneInfo(TIME_ZONE)
    today = datetime.now(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    first = today - timedelta(days=len(minutes_per_day))
    total = 0
    stats = [{"start": (first - timedelta(hours=3)).isoformat(), "sum": 0, "state": 0}]
    for day, minutes in enumerate(minutes_per_day):
        total += minutes
        evening = first + timedelta(days=day, hours=21)
        stats.append({"start": evening.isoformat(), "sum": total, "state": total})
    ws = await home_assistant.websocket()
    await ws.command(
        "recorder/import_statistics",
        metadata={
            "has_mean": False,
            "mean_type": 0,
            "has_sum": True,
            "name": None,
            "source": "recorder",
            "statistic_id": entity_id,
            "unit_class": "duration",
            "unit_of_measurement": "min",
        },
        stats=stats,
    )
    # The recorder imports in its own thread, at its next commit (2026.11 takes
    # seconds): a graph drawn before then finds nothing.
    deadline = time.monotonic() + IMPORT_TIMEOUT
    while not await ws.command(
        "recorder/get_statistics_metadata", statistic_ids=[entity_id]
    ):
        if time.monotonic() > deadline:
            msg = f"the recorder did not import {entity_id} in {IMPORT_TIMEOUT:.0f} s"
            raise AssertionError(msg)
        await asyncio.sleep(0.2)


@dataclass
class PageCheck:
    """What a page showed: its text, what it lacked, and its screenshot."""

    text: str
    missing: list[str]
    broken: list[str]
    screenshot: Path

    @property
    def problems(self) -> list[str]:
        """Texts wanted and not shown, and signs of a missing entity."""
        return [f"lacks {w!r}" for w in self.missing] + [
            f"shows {b!r}" for b in self.broken
        ]


class Frontend:
    """A logged-in Chromium on Home Assistant's frontend."""

    def __init__(self, home_assistant: HomeAssistant, chromium: Path) -> None:
        """Prepare; use as `async with`."""
        self.home_assistant = home_assistant
        self.chromium = chromium
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self.page: Page | None = None

    async def __aenter__(self) -> Self:
        """Start Chromium with the owner's tokens in the frontend's storage."""
        self._playwright = await async_playwright().start()
        self._browser = await self._playwright.chromium.launch(
            executable_path=self.chromium, args=CHROMIUM_ARGS, timeout=PAGE_TIMEOUT_MS
        )
        self.page = await self.open_page()
        return self

    async def open_page(
        self, width: int = 1440, height: int = 860, color_scheme: str = "light"
    ) -> Page:
        """A page of its own (a phone's width, a dark system theme), logged in."""
        ha = self.home_assistant
        assert ha.tokens is not None
        assert self._browser is not None
        context = await self._browser.new_context(
            viewport={"width": width, "height": height},
            locale="en-US",
            timezone_id=TIME_ZONE,
            color_scheme="dark" if color_scheme == "dark" else "light",
        )
        context.set_default_timeout(PAGE_TIMEOUT_MS)
        # What the frontend keeps after a login; the token is the long-lived one.
        tokens = {
            "access_token": ha.tokens.long_lived_token,
            "token_type": "Bearer",
            "expires_in": 315_360_000,
            "expires": 4_102_444_800_000,
            "refresh_token": ha.tokens.refresh_token,
            "hassUrl": ha.base_url,
            "clientId": ha.tokens.client_id,
        }
        stored = json.dumps(json.dumps(tokens))
        await context.add_init_script(
            f"window.localStorage.setItem('hassTokens', {stored});"
        )
        return await context.new_page()

    async def __aexit__(self, *exc_info: object) -> None:
        """Close Chromium."""
        if self._browser is not None:
            await self._browser.close()
        if self._playwright is not None:
            await self._playwright.stop()

    async def check(
        self, path: str, wanted: list[str], screenshot: Path, settle_ms: int = 2000
    ) -> PageCheck:
        """Open `path`, wait until its text holds all of `wanted`, take a screenshot.

        The first page is loaded; later ones are opened the way the frontend
        follows a link, so the translations it has loaded stay loaded. The
        screenshot is taken whatever the outcome, so a failure can be seen. The
        check also reports the frontend's signs of a missing entity.
        """
        page = self.page
        assert page is not None
        if page.url.startswith(self.home_assistant.base_url):
            await page.evaluate(_NAVIGATE, path)
        else:
            await page.goto(f"{self.home_assistant.base_url}{path}")
        try:
            await page.wait_for_function(
                _DEEP_TEXT_HAS_ALL, arg=wanted, timeout=PAGE_TIMEOUT_MS, polling=250
            )
            # Charts and the calendar draw after their data arrives.
            await page.wait_for_timeout(settle_ms)
        except PlaywrightTimeoutError:
            pass  # reported below, with what the page showed instead
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=screenshot)
        text: str = await page.evaluate(_DEEP_TEXT)
        return PageCheck(
            text,
            missing=[w for w in wanted if w not in text],
            broken=[b for b in MISSING_ENTITY_TEXTS if b in text],
            screenshot=screenshot,
        )
