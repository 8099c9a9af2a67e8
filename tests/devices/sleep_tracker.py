"""A cloud sleep tracker, as Withings, Oura, Garmin or Fitbit are in Home Assistant.

Its coordinator polls the tracker's cloud once a minute and writes every sensor
again at each poll, whether or not the value changed (a DataUpdateCoordinator
with `always_update`, the default): an unchanged value is *reported*, not
changed. A night reaches the cloud only once the wearer's phone syncs it; until
then the cloud answers with the night before's figures. When the cloud does not
answer, the sensors are unavailable, and they come back with the value they had.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
import logging

from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    MockModule,
    MockPlatform,
    mock_integration,
    mock_platform,
)

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.config_entries import ConfigEntry
from homeassistant.const import Platform, UnitOfTime
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_platform
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.update_coordinator import (
    CoordinatorEntity,
    DataUpdateCoordinator,
    UpdateFailed,
)
from homeassistant.setup import async_setup_component

SLEEP_CLOUD = "sleep_cloud"
POLL_INTERVAL = timedelta(minutes=1)

# The entities, in the order the coordinator writes them at each poll: the score
# comes first, so an unchanged score is reported before a changed duration.
SCORE = "sensor.sleep_tracker_sleep_score"
DURATION = "sensor.sleep_tracker_sleep_duration"
LATENCY = "sensor.sleep_tracker_time_to_fall_asleep"

_LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True)
class Night:
    """What the tracker measured of one night, as its cloud keeps it."""

    duration_seconds: int
    score: int
    latency_seconds: int


class SleepCloud:
    """The tracker's cloud account: the latest synced night, when it answers."""

    def __init__(self, night: Night | None = None) -> None:
        """An account holding the night synced last, if any."""
        self.latest = night
        self.online = True
        self.polls = 0

    def sync(self, night: Night) -> None:
        """The wearer's phone uploads a night."""
        self.latest = night

    async def async_fetch(self) -> Night | None:
        """What the cloud answers a poll: the latest night, whenever it was synced."""
        self.polls += 1
        if not self.online:
            msg = "The sleep cloud does not answer"
            raise ConnectionError(msg)
        return self.latest


class SleepCoordinator(DataUpdateCoordinator[Night | None]):
    """Polls the cloud once a minute and hands every answer to the sensors."""

    def __init__(
        self, hass: HomeAssistant, entry: ConfigEntry, cloud: SleepCloud
    ) -> None:
        """Poll this cloud account."""
        super().__init__(
            hass,
            _LOGGER,
            config_entry=entry,
            name=SLEEP_CLOUD,
            update_interval=POLL_INTERVAL,
        )
        self.cloud = cloud

    async def _async_update_data(self) -> Night | None:
        try:
            return await self.cloud.async_fetch()
        except ConnectionError as err:
            raise UpdateFailed(str(err)) from err


@dataclass(frozen=True, kw_only=True)
class SleepSensorDescription(SensorEntityDescription):
    """A figure of the latest night."""

    value_fn: Callable[[Night], int]


SENSORS = (
    SleepSensorDescription(
        key="sleep_score",
        name="Sleep score",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda night: night.score,
    ),
    SleepSensorDescription(
        key="sleep_duration",
        name="Sleep duration",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.SECONDS,
        value_fn=lambda night: night.duration_seconds,
    ),
    SleepSensorDescription(
        key="time_to_fall_asleep",
        name="Time to fall asleep",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.SECONDS,
        value_fn=lambda night: night.latency_seconds,
    ),
)


class SleepSensor(CoordinatorEntity[SleepCoordinator], SensorEntity):
    """One figure of the latest night, written at every poll."""

    _attr_has_entity_name = True
    entity_description: SleepSensorDescription

    def __init__(
        self, coordinator: SleepCoordinator, description: SleepSensorDescription
    ) -> None:
        """A sensor of the tracker's device."""
        super().__init__(coordinator)
        self.entity_description = description
        self._attr_unique_id = description.key
        self._attr_device_info = DeviceInfo(
            identifiers={(SLEEP_CLOUD, "tracker")}, name="Sleep tracker"
        )

    @property
    def native_value(self) -> int | None:
        """The latest night's figure; unknown before the first synced night."""
        night = self.coordinator.data
        return None if night is None else self.entity_description.value_fn(night)


async def async_setup_sleep_tracker(
    hass: HomeAssistant, cloud: SleepCloud
) -> MockConfigEntry:
    """Add the tracker for a cloud account, as its integration's config entry.

    The caller provides the config flow handler (`mock_config_flow(SLEEP_CLOUD,
    ConfigFlow)`), as Home Assistant needs one to set up a config entry.
    """
    assert await async_setup_component(hass, "sensor", {})

    async def async_setup_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
        coordinator = SleepCoordinator(hass, entry, cloud)
        await coordinator.async_config_entry_first_refresh()
        entry.runtime_data = coordinator
        await hass.config_entries.async_forward_entry_setups(entry, [Platform.SENSOR])
        return True

    async def async_unload_entry(hass: HomeAssistant, entry: ConfigEntry) -> bool:
        return await hass.config_entries.async_unload_platforms(
            entry, [Platform.SENSOR]
        )

    async def async_setup_sensors(
        hass: HomeAssistant,
        entry: ConfigEntry,
        async_add_entities: entity_platform.AddEntitiesCallback,
    ) -> None:
        async_add_entities(
            SleepSensor(entry.runtime_data, description) for description in SENSORS
        )

    mock_integration(
        hass,
        MockModule(
            SLEEP_CLOUD,
            async_setup_entry=async_setup_entry,
            async_unload_entry=async_unload_entry,
        ),
    )
    mock_platform(hass, f"{SLEEP_CLOUD}.config_flow")
    mock_platform(
        hass,
        f"{SLEEP_CLOUD}.sensor",
        MockPlatform(async_setup_entry=async_setup_sensors),
    )
    entry = MockConfigEntry(domain=SLEEP_CLOUD, title="Sleep tracker")
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry
