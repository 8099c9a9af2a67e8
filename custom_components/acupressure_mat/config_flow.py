"""Config and options flows for the Acupressure Mat integration."""

from __future__ import annotations

from typing import Any, Final

import voluptuous as vol

from homeassistant.components.notify.const import (
    DOMAIN as NOTIFY_DOMAIN,
    SERVICE_SEND_MESSAGE,
)
from homeassistant.config_entries import (
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    OptionsFlowWithReload,
)
from homeassistant.const import ATTR_UNIT_OF_MEASUREMENT, CONF_NAME, UnitOfTime
from homeassistant.core import HomeAssistant, callback
from homeassistant.data_entry_flow import section
from homeassistant.helpers.selector import (
    BooleanSelector,
    EntitySelector,
    EntitySelectorConfig,
    NumberSelector,
    NumberSelectorConfig,
    NumberSelectorMode,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
)
from homeassistant.util import slugify

from .const import (
    AFTER_SESSION_CHOICES,
    AFTER_SESSION_RESTORE,
    CONF_ACKNOWLEDGE_SAFETY,
    CONF_AFTER_SESSION_LIGHTS,
    CONF_ANNOUNCE_START,
    CONF_ANNOUNCE_VOLUME_PCT,
    CONF_BRIGHTNESS_PCT,
    CONF_COLOR_TEMP_KELVIN,
    CONF_LIGHTS,
    CONF_MEDIA_PLAYERS,
    CONF_NOTIFY_TARGET,
    CONF_OCCUPANCY_SENSOR,
    CONF_SATELLITES,
    CONF_SLEEP_DURATION_SENSOR,
    CONF_SLEEP_LATENCY_SENSOR,
    CONF_SLEEP_SCORE_SENSOR,
    CONF_SLEEP_START_ENTITY,
    CONF_TTS_ENTITY,
    CONF_USE_AREA_DEVICES,
    DEFAULT_BRIGHTNESS_PCT,
    DEFAULT_COLOR_TEMP_KELVIN,
    DOMAIN,
    MAX_COLOR_TEMP_KELVIN,
    MIN_COLOR_TEMP_KELVIN,
    OPTION_DOMAINS,
)

# Options form sections; the options themselves are stored flat.
SECTION_LIGHTS: Final = "lights"
SECTION_SPEAKERS: Final = "speakers"
SECTION_SLEEP: Final = "sleep"

MAX_NAME_SLUG_LENGTH: Final = 100
DURATION_UNITS: Final = frozenset(
    {UnitOfTime.SECONDS, UnitOfTime.MINUTES, UnitOfTime.HOURS}
)
DURATION_SENSORS: Final = (CONF_SLEEP_DURATION_SENSOR, CONF_SLEEP_LATENCY_SENSOR)

USER_SCHEMA: Final = vol.Schema(
    {
        vol.Required(CONF_NAME): TextSelector(),
        vol.Required(CONF_ACKNOWLEDGE_SAFETY, default=False): BooleanSelector(),
    }
)

LIGHTS_SCHEMA: Final = vol.Schema(
    {
        vol.Optional(CONF_LIGHTS): EntitySelector(
            EntitySelectorConfig(domain=OPTION_DOMAINS[CONF_LIGHTS], multiple=True)
        ),
        vol.Required(CONF_USE_AREA_DEVICES, default=False): BooleanSelector(),
        vol.Required(CONF_BRIGHTNESS_PCT, default=DEFAULT_BRIGHTNESS_PCT): vol.All(
            NumberSelector(
                NumberSelectorConfig(
                    min=1,
                    max=100,
                    step=1,
                    mode=NumberSelectorMode.SLIDER,
                    unit_of_measurement="%",
                )
            ),
            vol.Coerce(int),
        ),
        # No default: a cleared field means "keep the lights' color".
        vol.Optional(CONF_COLOR_TEMP_KELVIN): vol.All(
            NumberSelector(
                NumberSelectorConfig(
                    min=MIN_COLOR_TEMP_KELVIN,
                    max=MAX_COLOR_TEMP_KELVIN,
                    step=100,
                    mode=NumberSelectorMode.BOX,
                    unit_of_measurement="K",
                )
            ),
            vol.Coerce(int),
        ),
        vol.Required(
            CONF_AFTER_SESSION_LIGHTS, default=AFTER_SESSION_RESTORE
        ): SelectSelector(
            SelectSelectorConfig(
                options=AFTER_SESSION_CHOICES,
                translation_key=CONF_AFTER_SESSION_LIGHTS,
                mode=SelectSelectorMode.DROPDOWN,
            )
        ),
    }
)

