import type { LovelaceCardConfig } from "../../ha";

/** `type: custom:acupressure-mat-card`. */
export interface MatCardConfig extends LovelaceCardConfig {
  /** The mat's session sensor, `sensor.<mat>_session`. */
  entity: string;
  /** Title; the mat's name when left out. */
  name?: string;
  show_presets?: boolean;
  show_body_area?: boolean;
  show_sleep?: boolean;
  show_stats?: boolean;
  show_rating?: boolean;
}

export const SHOW_OPTIONS = [
  "show_presets",
  "show_body_area",
  "show_sleep",
  "show_stats",
  "show_rating",
] as const;

export type ShowOption = (typeof SHOW_OPTIONS)[number];

/** Everything is shown unless turned off. */
export const shows = (config: MatCardConfig, option: ShowOption): boolean =>
  config[option] !== false;

/** Check a card configuration as Home Assistant hands it over; throws on a bad one. */
export function checkConfig(config: unknown): MatCardConfig {
  if (!config || typeof config !== "object") {
    throw new Error("Invalid configuration");
  }
  const candidate = config as Record<string, unknown>;
  if (typeof candidate.entity !== "string") {
    throw new Error("entity: the mat's session sensor (sensor.<mat>_session) is required");
  }
  if (candidate.name !== undefined && typeof candidate.name !== "string") {
    throw new Error("name must be text");
  }
  for (const option of SHOW_OPTIONS) {
    if (candidate[option] !== undefined && typeof candidate[option] !== "boolean") {
      throw new Error(`${option} must be true or false`);
    }
  }
  return candidate as MatCardConfig;
}
