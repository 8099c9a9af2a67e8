"""Fixtures for the end-to-end tests: a real `hass` process per test.

These tests run no Home Assistant inside pytest, so the in-process fixtures of
tests/conftest.py are switched off here by overriding them with no-ops.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Generator
from pathlib import Path

import pytest

from .harness import HomeAssistant, find_chromium, find_libfaketime

# script/setup installs Debian's faketime and chromium when it runs as root.
SETUP_HINT = "script/setup installs it with apt-get when run as root"


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations() -> None:
    """No in-process Home Assistant: the integration is installed in a config folder."""


@pytest.fixture(autouse=True)
def detect_blocking_io() -> None:
    """Blocking I/O is Home Assistant's own business in its process."""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keep each phase's report on the test, for the fixtures' teardown."""
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.fixture
def libfaketime() -> Path:
    """Debian's libfaketime, or skip: without it, Home Assistant's clock runs slow."""
    if (path := find_libfaketime()) is None:
        pytest.skip(f"Debian's faketime is not installed ({SETUP_HINT})")
    return path


@pytest.fixture
def chromium() -> Path:
    """Debian's chromium and PyPI's playwright, or skip."""
    if (path := find_chromium()) is None:
        pytest.skip(f"Debian's chromium is not installed ({SETUP_HINT})")
    pytest.importorskip("playwright", reason="playwright is not installed")
    return path


@pytest.fixture
async def home_assistant(
    request: pytest.FixtureRequest, tmp_path: Path, socket_enabled: None
) -> AsyncGenerator[HomeAssistant]:
    """A fresh config folder with the integration installed; `start` runs hass.

    Whatever happens, the hass process group is killed at the end; when the
    test failed, the end of Home Assistant's log is printed.
    """
    home_assistant = HomeAssistant(tmp_path / "config", libfaketime=find_libfaketime())
    # A plain finalizer too: it runs even if the event loop is gone by then.
    request.addfinalizer(home_assistant.kill_now)  # noqa: PT021
    try:
        yield home_assistant
    finally:
        reports = request.node.stash.get(_REPORTS, {})
        if any(report.failed for report in reports.values()):
            print(f"config folder: {home_assistant.config_dir}")  # noqa: T201
            print(home_assistant.log_tail(80))  # noqa: T201
        await home_assistant.close()