SLEEP_SCHEMA: Final = vol.Schema(
    {
        vol.Optional(CONF_OCCUPANCY_SENSOR): EntitySelector(
            EntitySelectorConfig(domain=OPTION_DOMAINS[CONF_OCCUPANCY_SENSOR])
        ),
        vol.Optional(CONF_SLEEP_DURATION_SENSOR): EntitySelector(
            EntitySelectorConfig(domain=OPTION_DOMAINS[CONF_SLEEP_DURATION_SENSOR])
        ),
        vol.Optional(CONF_SLEEP_SCORE_SENSOR): EntitySelector(
            EntitySelectorConfig(domain=OPTION_DOMAINS[CONF_SLEEP_SCORE_SENSOR])
        ),
        vol.Optional(CONF_SLEEP_LATENCY_SENSOR): EntitySelector(
            EntitySelectorConfig(domain=OPTION_DOMAINS[CONF_SLEEP_LATENCY_SENSOR])
        ),
        vol.Optional(CONF_SLEEP_START_ENTITY): EntitySelector(
            EntitySelectorConfig(domain=OPTION_DOMAINS[CONF_SLEEP_START_ENTITY])
        ),
    }
)


def _speakers_schema(hass: HomeAssistant) -> vol.Schema:
    """Build the speakers section; its notify choices are read from the system."""
    return vol.Schema(
        {
            vol.Optional(CONF_MEDIA_PLAYERS): EntitySelector(
                EntitySelectorConfig(
                    domain=OPTION_DOMAINS[CONF_MEDIA_PLAYERS], multiple=True
                )
            ),
            vol.Optional(CONF_SATELLITES): EntitySelector(
                EntitySelectorConfig(
                    domain=OPTION_DOMAINS[CONF_SATELLITES], multiple=True
                )
            ),
            vol.Optional(CONF_TTS_ENTITY): EntitySelector(
                EntitySelectorConfig(domain=OPTION_DOMAINS[CONF_TTS_ENTITY])
            ),
            # A box, as a slider cannot be cleared; cleared = leave the volume.
            vol.Optional(CONF_ANNOUNCE_VOLUME_PCT): vol.All(
                NumberSelector(
                    NumberSelectorConfig(
                        min=1,
                        max=100,
                        step=1,
                        mode=NumberSelectorMode.BOX,
                        unit_of_measurement="%",
                    )
                ),
                vol.Coerce(int),
            ),
            vol.Required(CONF_ANNOUNCE_START, default=False): BooleanSelector(),
            vol.Optional(CONF_NOTIFY_TARGET): SelectSelector(
                SelectSelectorConfig(
                    options=_notify_choices(hass),
                    custom_value=True,
                    mode=SelectSelectorMode.DROPDOWN,
                )
            ),
        }
    )


def _options_schema(hass: HomeAssistant) -> vol.Schema:
    """Build the options form: lights first and open, the rest collapsed."""
    return vol.Schema(
        {
            vol.Required(SECTION_LIGHTS): section(LIGHTS_SCHEMA, {"collapsed": False}),
            vol.Required(SECTION_SPEAKERS): section(
                _speakers_schema(hass), {"collapsed": True}
            ),
            vol.Required(SECTION_SLEEP): section(SLEEP_SCHEMA, {"collapsed": True}),
        }
    )


def _notify_choices(hass: HomeAssistant) -> list[str]:
    """List the notify entities and the notify actions such as mobile_app_<phone>."""
    actions = {
        f"{NOTIFY_DOMAIN}.{name}"
        for name in hass.services.async_services_for_domain(NOTIFY_DOMAIN)
        if name != SERVICE_SEND_MESSAGE
    }
    return sorted(actions.union(hass.states.async_entity_ids(NOTIFY_DOMAIN)))


def _is_notify_target(hass: HomeAssistant, target: str) -> bool:
    """Tell whether a target is a notify entity or a registered notify action."""
    domain, _, name = target.partition(".")
    if domain != NOTIFY_DOMAIN:
        return False
    if hass.states.get(target) is not None:
        return True
    # send_message needs an entity target, so it cannot be a target on its own.
    return name != SERVICE_SEND_MESSAGE and hass.services.has_service(
        NOTIFY_DOMAIN, name
    )


