import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, mock, test } from "node:test";
import {
  formatClock,
  msToNextTick,
  pausedSecondsLeft,
  ringFraction,
  secondsLeft,
} from "../src/shared/countdown";
import { CountdownController } from "../src/shared/countdown-controller";

const START = Date.parse("2026-11-24T21:00:00.000Z");
const endIn = (seconds: number) => new Date(START + seconds * 1000).toISOString();

describe("secondsLeft", () => {
  test("counts whole seconds up to the end, rounding up", () => {
    assert.equal(secondsLeft(endIn(1200), START), 1200);
    assert.equal(secondsLeft(endIn(1200), START + 400), 1200);
    assert.equal(secondsLeft(endIn(1200), START + 1000), 1199);
  });
  test("is 0 once the end has passed, never negative", () => {
    assert.equal(secondsLeft(endIn(10), START + 10_000), 0);
    assert.equal(secondsLeft(endIn(10), START + 60_000), 0);
  });
  test("has no value without an end", () => {
    assert.equal(secondsLeft(undefined, START), undefined);
    assert.equal(secondsLeft("unknown", START), undefined);
  });
});

describe("pausedSecondsLeft", () => {
  test("reads the remaining_minutes attribute", () => {
    assert.equal(pausedSecondsLeft(12.5), 750);
    assert.equal(pausedSecondsLeft(0), 0);
  });
  test("has no value without it", () => {
    assert.equal(pausedSecondsLeft(undefined), undefined);
    assert.equal(pausedSecondsLeft(null), undefined);
    assert.equal(pausedSecondsLeft("unknown"), undefined);
  });
});

describe("formatClock", () => {
  test("shows mm:ss, minutes not wrapped", () => {
    assert.equal(formatClock(2400), "40:00");
    assert.equal(formatClock(1199), "19:59");
    assert.equal(formatClock(65), "01:05");
    assert.equal(formatClock(0), "00:00");
  });
});

describe("ringFraction", () => {
  test("is the part of the plan still to go", () => {
    assert.equal(ringFraction(600, 20), 0.5);
    assert.equal(ringFraction(1200, 20), 1);
    assert.equal(ringFraction(0, 20), 0);
  });
  test("stays within 0 and 1", () => {
    assert.equal(ringFraction(3000, 20), 1);
    assert.equal(ringFraction(undefined, 20), 0);
    assert.equal(ringFraction(600, undefined), 0);
  });
});

describe("msToNextTick", () => {
  test("lands just after the shown second changes", () => {
    assert.equal(msToNextTick(endIn(10), START + 300), 705);
    assert.equal(msToNextTick(endIn(10), START), 1005);
  });
  test("waits a second once the end has passed", () => {
    assert.equal(msToNextTick(endIn(10), START + 11_000), 1000);
  });
});

describe("CountdownController", () => {
  let updates = 0;
  const host = {
    addController: () => undefined,
    removeController: () => undefined,
    requestUpdate: () => {
      updates += 1;
    },
    updateComplete: Promise.resolve(true),
  };

  // Small steps: a timer that a timer callback sets is due in a later step.
  const advance = (ms: number) => {
    for (let step = 0; step < ms; step += 100) {
      mock.timers.tick(Math.min(100, ms - step));
    }
  };

  beforeEach(() => {
    updates = 0;
    mock.timers.enable({ apis: ["setTimeout", "Date"], now: START });
  });
  afterEach(() => {
    mock.timers.reset();
  });

  test("re-renders its host once a second while connected", () => {
    const countdown = new CountdownController(host, () => Date.now());
    countdown.setEnd(endIn(5));
    assert.equal(countdown.running, false, "no timer before the element is connected");
    countdown.hostConnected();
    assert.equal(countdown.seconds, 5);
    advance(1005);
    assert.equal(updates, 1);
    assert.equal(countdown.seconds, 4);
    advance(2000);
    assert.equal(updates, 3);
    assert.equal(countdown.seconds, 2);
  });

  test("stops when the element is disconnected", () => {
    const countdown = new CountdownController(host, () => Date.now());
    countdown.setEnd(endIn(60));
    countdown.hostConnected();
    advance(1005);
    countdown.hostDisconnected();
    assert.equal(countdown.running, false);
    advance(10_000);
    assert.equal(updates, 1);
  });

  test("stops when the session has no end any more, and at zero", () => {
    const countdown = new CountdownController(host, () => Date.now());
    countdown.hostConnected();
    countdown.setEnd(endIn(2));
    advance(5000);
    assert.equal(updates, 2, "two ticks, then the end is reached");
    assert.equal(countdown.running, false);
    countdown.setEnd(endIn(600));
    assert.equal(countdown.running, true);
    countdown.setEnd(undefined);
    assert.equal(countdown.running, false);
  });
});
