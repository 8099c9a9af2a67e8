import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkConfig, shows } from "../src/cards/mat-card/mat-card-config";
import { findMatEntities, findMatSessions, isMatSession, matName } from "../src/data/mat";
import type { EntityRegistryDisplayEntry, HomeAssistant } from "../src/ha";

const entry = (
  entity_id: string,
  translation_key: string,
  device_id: string,
  platform = "acupressure_mat",
): EntityRegistryDisplayEntry => ({ entity_id, translation_key, device_id, platform });

// Two mats, one renamed in the UI, and a timer that is no mat.
const hass = {
  entities: Object.fromEntries(
    [
      entry("timer.tea", "timer", "kitchen", "timer"),
      entry("sensor.bedroom_mat_session", "session", "bedroom"),
      entry("sensor.bedroom_mat_session_end", "session_end", "bedroom"),
      entry("select.bedroom_mat_body_area", "body_area", "bedroom"),
      entry("event.bedroom_mat_activity", "activity", "bedroom"),
      entry("sensor.my_streak", "streak_days", "bedroom"),
      entry("sensor.guest_mat_session", "session", "guest"),
      entry("sensor.guest_mat_session_end", "session_end", "guest"),
      entry("sensor.other_session", "session", "bedroom", "other_integration"),
    ].map((e) => [e.entity_id, e]),
  ),
  devices: {
    bedroom: { id: "bedroom", name: "Bedroom mat", name_by_user: null },
    guest: { id: "guest", name: "Guest mat", name_by_user: "Ana's mat" },
  },
} as unknown as HomeAssistant;

describe("finding the mat", () => {
  test("the session sensors of all mats, by platform and translation key", () => {
    assert.deepEqual(findMatSessions(hass), ["sensor.bedroom_mat_session", "sensor.guest_mat_session"]);
    assert.equal(isMatSession(hass, "sensor.bedroom_mat_session_end"), false);
    assert.equal(isMatSession(hass, "sensor.other_session"), false);
    assert.equal(isMatSession(hass, "sensor.nowhere"), false);
  });
  test("the mat's other entities through its device, renamed ones too", () => {
    assert.deepEqual(findMatEntities(hass, "sensor.bedroom_mat_session"), {
      "sensor.session": "sensor.bedroom_mat_session",
      "sensor.session_end": "sensor.bedroom_mat_session_end",
      "select.body_area": "select.bedroom_mat_body_area",
      "event.activity": "event.bedroom_mat_activity",
      "sensor.streak_days": "sensor.my_streak",
    });
    assert.deepEqual(findMatEntities(hass, "sensor.guest_mat_session"), {
      "sensor.session": "sensor.guest_mat_session",
      "sensor.session_end": "sensor.guest_mat_session_end",
    });
    assert.deepEqual(findMatEntities(hass, "timer.tea"), {});
  });
  test("the mat's name as the user named its device", () => {
    assert.equal(matName(hass, "sensor.bedroom_mat_session"), "Bedroom mat");
    assert.equal(matName(hass, "sensor.guest_mat_session"), "Ana's mat");
  });
});

describe("card configuration", () => {
  test("needs the entity; the options are true or false", () => {
    const config = checkConfig({ type: "custom:acupressure-mat-card", entity: "sensor.bedroom_mat_session" });
    assert.equal(shows(config, "show_sleep"), true);
    assert.equal(shows({ ...config, show_sleep: false }, "show_sleep"), false);
    assert.throws(() => checkConfig({ type: "custom:acupressure-mat-card" }), /entity/);
    assert.throws(() => checkConfig({ type: "x", entity: "sensor.a", show_stats: "no" }), /show_stats/);
    assert.throws(() => checkConfig({ type: "x", entity: "sensor.a", name: 3 }), /name/);
    assert.throws(() => checkConfig(null), /Invalid/);
  });
});
