import { DOMAIN } from "../const";
import type { HomeAssistant } from "../ha";

/**
 * A mat's entities by `<domain>.<translation key>` (`sensor.session_end`,
 * `select.body_area`), found through the session entity's device.
 */
export type MatEntities = Record<string, string>;

export const SESSION_KEY = "sensor.session";

const keyOf = (entityId: string, translationKey: string): string =>
  `${entityId.split(".", 1)[0]}.${translationKey}`;

/** Whether an entity is a mat's session sensor (the card's `entity`). */
export function isMatSession(hass: HomeAssistant, entityId: string): boolean {
  const entry = hass.entities[entityId];
  return (
    entry?.platform === DOMAIN &&
    entry.translation_key !== undefined &&
    keyOf(entityId, entry.translation_key) === SESSION_KEY
  );
}

/** The session sensors of all mats, in the registry's order. */
export function findMatSessions(hass: HomeAssistant): string[] {
  return Object.keys(hass.entities).filter((entityId) =>
    isMatSession(hass, entityId),
  );
}

/** The entities on the session sensor's device; empty for anything but a mat. */
export function findMatEntities(
  hass: HomeAssistant,
  sessionEntityId: string,
): MatEntities {
  if (!isMatSession(hass, sessionEntityId)) {
    return {};
  }
  const deviceId = hass.entities[sessionEntityId]?.device_id;
  const found: MatEntities = { [SESSION_KEY]: sessionEntityId };
  if (deviceId === undefined) {
    return found;
  }
  for (const entry of Object.values(hass.entities)) {
    if (
      entry?.device_id === deviceId &&
      entry.platform === DOMAIN &&
      entry.translation_key
    ) {
      found[keyOf(entry.entity_id, entry.translation_key)] = entry.entity_id;
    }
  }
  return found;
}

/** The mat's name: the device's, as the user named it. */
export function matName(
  hass: HomeAssistant,
  sessionEntityId: string,
): string | undefined {
  const deviceId = hass.entities[sessionEntityId]?.device_id;
  const device = deviceId ? hass.devices[deviceId] : undefined;
  return device?.name_by_user || device?.name || undefined;
}

/** What the integration's `acupressure_mat/card/subscribe` pushes. */
export interface CardSummary {
  /** Logged minutes since the week's start. */
  week_minutes: number;
  /** Last night's sleep; null when no sleep sensor is configured. */
  sleep: { score: number | null; duration_minutes: number | null } | null;
  /** The latest logged session. */
  latest: { session_id: string; rating: number | null } | null;
}
