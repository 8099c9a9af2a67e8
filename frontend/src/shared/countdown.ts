// A countdown computed in the browser from the session's end: Home Assistant
// writes the end once, the card counts the seconds.

/** Whole seconds left until `endsAt` (rounded up; 0 once passed), or undefined. */
export function secondsLeft(
  endsAt: string | undefined,
  nowMs: number,
): number | undefined {
  if (!endsAt) {
    return undefined;
  }
  const end = Date.parse(endsAt);
  if (Number.isNaN(end)) {
    return undefined;
  }
  return Math.max(0, Math.ceil((end - nowMs) / 1000));
}

/** Seconds left of a paused session, from its `remaining_minutes` attribute. */
export function pausedSecondsLeft(remainingMinutes: unknown): number | undefined {
  const minutes = Number(remainingMinutes);
  if (remainingMinutes === null || remainingMinutes === undefined || !Number.isFinite(minutes)) {
    return undefined;
  }
  return Math.max(0, Math.round(minutes * 60));
}

/** "mm:ss" (minutes not wrapped: a 40-minute session shows 40:00). */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  return `${String(minutes).padStart(2, "0")}:${String(rest).padStart(2, "0")}`;
}

/** The part of the planned session still to go, 0–1, for the ring. */
export function ringFraction(
  seconds: number | undefined,
  plannedMinutes: unknown,
): number {
  const planned = Number(plannedMinutes) * 60;
  if (seconds === undefined || !Number.isFinite(planned) || planned <= 0) {
    return 0;
  }
  return Math.min(1, Math.max(0, seconds / planned));
}

/**
 * Milliseconds until the shown second changes, so each tick lands just after
 * a whole second of the end, not drifting with the timer.
 */
export function msToNextTick(endsAt: string, nowMs: number): number {
  const end = Date.parse(endsAt);
  const msLeft = end - nowMs;
  if (Number.isNaN(end) || msLeft <= 0) {
    return 1000;
  }
  const intoSecond = msLeft % 1000;
  return (intoSecond === 0 ? 1000 : intoSecond) + 5;
}
