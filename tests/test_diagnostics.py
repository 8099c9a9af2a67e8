"""Diagnostics: what a user can share in a bug report without health data."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from freezegun.api import FrozenDateTimeFactory
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.acupressure_mat.const import DOMAIN
from custom_components.acupressure_mat.history import evening_of
from homeassistant.core import HomeAssistant


async def test_diagnostics_redact_sleep_figures(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """A night's figures never appear; that the night is known does."""
    await hass.services.async_call(
        DOMAIN,
        "start_session",
        {"duration": 20},
        target={"entity_id": "sensor.bedroom_mat_session"},
        blocking=True,
    )
    freezer.tick(timedelta(minutes=20))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    history = init_integration.runtime_data.engine.history
    await history.async_file_sleep(
        evening_of(history.records[-1].started_at),
        duration_minutes=437,
        score=83,
        latency_minutes=17,
        onset="23:41",
    )
    assert history.records[-1].sleep is not None

    diagnostics: dict[str, Any] = await get_diagnostics_for_config_entry(
        hass, hass_client, init_integration
    )

    assert diagnostics["recent_records"][0]["sleep"] == "**REDACTED**"
    assert diagnostics["night_count"] == 1
    assert not {437, 83, 17, "23:41"} & set(_leaves(diagnostics))


def _leaves(value: Any) -> list[Any]:
    """Every value in nested dicts and lists."""
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]
