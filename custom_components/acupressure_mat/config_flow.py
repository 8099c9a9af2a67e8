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
    OptionsFlow,
)
from homeassistant.const import ATTR_UNIT_OF_MEASUREMENT, CONF_NAME, UnitOfTime
from homeassistant.core import HomeAssistant, callback
from homeassistant.data_entry_flow import section
from homeassistant.helpers import entity_registry as er
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
    SENSORS_ENABLED_BY_OPTION,
)
from .names import notify_choices

# Options form sections, by what they are about; the options are stored flat.
SECTION_ROOM: Final = "room"
SECTION_ANNOUNCEMENTS: Final = "announcements"
SECTION_PRESENCE: Final = "presence"
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


def _percent(mode: NumberSelectorMode) -> vol.All:
    """A whole percentage from 1 to 100, stored as a whole number."""
    return vol.All(
        NumberSelector(
            NumberSelectorConfig(
                min=1, max=100, step=1, mode=mode, unit_of_measurement="%"
            )
        ),
        vol.Coerce(int),
    )


ROOM_SCHEMA: Final = vol.Schema(
    {
        vol.Optional(CONF_LIGHTS): EntitySelector(
            EntitySelectorConfig(domain=OPTION_DOMAINS[CONF_LIGHTS], multiple=True)
        ),
        vol.Required(CONF_USE_AREA_DEVICES, default=False): BooleanSelector(),
        vol.Required(CONF_BRIGHTNESS_PCT, default=DEFAULT_BRIGHTNESS_PCT): _percent(
            NumberSelectorMode.SLIDER
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

PRESENCE_SCHEMA: Final = vol.Schema(
    {
        vol.Optional(CONF_OCCUPANCY_SENSOR): EntitySelector(
            EntitySelectorConfig(domain=OPTION_DOMAINS[CONF_OCCUPANCY_SENSOR])
        ),
    }
)

SLEEP_SCHEMA: Final = vol.Schema(
    {
        vol.Optional(key): EntitySelector(
            EntitySelectorConfig(domain=OPTION_DOMAINS[key])
        )
        for key in (
            CONF_SLEEP_DURATION_SENSOR,
            CONF_SLEEP_SCORE_SENSOR,
            CONF_SLEEP_LATENCY_SENSOR,
            CONF_SLEEP_START_ENTITY,
        )
    }
)


def _announcements_schema(hass: HomeAssistant) -> vol.Schema:
    """Build the announcements section; its notify choices are read from the system."""
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
            vol.Optional(CONF_ANNOUNCE_VOLUME_PCT): _percent(NumberSelectorMode.BOX),
            vol.Required(CONF_ANNOUNCE_START, default=False): BooleanSelector(),
            vol.Optional(CONF_NOTIFY_TARGET): SelectSelector(
                SelectSelectorConfig(
                    options=notify_choices(hass),
                    custom_value=True,
                    mode=SelectSelectorMode.DROPDOWN,
                )
            ),
        }
    )


def _options_schema(hass: HomeAssistant) -> vol.Schema:
    """Build the options form: the room first and open, the rest collapsed."""
    # Optional: a client that leaves a section out leaves its options as they are.
    return vol.Schema(
        {
            vol.Optional(SECTION_ROOM): section(ROOM_SCHEMA, {"collapsed": False}),
            vol.Optional(SECTION_ANNOUNCEMENTS): section(
                _announcements_schema(hass), {"collapsed": True}
            ),
            vol.Optional(SECTION_PRESENCE): section(
                PRESENCE_SCHEMA, {"collapsed": True}
            ),
            vol.Optional(SECTION_SLEEP): section(SLEEP_SCHEMA, {"collapsed": True}),
        }
    )


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


def _section_fields(form_section: section) -> list[str]:
    return [str(key) for key in form_section.schema.schema]


def _flatten(
    user_input: dict[str, Any], shown: dict[str, Any], schema: vol.Schema
) -> dict[str, Any]:
    """Turn the form's sections into flat options, dropping cleared fields.

    The frontend sends every section with what it showed, so a section the user
    never opened keeps its values; a section left out is kept as it was shown.
    """
    options: dict[str, Any] = {}
    for section_key, form_section in schema.schema.items():
        fields = _section_fields(form_section)
        sent = user_input.get(str(section_key))
        if sent is None:
            sent = {key: shown[key] for key in fields if key in shown}
        for key, value in sent.items():
            cleaned = value.strip() if isinstance(value, str) else value
            if not _is_cleared(cleaned):
                options[key] = cleaned
    return options


def _sectioned(options: dict[str, Any], schema: vol.Schema) -> dict[str, Any]:
    """Group flat options by the form's sections, so the form shows their values."""
    return {
        str(section_key): {
            key: options[key] for key in _section_fields(form_section) if key in options
        }
        for section_key, form_section in schema.schema.items()
    }


@callback
def _enable_sensors_for(
    hass: HomeAssistant, entry_id: str, options: dict[str, Any]
) -> None:
    """Enable the sensors an option now gives something to show.

    Only those disabled by the integration: a sensor the user turned off stays
    off. Home Assistant adds an enabled entity when it reloads the mat.
    """
    registry = er.async_get(hass)
    for key, option in SENSORS_ENABLED_BY_OPTION.items():
        entity_id = registry.async_get_entity_id("sensor", DOMAIN, f"{entry_id}-{key}")
        entity = registry.async_get(entity_id) if entity_id else None
        if (
            option in options
            and entity is not None
            and entity.disabled_by is er.RegistryEntryDisabler.INTEGRATION
        ):
            registry.async_update_entity(entity.entity_id, disabled_by=None)


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
            # Today's titles, so a renamed mat frees its old name; by slug, as the
            # entity ids are made from it.
            elif any(
                slugify(entry.title) == slugify(name)
                for entry in self._async_current_entries()
            ):
                errors[CONF_NAME] = "already_configured"
            if not user_input.get(CONF_ACKNOWLEDGE_SAFETY):
                errors["base"] = "safety_not_acknowledged"
            if not errors:
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


class AcupressureMatOptionsFlow(OptionsFlow):
    """Pick the lights, speakers and sleep sensors around a mat.

    Saving applies the options in place (see __init__.py): no entity reloads,
    and a running session goes on as it was.
    """

    async def async_step_init(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show every option in one form, grouped by what each is about."""
        schema = _options_schema(self.hass)
        errors: dict[str, str] = {}
        shown = dict(self.config_entry.options)
        # A mat that was never configured shows the default color; once saved, a
        # missing color means the user cleared it (keep the color).
        if not shown:
            shown[CONF_COLOR_TEMP_KELVIN] = DEFAULT_COLOR_TEMP_KELVIN
        if user_input is not None:
            options = _flatten(user_input, shown, schema)
            # The frontend shows errors only next to top-level fields, so a
            # field's error is reported on its section.
            target = options.get(CONF_NOTIFY_TARGET)
            if target is not None and not _is_notify_target(self.hass, target):
                errors[SECTION_ANNOUNCEMENTS] = "invalid_notify_target"
            if not all(
                _has_duration_unit(self.hass, options[key])
                for key in DURATION_SENSORS
                if key in options
            ):
                errors[SECTION_SLEEP] = "invalid_duration_unit"
            if not errors:
                _enable_sensors_for(self.hass, self.config_entry.entry_id, options)
                return self.async_create_entry(data=options)
            shown = options
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(
                schema, _sectioned(shown, schema)
            ),
            errors=errors,
        )
