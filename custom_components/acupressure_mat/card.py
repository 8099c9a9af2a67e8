"""The mat card: served from the integration's own URL, loaded by every dashboard.

The card (`custom:acupressure-mat-card`, built from `frontend/` at the
repository root) ships inside the integration, so HACS installs it with the
integration. The file is served from `/acupressure_mat/acupressure-mat-card.js`;
storage-mode dashboards get it as a Lovelace resource whose query carries the
version and a hash of the file (a new build reaches browsers at once), YAML-mode
resources get it through the frontend's extra module URLs. The card's summary
(this week's minutes, last night's sleep, the latest session's rating) comes
through a websocket subscription, pushed whenever the log changes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
import hashlib
import logging
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

import voluptuous as vol

from homeassistant.auth.permissions.const import POLICY_READ
from homeassistant.components.frontend import (
    DATA_EXTRA_MODULE_URL,
    add_extra_js_url,
    remove_extra_js_url,
)
from homeassistant.components.http import StaticPathConfig
from homeassistant.components.lovelace.const import LOVELACE_DATA
from homeassistant.components.lovelace.resources import ResourceStorageCollection
from homeassistant.components.websocket_api import async_register_command
from homeassistant.components.websocket_api.connection import ActiveConnection
from homeassistant.components.websocket_api.const import ERR_NOT_FOUND
from homeassistant.components.websocket_api.decorators import websocket_command
from homeassistant.components.websocket_api.messages import event_message
from homeassistant.config_entries import ConfigEntryState
from homeassistant.const import Platform
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError, Unauthorized
from homeassistant.helpers import config_validation as cv, entity_registry as er
from homeassistant.helpers.event import async_track_state_change_event
from homeassistant.loader import async_get_integration
from homeassistant.util import dt as dt_util
from homeassistant.util.hass_dict import HassKey

from .const import CONF_SLEEP_DURATION_SENSOR, CONF_SLEEP_SCORE_SENSOR, DOMAIN
from .data import AcupressureMatConfigEntry
from .history import SessionHistory, evening_of, summarize

_LOGGER = logging.getLogger(__name__)

CARD_FILE: Final = Path(__file__).parent / "frontend" / "acupressure-mat-card.js"
CARD_PATH: Final = f"/{DOMAIN}/{CARD_FILE.name}"
SUBSCRIBE_COMMAND: Final = f"{DOMAIN}/card/subscribe"
RESOURCE_TYPE: Final = "module"


@dataclass
class CardLoader:
    """Where the card is served, and the lock that keeps its resource single."""

    url: str
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


DATA_CARD: HassKey[CardLoader] = HassKey(f"{DOMAIN}_card")
_SETTING_UP_OR_LOADED: Final = (
    ConfigEntryState.SETUP_IN_PROGRESS,
    ConfigEntryState.LOADED,
)


def _card_hash() -> str:
    return hashlib.sha256(CARD_FILE.read_bytes()).hexdigest()[:12]


async def async_setup_card(hass: HomeAssistant) -> None:
    """Serve the card file and answer the card's subscription (once per run)."""
    integration = await async_get_integration(hass, DOMAIN)
    content_hash = await hass.async_add_executor_job(_card_hash)
    # Cached for a long time by browsers: a new version or build changes the query.
    url = f"{CARD_PATH}?v={integration.version}&h={content_hash}"
    hass.data[DATA_CARD] = CardLoader(url)
    await hass.http.async_register_static_paths(
        [StaticPathConfig(CARD_PATH, str(CARD_FILE), cache_headers=True)]
    )
    async_register_command(hass, _ws_subscribe_card)


def _is_card_url(url: str) -> bool:
    """Whether a resource URL is this card's, whatever version its query names."""
    return urlsplit(url).path == CARD_PATH


async def async_add_card_resource(hass: HomeAssistant) -> None:
    """Let dashboards load the card: one resource, with this build's URL."""
    loader = hass.data[DATA_CARD]
    async with loader.lock:
        try:
            resources = await _async_storage_resources(hass)
        except HomeAssistantError as err:
            # An unreadable resource list must not keep the mat from loading.
            _LOGGER.warning("Could not add the mat card to the dashboards: %s", err)
            return
        if resources is None:
            if DATA_EXTRA_MODULE_URL in hass.data and loader.url not in (
                hass.data[DATA_EXTRA_MODULE_URL].urls
            ):
                add_extra_js_url(hass, loader.url)
            return
        ours = [item for item in resources.async_items() if _is_card_url(item["url"])]
        if not ours:
            await resources.async_create_item(
                {"res_type": RESOURCE_TYPE, "url": loader.url}
            )
            _LOGGER.debug("Added the dashboard resource %s", loader.url)
            return
        first, *duplicates = ours
        if first["url"] != loader.url or first.get("type") != RESOURCE_TYPE:
            await resources.async_update_item(
                first["id"], {"res_type": RESOURCE_TYPE, "url": loader.url}
            )
            _LOGGER.debug("Updated the dashboard resource to %s", loader.url)
        for item in duplicates:
            await resources.async_delete_item(item["id"])