def _has_duration_unit(hass: HomeAssistant, entity_id: str) -> bool:
    """Tell whether a sensor's unit is a duration; a missing entity or unit passes."""
    if (state := hass.states.get(entity_id)) is None:
        return True
    unit = state.attributes.get(ATTR_UNIT_OF_MEASUREMENT)
    return unit is None or unit in DURATION_UNITS


def _is_cleared(value: Any) -> bool:
    """Tell whether the user emptied a field, so its option is removed."""
    return value is None or value in ("", [])


def _flatten(user_input: dict[str, Any]) -> dict[str, Any]:
    """Turn the form's sections into flat options, dropping cleared fields."""
    options: dict[str, Any] = {}
    for fields in user_input.values():
        for key, value in fields.items():
            cleaned = value.strip() if isinstance(value, str) else value
            if not _is_cleared(cleaned):
                options[key] = cleaned
    return options


def _sectioned(options: dict[str, Any], schema: vol.Schema) -> dict[str, Any]:
    """Group flat options by the form's sections, so the form shows their values."""
    return {
        str(section_key): {
            str(key): options[str(key)]
            for key in form_section.schema.schema
            if str(key) in options
        }
        for section_key, form_section in schema.schema.items()
    }


class AcupressureMatConfigFlow(ConfigFlow, domain=DOMAIN):
    """Add a mat: a name and the safety acknowledgement."""

    VERSION = 1
    # 1.2: no unique id; the name lives in the title, which a rename changes.
    MINOR_VERSION = 2

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the mat's name and the acknowledgement of the contraindications."""
        errors: dict[str, str] = {}
        if user_input is not None:
            name = user_input[CONF_NAME].strip()
            if not name:
                errors[CONF_NAME] = "name_required"
            elif len(slugify(name)) > MAX_NAME_SLUG_LENGTH:
                # Entity ids are made from the name; Home Assistant allows 255.
                errors[CONF_NAME] = "name_too_long"
            if not user_input.get(CONF_ACKNOWLEDGE_SAFETY):
                errors["base"] = "safety_not_acknowledged"
            if not errors:
                # Today's titles, so a renamed mat frees its old name; by slug, as
                # the entity ids are made from it.
                if any(
                    slugify(entry.title) == slugify(name)
                    for entry in self._async_current_entries()
                ):
                    return self.async_abort(reason="already_configured")
                return self.async_create_entry(
                    title=name, data={CONF_ACKNOWLEDGE_SAFETY: True}
                )
        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(USER_SCHEMA, user_input),
            errors=errors,
        )

    @staticmethod
    @callback
    def async_get_options_flow(
        config_entry: ConfigEntry,  # noqa: ARG004 (Home Assistant's signature)
    ) -> AcupressureMatOptionsFlow:
        """Return the options flow for a mat."""
        return AcupressureMatOptionsFlow()


class AcupressureMatOptionsFlow(OptionsFlowWithReload):
    """Pick the lights, speakers and sleep sensors around a mat; saving reloads it."""

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show every option in one form, grouped by lights, speakers and sleep."""
        schema = _options_schema(self.hass)
        errors: dict[str, str] = {}
        if user_input is not None:
            options = _flatten(user_input)
            # The frontend shows errors only next to top-level fields, so a
            # field's error is reported on its section.
            target = options.get(CONF_NOTIFY_TARGET)
            if target is not None and not _is_notify_target(self.hass, target):
                errors[SECTION_SPEAKERS] = "invalid_notify_target"
            if not all(
                _has_duration_unit(self.hass, options[key])
                for key in DURATION_SENSORS
                if key in options
            ):
                errors[SECTION_SLEEP] = "invalid_duration_unit"
            if not errors:
                return self.async_create_entry(data=options)
            shown = options
        else:
            shown = dict(self.config_entry.options)
            # A mat that was never configured shows the default color; once
            # saved, a missing color means the user cleared it (keep the color).
            if not shown:
                shown[CONF_COLOR_TEMP_KELVIN] = DEFAULT_COLOR_TEMP_KELVIN
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(
                schema, _sectioned(shown, schema)
            ),
            errors=errors,
        )
