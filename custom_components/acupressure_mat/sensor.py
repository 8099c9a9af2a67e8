"""Sensors of a mat: the session, its end, the log's figures and the advice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import EntityCategory, UnitOfTime
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, ServiceResponse, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.event import (
    async_track_point_in_utc_time,
    async_track_time_change,
)
from homeassistant.helpers.typing import StateType
from homeassistant.util import dt as dt_util

from .const import (
    ATTR_BODY_AREA,
    ATTR_ENDS_AT,
    ATTR_LAST_NIGHT,
    ATTR_OUTCOME,
    ATTR_PLANNED_MINUTES,
    ATTR_REMAINING_MINUTES,
    ATTR_SESSION_ID,
    SESSION_STATES,
    STATE_RUNNING,
    WIND_DOWN_BUFFER,
)
from .data import AcupressureMatConfigEntry
from .entity import MatEntity
from .history import NIGHT_BOUNDARY, evening_of
from .log_edits import async_log
from .recommendation import METHOD_WELCH
from .session import MatSessionEngine

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class MatSensorEntityDescription(SensorEntityDescription):
    """A mat sensor and how to read its value from the engine."""

    value_fn: Callable[[MatSessionEngine], StateType | datetime]
    attributes_fn: Callable[[MatSessionEngine], dict[str, Any] | None] = (
        lambda _engine: None
    )


def _session_attributes(engine: MatSessionEngine) -> dict[str, Any] | None:
    session = engine.session
    if session is None:
        return None
    attributes: dict[str, Any] = {
        ATTR_PLANNED_MINUTES: session.planned_minutes,
        ATTR_BODY_AREA: session.body_area,
    }
    if session.paused:
        attributes[ATTR_REMAINING_MINUTES] = round(
            session.remaining_seconds(dt_util.utcnow()) / 60, 1
        )
    return attributes


def _session_end(engine: MatSessionEngine) -> datetime | None:
    if engine.session is None or engine.state != STATE_RUNNING:
        return None
    return engine.session.ends_at


def _last_session_end(engine: MatSessionEngine) -> datetime | None:
    latest = engine.history.latest
    return latest.ended_at if latest else None


def _last_session_minutes(engine: MatSessionEngine) -> float | None:
    latest = engine.history.latest
    return latest.active_minutes if latest else None


ONE_DAY = timedelta(days=1)


def _streak_days(engine: MatSessionEngine) -> int:
    """Evenings in a row with a session, up to tonight or last night.

    Walks the log from the newest record and stops at the first gap, so it reads
    only as many records as the streak is long.
    """
    tonight = evening_of(dt_util.utcnow())
    streak = 0
    expected: date | None = None
    for record in reversed(engine.history.records):
        evening = evening_of(record.started_at)
        if expected is None:
            if evening > tonight:
                continue
            if evening < tonight - ONE_DAY:
                break
            streak, expected = 1, evening - ONE_DAY
        elif evening == expected:
            streak += 1
            expected -= ONE_DAY
        elif evening < expected:
            break
    return streak


NEXT_START_HOLD = timedelta(minutes=1)


def next_session_start(engine: MatSessionEngine, now: datetime) -> datetime:
    """Tonight's suggested start: the session ends 10 minutes before bed.

    Bed is the bedtime entity, or the typical sleep onset when that comes earlier,
    so the session never ends after the user usually falls asleep.
    """
    target = _evening_minutes(time.fromisoformat(engine.settings.bedtime))
    if (onset := engine.advice.typical_onset) is not None:
        target = min(target, _evening_minutes(onset))
    lead = timedelta(minutes=engine.recommendation.minutes) + WIND_DOWN_BUFFER
    day = dt_util.as_local(now).date() - timedelta(days=1)
    while True:
        start = dt_util.start_of_local_day(day) + timedelta(minutes=target) - lead
        # Held a minute past its time, so a time trigger on it is never cancelled.
        if start + NEXT_START_HOLD > now:
            return start
        day += timedelta(days=1)


def _evening_minutes(moment: time) -> int:
    """Minutes after the evening's midnight; times before noon are after midnight."""
    minutes = moment.hour * 60 + moment.minute
    return minutes + 24 * 60 if moment.hour < 12 else minutes  # noqa: PLR2004


def _next_start_attributes(engine: MatSessionEngine) -> dict[str, Any]:
    bedtime = time.fromisoformat(engine.settings.bedtime)
    onset = engine.advice.typical_onset
    earlier = onset is not None and _evening_minutes(onset) < _evening_minutes(bedtime)
    return {
        "based_on": "typical_sleep_onset" if earlier else "bedtime",
        "recommended_minutes": engine.recommendation.minutes,
    }