async def async_remove_card_resource(hass: HomeAssistant, entry_id: str) -> None:
    """Take the card off the dashboards when the last mat is removed."""
    if (loader := hass.data.get(DATA_CARD)) is None or any(
        entry.entry_id != entry_id
        for entry in hass.config_entries.async_entries(DOMAIN)
    ):
        return
    async with loader.lock:
        resources = await _async_storage_resources(hass)
        if resources is None:
            if DATA_EXTRA_MODULE_URL in hass.data and loader.url in (
                hass.data[DATA_EXTRA_MODULE_URL].urls
            ):
                remove_extra_js_url(hass, loader.url)
            return
        for item in resources.async_items():
            if _is_card_url(item["url"]):
                await resources.async_delete_item(item["id"])


async def _async_storage_resources(
    hass: HomeAssistant,
) -> ResourceStorageCollection | None:
    """The dashboards' resources when they are kept in storage (loaded), else None."""
    lovelace = hass.data.get(LOVELACE_DATA)
    if lovelace is None or not isinstance(
        lovelace.resources, ResourceStorageCollection
    ):
        return None
    # Lovelace loads its resources on first use; this is that use on every release.
    await lovelace.resources.async_get_info()
    return lovelace.resources


# --- the card's summary subscription ---------------------------------------


def _loaded_mat(
    hass: HomeAssistant, entity_id: str
) -> AcupressureMatConfigEntry | None:
    """The mat whose session sensor this is, once its log is loaded."""
    entity = er.async_get(hass).async_get(entity_id)
    if (
        entity is None
        or entity.platform != DOMAIN
        or entity.domain != Platform.SENSOR
        or entity.translation_key != "session"
        or entity.config_entry_id is None
    ):
        return None
    entry: AcupressureMatConfigEntry | None = hass.config_entries.async_get_entry(
        entity.config_entry_id
    )
    # While a mat reloads, its entities come back before the entry counts as loaded.
    if entry is None or entry.state not in _SETTING_UP_OR_LOADED:
        return None
    return entry


def card_summary(
    history: SessionHistory,
    options: Mapping[str, Any],
    week_start: datetime,
    now: datetime,
) -> dict[str, Any]:
    """The card's figures: the week's minutes, last night's sleep, the last session."""
    week = summarize(history.between(week_start, now + timedelta(seconds=1)))
    sleep: dict[str, Any] | None = None
    has_score = bool(options.get(CONF_SLEEP_SCORE_SENSOR))
    has_duration = bool(options.get(CONF_SLEEP_DURATION_SENSOR))
    if has_score or has_duration:
        night = history.nights.get(evening_of(now) - timedelta(days=1))
        sleep = {
            "score": night.score if night and has_score else None,
            "duration_minutes": night.duration_minutes
            if night and has_duration
            else None,
        }
    latest = history.latest
    return {
        "week_minutes": week.total_minutes,
        "sleep": sleep,
        "latest": {"session_id": latest.id, "rating": latest.rating}
        if latest
        else None,
    }


class _CardFeed:
    """One card's subscription: pushes the summary whenever the mat's log changes.

    A reloaded mat has a new log; its session sensor comes back then, and the
    feed follows the mat to that log.
    """

    def __init__(
        self,
        hass: HomeAssistant,
        connection: ActiveConnection,
        msg_id: int,
        mat: AcupressureMatConfigEntry,
        entity_id: str,
        week_start: datetime,
    ) -> None:
        self._hass = hass
        self._connection = connection
        self._msg_id = msg_id
        self._entity_id = entity_id
        self._week_start = week_start
        self._mat = mat
        self._history = mat.runtime_data.engine.history
        self._unsub_history = self._history.async_add_listener(self.push)
        self._unsub_state = async_track_state_change_event(
            hass, entity_id, self._on_session_state
        )

    @callback
    def push(self) -> None:
        """Send the summary as it is now."""
        self._connection.send_message(
            event_message(
                self._msg_id,
                card_summary(
                    self._history, self._mat.options, self._week_start, dt_util.utcnow()
                ),
            )
        )

    @callback
    def _on_session_state(self, _event: Event[Any]) -> None:
        mat = _loaded_mat(self._hass, self._entity_id)
        if mat is None or mat.runtime_data.engine.history is self._history:
            return
        self._unsub_history()
        self._mat = mat
        self._history = mat.runtime_data.engine.history
        self._unsub_history = self._history.async_add_listener(self.push)
        self.push()

    @callback
    def close(self) -> None:
        """Stop following the mat."""
        self._unsub_state()
        self._unsub_history()


@websocket_command(
    {
        vol.Required("type"): SUBSCRIBE_COMMAND,
        vol.Required("entity_id"): cv.entity_id,
        vol.Required("week_start"): cv.datetime,
    }
)
@callback
def _ws_subscribe_card(
    hass: HomeAssistant,
    connection: ActiveConnection,
    msg: dict[str, Any],
) -> None:
    """Subscribe a card to its mat's summary (the first push follows the result)."""
    entity_id: str = msg["entity_id"]
    if not connection.user.permissions.check_entity(entity_id, POLICY_READ):
        raise Unauthorized(entity_id=entity_id)
    if (mat := _loaded_mat(hass, entity_id)) is None:
        connection.send_error(
            msg["id"],
            ERR_NOT_FOUND,
            f"{entity_id} is not the session sensor of a loaded acupressure mat",
        )
        return
    feed = _CardFeed(
        hass, connection, msg["id"], mat, entity_id, dt_util.as_utc(msg["week_start"])
    )
    connection.subscriptions[msg["id"]] = feed.close
    connection.send_result(msg["id"])
    feed.push()
