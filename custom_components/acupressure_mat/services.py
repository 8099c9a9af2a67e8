"""The mat actions: start, stop, pause, resume and extend a session.

Each action targets mats through their session entity, device or area. The schema
checks types; before anything is applied, every targeted mat is checked, so a call
either applies to all of them or to none, and a call that reaches no mat says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import voluptuous as vol

from homeassistant.components.sensor import DOMAIN as SENSOR_DOMAIN, SensorDeviceClass
from homeassistant.const import ATTR_ENTITY_ID, ENTITY_MATCH_ALL
from homeassistant.core import HomeAssistant, SupportsResponse, callback
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import config_validation as cv, service
from homeassistant.helpers.target import (
    TargetSelection,
    async_extract_referenced_entity_ids,
)

from .const import (
    ATTR_ANNOUNCE,
    ATTR_BODY_AREA,
    ATTR_DIM_LIGHTS,
    ATTR_DURATION,
    ATTR_END,
    ATTR_LIMIT,
    ATTR_MINUTES,
    ATTR_NOTES,
    ATTR_RATING,
    ATTR_SESSION_ID,
    ATTR_START,
    ATTR_USE_RECOMMENDED,
    DOMAIN,
    SERVICE_DELETE_SESSION,
    SERVICE_EXTEND_SESSION,
    SERVICE_GET_HISTORY,
    SERVICE_LOG_SESSION,
    SERVICE_PAUSE_SESSION,
    SERVICE_RATE_SESSION,
    SERVICE_RESUME_SESSION,
    SERVICE_START_SESSION,
    SERVICE_STOP_SESSION,
)
from .data import AcupressureMatConfigEntry
from .log_edits import new_record
from .session import MatSessionEngine
from .validation import (
    history_range,
    refuse,
    validate_body_area,
    validate_duration,
    validate_notes,
    validate_rating,
)

type Precheck = Callable[[MatSessionEngine, dict[str, Any]], None]


def targeted_engines(
    hass: HomeAssistant, data: dict[str, Any]
) -> list[MatSessionEngine]:
    """The loaded mats whose session entity the call's target reaches."""
    entries: list[AcupressureMatConfigEntry] = hass.config_entries.async_loaded_entries(
        DOMAIN
    )
    engines = [entry.runtime_data.engine for entry in entries]
    if data.get(ATTR_ENTITY_ID) == ENTITY_MATCH_ALL:
        return engines
    selected = async_extract_referenced_entity_ids(hass, TargetSelection(data), True)
    reached = selected.referenced | selected.indirectly_referenced
    return [engine for engine in engines if engine.session_entity_id in reached]


def _require_target(data: dict[str, Any]) -> dict[str, Any]:
    """Refuse a call without any target before the entity schema does, untranslated."""
    if not any(key in data for key in cv.ENTITY_SERVICE_FIELDS):
        raise refuse("no_mat_targeted")
    return data


def _check_targets(
    hass: HomeAssistant, precheck: Precheck
) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def validate(data: dict[str, Any]) -> dict[str, Any]:
        engines = targeted_engines(hass, data)
        if not engines:
            raise ServiceValidationError(
                translation_domain=DOMAIN, translation_key="no_mat_targeted"
            )
        for engine in engines:
            precheck(engine, data)
        return data

    return validate


def _check_start(engine: MatSessionEngine, data: dict[str, Any]) -> None:
    if (duration := data.get(ATTR_DURATION)) is not None:
        if data[ATTR_USE_RECOMMENDED]:
            raise refuse("duration_and_recommended")
        validate_duration(duration)
    if (body_area := data.get(ATTR_BODY_AREA)) is not None:
        validate_body_area(body_area)
    engine.check_can_start()


def _check_stop(engine: MatSessionEngine, data: dict[str, Any]) -> None:
    if (rating := data.get(ATTR_RATING)) is not None:
        validate_rating(rating)
    engine.check_state("stop")


def _check_extend(engine: MatSessionEngine, data: dict[str, Any]) -> None:
    engine.check_extend(data[ATTR_MINUTES])


def _check_rate(engine: MatSessionEngine, data: dict[str, Any]) -> None:
    validate_rating(data[ATTR_RATING])
    if (notes := data.get(ATTR_NOTES)) is not None:
        validate_notes(notes)
    engine.find_record(data.get(ATTR_SESSION_ID))


