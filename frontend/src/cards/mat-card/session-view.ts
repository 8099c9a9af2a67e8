// What the card shows for a session state: pure functions, tested on their own.

import type { CardSummary } from "../../data/mat";
import type { HassEntity } from "../../ha";
import { EXTEND_MINUTES, MAX_MINUTES, PRESETS, RATING_WINDOW_MINUTES } from "./const";

export type Phase = "missing" | "unavailable" | "idle" | "running" | "paused";

export type Control = "presets" | "body_area" | "pause" | "resume" | "extend" | "stop";

/** The session entity's state as a phase of the card. */
export function sessionPhase(state: string | undefined): Phase {
  if (state === undefined) {
    return "missing";
  }
  if (state === "idle" || state === "running" || state === "paused") {
    return state;
  }
  return "unavailable";
}

/** Only the controls that fit the state: nothing Home Assistant would refuse. */
export function controlsFor(phase: Phase): Control[] {
  switch (phase) {
    case "idle":
      return ["presets", "body_area"];
    case "running":
      return ["pause", "extend", "stop"];
    case "paused":
      return ["resume", "stop"];
    default:
      return [];
  }
}

/** +5 minutes fits while the planned total stays within 40 minutes. */
export function canExtend(plannedMinutes: unknown): boolean {
  const planned = Number(plannedMinutes);
  return Number.isFinite(planned) && planned + EXTEND_MINUTES <= MAX_MINUTES;
}

export interface Preset {
  minutes: number;
  recommended: boolean;
}

/** The presets, with the recommended length marked (added in order when it is none of them). */
export function presetChoices(recommended: unknown): Preset[] {
  const value = Number(recommended);
  const valid =
    recommended !== null &&
    recommended !== "" &&
    Number.isInteger(value) &&
    value >= PRESETS[0] &&
    value <= MAX_MINUTES;
  const lengths = valid && !PRESETS.includes(value) ? [...PRESETS, value].sort((a, b) => a - b) : [...PRESETS];
  return lengths.map((minutes) => ({ minutes, recommended: valid && minutes === value }));
}

const ENDED = new Set(["completed", "stopped_early"]);

/**
 * The session to ask a rating for, if one just ended: the activity entity's
 * last event is an end (not a false start, not rated at the stop), it is at
 * most 30 minutes old, it is the latest logged session and still unrated,
 * and the user has not dismissed the prompt.
 */
export function ratingDue(
  activity: HassEntity | undefined,
  latest: CardSummary["latest"] | undefined,
  nowMs: number,
  dismissed: ReadonlySet<string>,
): string | undefined {
  if (!activity || !latest) {
    return undefined;
  }
  const { event_type, session_id, false_start, rating } = activity.attributes;
  if (
    typeof event_type !== "string" ||
    !ENDED.has(event_type) ||
    typeof session_id !== "string" ||
    false_start === true ||
    (rating !== null && rating !== undefined) ||
    dismissed.has(session_id) ||
    latest.session_id !== session_id ||
    latest.rating !== null
  ) {
    return undefined;
  }
  const endedAt = Date.parse(activity.state);
  if (Number.isNaN(endedAt) || nowMs - endedAt > RATING_WINDOW_MINUTES * 60_000) {
    return undefined;
  }
  return session_id;
}

/** When a due rating prompt expires, in milliseconds from now. */
export function ratingExpiresIn(activity: HassEntity, nowMs: number): number {
  return Math.max(0, Date.parse(activity.state) + RATING_WINDOW_MINUTES * 60_000 - nowMs);
}