def _sleep_effect_attributes(engine: MatSessionEngine) -> dict[str, Any]:
    effect = engine.advice.sleep_effect
    return {
        "mat_nights": effect.mat_nights,
        "baseline_nights": effect.baseline_nights,
        "mat_mean_score": effect.mat_mean,
        "baseline_mean_score": effect.baseline_mean,
        # The difference's band and what it says, translated by the frontend.
        "band_low": effect.band_low,
        "band_high": effect.band_high,
        "method": METHOD_WELCH,
        "verdict": effect.verdict,
    }


def _typical_onset(engine: MatSessionEngine) -> str | None:
    onset = engine.advice.typical_onset
    return onset.isoformat(timespec="minutes") if onset else None


# Only the session and its end describe the mat now; the log's figures and the advice
# are diagnostic, so the device page and the area dashboard lead with the session.
SESSION_SENSOR = MatSensorEntityDescription(
    key="session",
    translation_key="session",
    device_class=SensorDeviceClass.ENUM,
    options=SESSION_STATES,
    value_fn=lambda engine: engine.state,
    attributes_fn=_session_attributes,
)

SENSORS: tuple[MatSensorEntityDescription, ...] = (
    MatSensorEntityDescription(
        key="session_end",
        translation_key="session_end",
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=_session_end,
    ),
    MatSensorEntityDescription(
        key="last_session_end",
        translation_key="last_session_end",
        entity_category=EntityCategory.DIAGNOSTIC,
        device_class=SensorDeviceClass.TIMESTAMP,
        value_fn=_last_session_end,
    ),
    MatSensorEntityDescription(
        key="last_session_minutes",
        translation_key="last_session_minutes",
        entity_category=EntityCategory.DIAGNOSTIC,
        device_class=SensorDeviceClass.DURATION,
        state_class=SensorStateClass.MEASUREMENT,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        suggested_display_precision=1,
        value_fn=_last_session_minutes,
    ),
    # Totals, not meters: deleting a session lowers them, and long-term statistics
    # must count that as minus one session, not as a meter reset.
    MatSensorEntityDescription(
        key="total_minutes",
        translation_key="total_minutes",
        entity_category=EntityCategory.DIAGNOSTIC,
        device_class=SensorDeviceClass.DURATION,
        state_class=SensorStateClass.TOTAL,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        suggested_display_precision=0,
        value_fn=lambda engine: engine.history.totals.total_minutes,
    ),
    MatSensorEntityDescription(
        key="session_count",
        translation_key="session_count",
        entity_category=EntityCategory.DIAGNOSTIC,
        state_class=SensorStateClass.TOTAL,
        value_fn=lambda engine: engine.history.totals.count,
    ),
    MatSensorEntityDescription(
        key="recommended_duration",
        translation_key="recommended_duration",
        entity_category=EntityCategory.DIAGNOSTIC,
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.MINUTES,
        value_fn=lambda engine: engine.recommendation.minutes,
        attributes_fn=lambda engine: {
            "basis": engine.recommendation.basis,
            "nights": engine.recommendation.nights,
        },
    ),
    MatSensorEntityDescription(
        key="typical_sleep_onset",
        translation_key="typical_sleep_onset",
        entity_category=EntityCategory.DIAGNOSTIC,
        value_fn=_typical_onset,
    ),
    MatSensorEntityDescription(
        key="sleep_effect",
        translation_key="sleep_effect",
        entity_category=EntityCategory.DIAGNOSTIC,
        suggested_display_precision=1,
        value_fn=lambda engine: engine.advice.sleep_effect.difference,
        attributes_fn=_sleep_effect_attributes,
    ),
)

STREAK_SENSOR = MatSensorEntityDescription(
    key="streak_days",
    translation_key="streak_days",
    entity_category=EntityCategory.DIAGNOSTIC,
    native_unit_of_measurement=UnitOfTime.DAYS,
    state_class=SensorStateClass.MEASUREMENT,
    value_fn=_streak_days,
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: AcupressureMatConfigEntry,
    async_add_entities: AddConfigEntryEntitiesCallback,
) -> None:
    """Add the mat's sensors."""
    async_add_entities(
        [
            MatSessionSensor(entry, SESSION_SENSOR),
            MatNextSessionStartSensor(entry, NEXT_SESSION_START),
            MatStreakSensor(entry, STREAK_SENSOR),
            *(MatSensor(entry, description) for description in SENSORS),
        ]
    )


class MatSensor(MatEntity, SensorEntity):
    """A sensor that renders one value of the mat."""

    entity_description: MatSensorEntityDescription

    # Only the card reads these: the sleep effect's band, method and verdict (its
    # nights and means stay recorded) and the recommended minutes (another sensor's
    # state). History keeps no copy of them: fewer attribute rows each night.
    _unrecorded_attributes = frozenset(
        {"band_low", "band_high", "method", "verdict", "recommended_minutes"}
    )

    @property
    def native_value(self) -> StateType | datetime:
        """The value from the engine."""
        return self.entity_description.value_fn(self.engine)

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """Attributes from the engine."""
        return self.entity_description.attributes_fn(self.engine)


