import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { CardSummary } from "../src/data/mat";
import type { HassEntity } from "../src/ha";
import {
  canExtend,
  controlsFor,
  presetChoices,
  ratingDue,
  ratingExpiresIn,
  sessionPhase,
} from "../src/cards/mat-card/session-view";

describe("state → controls", () => {
  test("each session state has its phase", () => {
    assert.equal(sessionPhase("idle"), "idle");
    assert.equal(sessionPhase("running"), "running");
    assert.equal(sessionPhase("paused"), "paused");
    assert.equal(sessionPhase("unavailable"), "unavailable");
    assert.equal(sessionPhase("unknown"), "unavailable");
    assert.equal(sessionPhase(undefined), "missing");
  });
  test("only the controls that fit the state", () => {
    assert.deepEqual(controlsFor("idle"), ["presets", "body_area"]);
    assert.deepEqual(controlsFor("running"), ["pause", "extend", "stop"]);
    assert.deepEqual(controlsFor("paused"), ["resume", "stop"]);
    assert.deepEqual(controlsFor("unavailable"), []);
    assert.deepEqual(controlsFor("missing"), []);
  });
  test("+5 minutes only while the session stays within 40 minutes", () => {
    assert.equal(canExtend(20), true);
    assert.equal(canExtend(35), true);
    assert.equal(canExtend(36), false);
    assert.equal(canExtend(40), false);
    assert.equal(canExtend(undefined), false);
  });
});

describe("presets", () => {
  const lengths = (recommended: unknown) =>
    presetChoices(recommended).map((p) => (p.recommended ? `${p.minutes}*` : `${p.minutes}`));

  test("marks the recommended length", () => {
    assert.deepEqual(lengths("20"), ["15", "20*", "25", "30", "40"]);
    assert.deepEqual(lengths("40"), ["15", "20", "25", "30", "40*"]);
  });
  test("adds a recommended length that is no preset, in order", () => {
    assert.deepEqual(lengths("22"), ["15", "20", "22*", "25", "30", "40"]);
    assert.deepEqual(lengths("35"), ["15", "20", "25", "30", "35*", "40"]);
  });
  test("marks none without a usable recommendation", () => {
    for (const value of ["unknown", "unavailable", "", null, undefined, "12", "45", "20.5"]) {
      assert.deepEqual(lengths(value), ["15", "20", "25", "30", "40"], String(value));
    }
  });
});

describe("rating prompt", () => {
  const NOW = Date.parse("2026-11-24T21:30:00.000Z");
  const ended = (attributes: Record<string, unknown>, at = "2026-11-24T21:20:00.000Z"): HassEntity => ({
    entity_id: "event.bedroom_mat_activity",
    state: at,
    attributes: {
      event_type: "completed",
      session_id: "S1",
      false_start: false,
      rating: null,
      ...attributes,
    },
    last_changed: at,
    last_updated: at,
  });
  const latest: CardSummary["latest"] = { session_id: "S1", rating: null };
  const none = new Set<string>();

  test("asks for the session that just ended", () => {
    assert.equal(ratingDue(ended({}), latest, NOW, none), "S1");
    assert.equal(ratingDue(ended({ event_type: "stopped_early" }), latest, NOW, none), "S1");
  });
  test("not for a start, a pause or a reminder", () => {
    for (const event_type of ["started", "paused", "resumed", "extended", "reminder"]) {
      assert.equal(ratingDue(ended({ event_type }), latest, NOW, none), undefined, event_type);
    }
  });
  test("not for a false start, which is not logged", () => {
    assert.equal(ratingDue(ended({ event_type: "stopped_early", false_start: true }), latest, NOW, none), undefined);
  });
  test("not once rated, at the stop or since", () => {
    assert.equal(ratingDue(ended({ rating: 4 }), latest, NOW, none), undefined);
    assert.equal(ratingDue(ended({}), { session_id: "S1", rating: 3 }, NOW, none), undefined);
  });
  test("not when another session is the latest (deleted, or logged since)", () => {
    assert.equal(ratingDue(ended({}), { session_id: "S2", rating: null }, NOW, none), undefined);
    assert.equal(ratingDue(ended({}), null, NOW, none), undefined);
    assert.equal(ratingDue(ended({}), undefined, NOW, none), undefined);
  });
  test("not once dismissed", () => {
    assert.equal(ratingDue(ended({}), latest, NOW, new Set(["S1"])), undefined);
  });
  test("dismisses itself 30 minutes after the end", () => {
    const activity = ended({});
    assert.equal(ratingExpiresIn(activity, NOW), 20 * 60_000);
    assert.equal(ratingDue(activity, latest, NOW + 20 * 60_000, none), "S1");
    assert.equal(ratingDue(activity, latest, NOW + 20 * 60_000 + 1, none), undefined);
  });
});
