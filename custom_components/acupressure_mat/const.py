"""Constants for the Acupressure Mat integration."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Final

DOMAIN: Final = "acupressure_mat"

# Session lengths: the seed article's 15-40 minute window.
MIN_MINUTES: Final = 15
MAX_MINUTES: Final = 40
EXTEND_STEP_MINUTES: Final = 5
MIN_EXTEND_MINUTES: Final = 1
MAX_EXTEND_MINUTES: Final = 20
# A session stopped this early is a false start: not logged.
FALSE_START: Final = timedelta(minutes=2)
# A pause this long ends the session (stopped early), so the room is put back.
MAX_PAUSE: Final = timedelta(minutes=30)

BODY_AREAS: Final = ["back", "neck", "feet"]
DEFAULT_BODY_AREA: Final = "back"
DEFAULT_BEDTIME: Final = time(22, 30)

STATE_IDLE: Final = "idle"
STATE_RUNNING: Final = "running"
STATE_PAUSED: Final = "paused"
SESSION_STATES: Final = [STATE_IDLE, STATE_RUNNING, STATE_PAUSED]

OUTCOME_COMPLETED: Final = "completed"
OUTCOME_STOPPED_EARLY: Final = "stopped_early"

# Activity event entity types.
ACTIVITY_STARTED: Final = "started"
ACTIVITY_PAUSED: Final = "paused"
ACTIVITY_RESUMED: Final = "resumed"
ACTIVITY_EXTENDED: Final = "extended"
ACTIVITY_COMPLETED: Final = "completed"
ACTIVITY_STOPPED_EARLY: Final = "stopped_early"
ACTIVITY_REMINDER: Final = "reminder"
ACTIVITY_TYPES: Final = [
    ACTIVITY_STARTED,
    ACTIVITY_PAUSED,
    ACTIVITY_RESUMED,
    ACTIVITY_EXTENDED,
    ACTIVITY_COMPLETED,
    ACTIVITY_STOPPED_EARLY,
    ACTIVITY_REMINDER,
]

# Bus events.
EVENT_SESSION_STARTED: Final = f"{DOMAIN}_session_started"
EVENT_SESSION_ENDED: Final = f"{DOMAIN}_session_ended"
EVENT_SESSION_RATED: Final = f"{DOMAIN}_session_rated"
# What happens in between, each a logbook line of its own.
EVENT_SESSION_PAUSED: Final = f"{DOMAIN}_session_paused"
EVENT_SESSION_RESUMED: Final = f"{DOMAIN}_session_resumed"
EVENT_SESSION_EXTENDED: Final = f"{DOMAIN}_session_extended"
EVENT_SESSION_REMINDER: Final = f"{DOMAIN}_session_reminder"
# Someone lay down on the mat or got up (its occupancy sensor), for automations.
EVENT_OCCUPANCY_CHANGED: Final = f"{DOMAIN}_occupancy_changed"

# Config entry data.
CONF_ACKNOWLEDGE_SAFETY: Final = "acknowledge_safety"

# Options (PRODUCT.md section 2).
CONF_LIGHTS: Final = "lights"
CONF_USE_AREA_DEVICES: Final = "use_area_devices"
CONF_BRIGHTNESS_PCT: Final = "brightness_pct"
CONF_COLOR_TEMP_KELVIN: Final = "color_temp_kelvin"
CONF_AFTER_SESSION_LIGHTS: Final = "after_session_lights"
CONF_MEDIA_PLAYERS: Final = "media_players"
CONF_SATELLITES: Final = "satellites"
CONF_TTS_ENTITY: Final = "tts_entity"
CONF_ANNOUNCE_VOLUME_PCT: Final = "announce_volume_pct"
CONF_ANNOUNCE_START: Final = "announce_start"
CONF_NOTIFY_TARGET: Final = "notify_target"
CONF_OCCUPANCY_SENSOR: Final = "occupancy_sensor"
CONF_SLEEP_DURATION_SENSOR: Final = "sleep_duration_sensor"
CONF_SLEEP_SCORE_SENSOR: Final = "sleep_score_sensor"
CONF_SLEEP_LATENCY_SENSOR: Final = "sleep_latency_sensor"
CONF_SLEEP_START_ENTITY: Final = "sleep_start_entity"

# The options that name entities, and the entity domains each one takes; the
# options flow and the repair flow both pick entities from these.
OPTION_DOMAINS: Final[dict[str, list[str]]] = {
    CONF_LIGHTS: ["light"],
    CONF_MEDIA_PLAYERS: ["media_player"],
    CONF_SATELLITES: ["assist_satellite"],
    CONF_TTS_ENTITY: ["tts"],
    CONF_NOTIFY_TARGET: ["notify"],
    CONF_OCCUPANCY_SENSOR: ["binary_sensor"],
    CONF_SLEEP_DURATION_SENSOR: ["sensor"],
    CONF_SLEEP_SCORE_SENSOR: ["sensor"],
    CONF_SLEEP_LATENCY_SENSOR: ["sensor"],
    CONF_SLEEP_START_ENTITY: ["sensor", "event"],
}
# Sensors with nothing to show until the option they read is set: key -> option.
SENSORS_ENABLED_BY_OPTION: Final = {
    "typical_sleep_onset": CONF_SLEEP_START_ENTITY,
    "sleep_effect": CONF_SLEEP_SCORE_SENSOR,
}

AFTER_SESSION_RESTORE: Final = "restore"
AFTER_SESSION_OFF: Final = "off"
AFTER_SESSION_LEAVE: Final = "leave"
AFTER_SESSION_CHOICES: Final = [
    AFTER_SESSION_RESTORE,
    AFTER_SESSION_OFF,
    AFTER_SESSION_LEAVE,
]

DEFAULT_BRIGHTNESS_PCT: Final = 20
DEFAULT_COLOR_TEMP_KELVIN: Final = 2200
MIN_COLOR_TEMP_KELVIN: Final = 2000
MAX_COLOR_TEMP_KELVIN: Final = 6500

# Action fields.
ATTR_DURATION: Final = "duration"
ATTR_BODY_AREA: Final = "body_area"
ATTR_DIM_LIGHTS: Final = "dim_lights"
ATTR_ANNOUNCE: Final = "announce"
ATTR_USE_RECOMMENDED: Final = "use_recommended"
ATTR_RATING: Final = "rating"
ATTR_MINUTES: Final = "minutes"
ATTR_SESSION_ID: Final = "session_id"
ATTR_ENDS_AT: Final = "ends_at"
ATTR_LAST_NIGHT: Final = "last_night"
ATTR_PLANNED_MINUTES: Final = "planned_minutes"
ATTR_REMAINING_MINUTES: Final = "remaining_minutes"
ATTR_OUTCOME: Final = "outcome"
ATTR_ACTIVE_MINUTES: Final = "active_minutes"
ATTR_ENDED_WHILE_OFFLINE: Final = "ended_while_offline"
ATTR_NOTES: Final = "notes"
ATTR_START: Final = "start"
ATTR_END: Final = "end"
ATTR_LIMIT: Final = "limit"

MIN_RATING: Final = 1
MAX_RATING: Final = 5
MAX_NOTES_LENGTH: Final = 500
DEFAULT_HISTORY_DAYS: Final = 30
DEFAULT_HISTORY_LIMIT: Final = 100
MIN_HISTORY_LIMIT: Final = 1
MAX_HISTORY_LIMIT: Final = 10_000
# A suggested start leaves this long between the session's end and bedtime.
WIND_DOWN_BUFFER: Final = timedelta(minutes=10)

SERVICE_START_SESSION: Final = "start_session"
SERVICE_STOP_SESSION: Final = "stop_session"
SERVICE_PAUSE_SESSION: Final = "pause_session"
SERVICE_RESUME_SESSION: Final = "resume_session"
SERVICE_EXTEND_SESSION: Final = "extend_session"
SERVICE_RATE_SESSION: Final = "rate_session"
SERVICE_DELETE_SESSION: Final = "delete_session"
SERVICE_LOG_SESSION: Final = "log_session"
SERVICE_GET_HISTORY: Final = "get_history"

STORAGE_VERSION: Final = 1
HISTORY_STORAGE_VERSION: Final = 2