NEXT_SESSION_START = MatSensorEntityDescription(
    key="next_session_start",
    translation_key="next_session_start",
    entity_category=EntityCategory.DIAGNOSTIC,
    device_class=SensorDeviceClass.TIMESTAMP,
    value_fn=lambda engine: next_session_start(engine, dt_util.utcnow()),
    attributes_fn=_next_start_attributes,
)


class MatNextSessionStartSensor(MatSensor):
    """Tonight's suggested start; moves to the next evening once it has passed."""

    _unsub_passed: CALLBACK_TYPE | None = None

    @callback
    def async_write_ha_state(self) -> None:
        """Write the state and wake up when the suggested start passes."""
        super().async_write_ha_state()
        if self._unsub_passed:
            self._unsub_passed()
        self._unsub_passed = async_track_point_in_utc_time(
            self.hass,
            self._passed,
            next_session_start(self.engine, dt_util.utcnow()) + NEXT_START_HOLD,
        )

    @callback
    def _passed(self, _now: datetime) -> None:
        self._unsub_passed = None
        self.async_write_ha_state()

    async def async_will_remove_from_hass(self) -> None:
        """Stop waking up."""
        if self._unsub_passed:
            self._unsub_passed()
            self._unsub_passed = None


class MatStreakSensor(MatSensor):
    """Evenings in a row with a session; a skipped evening breaks it at 03:00."""

    async def async_added_to_hass(self) -> None:
        """Count again when an evening is over, not only when the log changes."""
        await super().async_added_to_hass()
        boundary = int(NIGHT_BOUNDARY.total_seconds() // 3600)
        self.async_on_remove(
            async_track_time_change(
                self.hass, self._evening_over, hour=boundary, minute=0, second=0
            )
        )

    @callback
    def _evening_over(self, _now: datetime) -> None:
        self.async_write_ha_state()


class MatSessionSensor(MatSensor):
    """The mat-session entity: idle, running or paused; the actions target it."""

    async def async_start_session(
        self,
        duration: float | None = None,
        body_area: str | None = None,
        dim_lights: bool = True,
        announce: bool = True,
        use_recommended: bool = False,
    ) -> ServiceResponse:
        """Start a session and tell when it ends."""
        session = await self.engine.async_start(
            duration,
            body_area,
            dim_lights=dim_lights,
            announce=announce,
            use_recommended=use_recommended,
            context=self._context,
        )
        return {
            ATTR_SESSION_ID: session.id,
            ATTR_ENDS_AT: session.ends_at.isoformat(),
            ATTR_PLANNED_MINUTES: session.planned_minutes,
            # What the sleep sensors filed for last night, for routines (blueprint).
            ATTR_LAST_NIGHT: self.engine.history.last_night(session.started_at),
        }

    async def async_stop_session(self, rating: float | None = None) -> None:
        """End the session now."""
        await self.engine.async_stop(rating, context=self._context)

    async def async_pause_session(self) -> None:
        """Pause the running session."""
        await self.engine.async_pause(context=self._context)

    async def async_resume_session(self) -> None:
        """Resume the paused session."""
        await self.engine.async_resume(context=self._context)

    async def async_extend_session(self, minutes: float) -> None:
        """Add minutes to the session."""
        await self.engine.async_extend(minutes, context=self._context)

    async def async_rate_session(
        self, rating: float, notes: str | None = None, session_id: str | None = None
    ) -> None:
        """Log how a session felt."""
        await self.engine.async_rate(rating, notes, session_id, context=self._context)

    async def async_log_session(
        self,
        minutes: float,
        start: datetime | None = None,
        body_area: str | None = None,
        rating: float | None = None,
        notes: str | None = None,
    ) -> ServiceResponse:
        """Log a session done without Home Assistant."""
        record = await async_log(
            self.engine.history,
            self.engine.session,
            start=start,
            minutes=minutes,
            body_area=body_area or self.engine.settings.body_area,
            rating=rating,
            notes=notes,
        )
        return {ATTR_SESSION_ID: record.id, ATTR_OUTCOME: record.outcome}

    async def async_delete_session(self, session_id: str) -> None:
        """Remove a logged session."""
        await self.engine.async_delete(session_id)

    async def async_get_history(
        self,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int | None = None,
    ) -> ServiceResponse:
        """Logged sessions in a range, newest first, with a summary."""
        return self.engine.query_history(start, end, limit)
