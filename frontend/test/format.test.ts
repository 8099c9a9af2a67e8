import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  eveningOf,
  firstWeekday,
  formatDuration,
  formatMinutes,
  formatNumber,
  weekStart,
} from "../src/cards/mat-card/format";

describe("numbers in the user's language", () => {
  test("minutes", () => {
    assert.equal(formatMinutes("en", 85), "85 min");
    assert.equal(formatMinutes("en", 84.6), "85 min");
    assert.equal(formatMinutes("de", 85), "85 Min.");
  });
  test("sleep durations in hours and minutes", () => {
    assert.equal(formatDuration("en", 432), "7 hr 12 min");
    assert.equal(formatDuration("de", 432), "7 Std. 12 Min.");
    assert.equal(formatDuration("en", 480), "8 hr");
    assert.equal(formatDuration("en", 45), "45 min");
  });
  test("scores", () => {
    assert.equal(formatNumber("en", 81.5), "81.5");
    assert.equal(formatNumber("de", 81.5), "81,5");
  });
});

describe("the week and the night", () => {
  test("the week starts on the user's day, else the language's", () => {
    assert.equal(firstWeekday("monday", "en"), 1);
    assert.equal(firstWeekday("sunday", "de"), 0);
    assert.equal(firstWeekday("language", "de"), 1);
    assert.equal(firstWeekday("language", "en-US"), 0);
    assert.equal(firstWeekday(undefined, "not a language tag!"), 1);
  });
  test("local midnight of the week's first day", () => {
    // Wednesday 25 November 2026, 08:15 local time.
    const wednesday = new Date(2026, 10, 25, 8, 15);
    assert.deepEqual(weekStart(wednesday, 1), new Date(2026, 10, 23));
    assert.deepEqual(weekStart(wednesday, 0), new Date(2026, 10, 22));
    assert.deepEqual(weekStart(new Date(2026, 10, 23, 0, 0), 1), new Date(2026, 10, 23));
  });
  test("a night belongs to its evening until 03:00", () => {
    assert.equal(eveningOf(new Date(2026, 10, 25, 2, 59)), "2026-11-24");
    assert.equal(eveningOf(new Date(2026, 10, 25, 3, 1)), "2026-11-25");
    assert.equal(eveningOf(new Date(2026, 10, 24, 22, 0)), "2026-11-24");
  });
});