def _check_log(engine: MatSessionEngine, data: dict[str, Any]) -> None:
    new_record(
        engine.history,
        engine.session,
        start=data.get(ATTR_START),
        minutes=data[ATTR_MINUTES],
        body_area=data.get(ATTR_BODY_AREA) or engine.settings.body_area,
        rating=data.get(ATTR_RATING),
        notes=data.get(ATTR_NOTES),
    )


def _check_delete(engine: MatSessionEngine, data: dict[str, Any]) -> None:
    engine.find_record(data[ATTR_SESSION_ID])


def _check_history(engine: MatSessionEngine, data: dict[str, Any]) -> None:
    history_range(data.get(ATTR_START), data.get(ATTR_END), data.get(ATTR_LIMIT))


def _coerce(kind: type[float | int]) -> Callable[[Any], Any]:
    """vol.Coerce, with a number too large for the type a schema error too."""
    coerce = vol.Coerce(kind)

    def validate(value: Any) -> Any:
        try:
            return coerce(value)
        except OverflowError as err:
            raise vol.Invalid(f"expected {kind.__name__}") from err

    return validate


_NUMBER = _coerce(float)

_ACTIONS: tuple[tuple[str, dict[Any, Any], Precheck, SupportsResponse], ...] = (
    (
        SERVICE_START_SESSION,
        {
            vol.Optional(ATTR_DURATION): _NUMBER,
            vol.Optional(ATTR_BODY_AREA): cv.string,
            vol.Optional(ATTR_DIM_LIGHTS, default=True): cv.boolean,
            vol.Optional(ATTR_ANNOUNCE, default=True): cv.boolean,
            vol.Optional(ATTR_USE_RECOMMENDED, default=False): cv.boolean,
        },
        _check_start,
        SupportsResponse.OPTIONAL,
    ),
    (
        SERVICE_STOP_SESSION,
        {vol.Optional(ATTR_RATING): _NUMBER},
        _check_stop,
        SupportsResponse.NONE,
    ),
    (
        SERVICE_PAUSE_SESSION,
        {},
        lambda engine, _data: engine.check_state("pause"),
        SupportsResponse.NONE,
    ),
    (
        SERVICE_RESUME_SESSION,
        {},
        lambda engine, _data: engine.check_state("resume"),
        SupportsResponse.NONE,
    ),
    (
        SERVICE_EXTEND_SESSION,
        {vol.Required(ATTR_MINUTES): _NUMBER},
        _check_extend,
        SupportsResponse.NONE,
    ),
    (
        SERVICE_RATE_SESSION,
        {
            vol.Required(ATTR_RATING): _NUMBER,
            vol.Optional(ATTR_NOTES): cv.string,
            vol.Optional(ATTR_SESSION_ID): cv.string,
        },
        _check_rate,
        SupportsResponse.NONE,
    ),
    (
        SERVICE_LOG_SESSION,
        {
            vol.Optional(ATTR_START): cv.datetime,
            vol.Required(ATTR_MINUTES): _NUMBER,
            vol.Optional(ATTR_BODY_AREA): cv.string,
            vol.Optional(ATTR_RATING): _NUMBER,
            vol.Optional(ATTR_NOTES): cv.string,
        },
        _check_log,
        SupportsResponse.OPTIONAL,
    ),
    (
        SERVICE_DELETE_SESSION,
        {vol.Required(ATTR_SESSION_ID): cv.string},
        _check_delete,
        SupportsResponse.NONE,
    ),
    (
        SERVICE_GET_HISTORY,
        {
            vol.Optional(ATTR_START): cv.datetime,
            vol.Optional(ATTR_END): cv.datetime,
            vol.Optional(ATTR_LIMIT): _coerce(int),
        },
        _check_history,
        SupportsResponse.ONLY,
    ),
)


@callback
def async_setup_services(hass: HomeAssistant) -> None:
    """Register the mat actions; each runs the session entity's method of its name."""
    for name, fields, precheck, supports_response in _ACTIONS:
        service.async_register_platform_entity_service(
            hass,
            DOMAIN,
            name,
            entity_domain=SENSOR_DOMAIN,
            entity_device_classes=[SensorDeviceClass.ENUM],
            schema=vol.All(
                _require_target,
                cv.make_entity_service_schema(fields),
                _check_targets(hass, precheck),
            ),
            func=f"async_{name}",
            supports_response=supports_response,
        )
