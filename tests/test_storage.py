"""Stored data survives what disks and files do: failed writes, unreadable files."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
import json
import logging
from pathlib import Path
from typing import Any
from unittest.mock import patch

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)

from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.storage import RETRY_SECONDS, MatStore
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.storage import Store

from .conftest import ENTRY_ID

# Captured before the test plugin swaps in its in-memory storage.
REAL_ASYNC_LOAD = Store._async_load
SESSION = "sensor.bedroom_mat_session"
STORE_KEY = f"{DOMAIN}.{ENTRY_ID}"
HISTORY_KEY = f"{DOMAIN}.{ENTRY_ID}.history"


async def _set_up(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.LOADED


@pytest.mark.parametrize(
    ("key", "stored"),
    [
        (STORE_KEY, {"version": 9, "minor_version": 1, "key": STORE_KEY, "data": {}}),
        (
            STORE_KEY,
            {
                "version": 1,
                "key": STORE_KEY,
                "data": {
                    "settings": {"duration": 99, "body_area": "x", "bedtime": "y"}
                },
            },
        ),
        (HISTORY_KEY, {"version": 7, "key": HISTORY_KEY, "data": {"records": []}}),
        (
            HISTORY_KEY,
            {"version": 2, "key": HISTORY_KEY, "data": {"records": [{"id": "only"}]}},
        ),
    ],
    ids=["future-settings", "bad-settings", "future-history", "malformed-history"],
)
async def test_unreadable_data_is_kept_aside(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    mock_config_entry: MockConfigEntry,
    issue_registry: ir.IssueRegistry,
    key: str,
    stored: dict[str, Any],
) -> None:
    """A newer or malformed file does not stop the mat; a repair issue says why."""
    hass_storage[key] = stored
    await _set_up(hass, mock_config_entry)
    assert hass.states.get(SESSION).state == "idle"
    issue = issue_registry.async_get_issue(DOMAIN, f"storage_unreadable_{key}")
    assert issue is not None
    assert issue.translation_key == "storage_unreadable"
    assert issue.translation_placeholders is not None
    assert issue.translation_placeholders["path"].endswith(key)


@pytest.mark.parametrize(
    "content",
    ['{"version": 1, "key": "x", "data": {"sett', "", "\x00\x00garbage"],
    ids=["truncated", "empty", "corrupt"],
)
async def test_corrupt_file_on_disk(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    issue_registry: ir.IssueRegistry,
    tmp_path: Path,
    content: str,
) -> None:
    """A corrupt file on disk is renamed aside and Home Assistant raises an issue."""
    hass.config.config_dir = str(tmp_path)
    path = Path(hass.config.path(".storage", STORE_KEY))
    await hass.async_add_executor_job(_write, path, content)
    with patch.object(MatStore, "_async_load", REAL_ASYNC_LOAD):
        await _set_up(hass, mock_config_entry)
    assert hass.states.get(SESSION).state == "idle"
    kept = await hass.async_add_executor_job(_kept_files, path)
    assert len(kept) == 1
    issues = [
        issue
        for (domain, _), issue in issue_registry.issues.items()
        if domain == "homeassistant" and issue.translation_key == "storage_corruption"
    ]
    assert len(issues) == 1


async def test_newer_file_on_disk_is_kept_aside(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    issue_registry: ir.IssueRegistry,
    tmp_path: Path,
) -> None:
    """A file written by a newer version of the mat is kept aside, the mat loads.

    From 2026.10 Home Assistant's store refuses such a file itself, before the
    mat's migration sees it; the mat still sets up and says so in its own issue.
    """
    hass.config.config_dir = str(tmp_path)
    path = Path(hass.config.path(".storage", STORE_KEY))
    newer = {"version": 9, "minor_version": 1, "key": STORE_KEY, "data": {}}
    await hass.async_add_executor_job(_write, path, json.dumps(newer))
    with patch.object(MatStore, "_async_load", REAL_ASYNC_LOAD):
        await _set_up(hass, mock_config_entry)
    assert hass.states.get(SESSION).state == "idle"
    [kept] = await hass.async_add_executor_job(_files_kept_aside, path)
    assert json.loads(await hass.async_add_executor_job(kept.read_text)) == newer
    issue = issue_registry.async_get_issue(DOMAIN, f"storage_unreadable_{STORE_KEY}")
    assert issue is not None
    assert issue.translation_placeholders is not None
    assert issue.translation_placeholders["kept_as"] == str(kept)


def _files_kept_aside(path: Path) -> list[Path]:
    return list(path.parent.glob(f"{path.name}.unreadable.*"))


def _write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)


def _kept_files(path: Path) -> list[Path]:
    return list(path.parent.glob(f"{path.name}.corrupt.*"))


def _disk_full_for_the_mat(
    working_write: Callable[[Store[Any], dict[str, Any]], Awaitable[None]],
) -> Callable[[Store[Any], dict[str, Any]], Awaitable[None]]:
    """A write that fails for the mat's files only.

    Home Assistant's own stores (the registries) write in the same minutes and
    do not expect a failure; 2026.10's registries write more often than 2026.2's.
    """

    async def disk_full(store: Store[Any], data: dict[str, Any]) -> None:
        if store.key.startswith(f"{DOMAIN}."):
            raise HomeAssistantError("No space left on device")
        await working_write(store, data)

    return disk_full


async def test_failed_write_is_reported_and_retried(
    hass: HomeAssistant,
    hass_storage: dict[str, Any],
    init_integration: MockConfigEntry,
    issue_registry: ir.IssueRegistry,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A full disk never breaks a session; the write is retried until it works."""
    working_write = Store._async_write_data
    disk_full = _disk_full_for_the_mat(working_write)

    with patch.object(Store, "_async_write_data", disk_full):
        await hass.services.async_call(
            DOMAIN,
            "start_session",
            {"duration": 20},
            target={"entity_id": SESSION},
            blocking=True,
        )
        await hass.services.async_call(
            DOMAIN, "pause_session", target={"entity_id": SESSION}, blocking=True
        )
        assert hass.states.get(SESSION).state == "paused"
        issue = issue_registry.async_get_issue(
            DOMAIN, f"storage_write_failed_{STORE_KEY}"
        )
        assert issue is not None
        assert issue.translation_key == "storage_write_failed"
        assert hass_storage.get(STORE_KEY, {}).get("data", {}).get("session") is None
        errors = [
            r
            for r in caplog.records
            if r.levelno == logging.ERROR and "Could not write" in r.getMessage()
        ]
        assert len(errors) == 1

        # Still failing at the first retry.
        freezer.tick(timedelta(seconds=RETRY_SECONDS))
        async_fire_time_changed(hass)
        await hass.async_block_till_done()

    assert Store._async_write_data is working_write
    freezer.tick(timedelta(seconds=RETRY_SECONDS))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    stored = hass_storage[STORE_KEY]["data"]["session"]
    assert stored["paused_at"] is not None
    assert (
        issue_registry.async_get_issue(DOMAIN, f"storage_write_failed_{STORE_KEY}")
        is None
    )


async def test_unload_stops_retrying(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
) -> None:
    """Unloading while a write fails leaves no retry timer behind."""
    disk_full = _disk_full_for_the_mat(Store._async_write_data)

    with patch.object(Store, "_async_write_data", disk_full):
        await hass.services.async_call(
            DOMAIN,
            "start_session",
            {"duration": 20},
            target={"entity_id": SESSION},
            blocking=True,
        )
    assert await hass.config_entries.async_unload(ENTRY_ID)
    await hass.async_block_till_done()
