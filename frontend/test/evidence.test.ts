import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { sleepEvidence } from "../src/cards/mat-card/evidence";
import type { HassEntity } from "../src/ha";

const effect = (state: string, attributes: Record<string, unknown>): HassEntity =>
  ({
    entity_id: "sensor.bedroom_mat_sleep_effect",
    state,
    attributes: { method: "welch_t_95", ...attributes },
    last_changed: "2026-11-02T17:00:00+00:00",
    last_updated: "2026-11-02T17:00:00+00:00",
    context: { id: "1", parent_id: null, user_id: null },
  }) as unknown as HassEntity;

const clear = effect("6", {
  mat_nights: 30,
  baseline_nights: 30,
  band_low: 4.42,
  band_high: 7.58,
  verdict: "higher_on_mat_nights",
});

describe("the sleep effect in words", () => {
  test("a band above zero gives the difference, its band and the nights", () => {
    assert.equal(sleepEvidence("en", clear), "Sleep score +6 on mat nights (band 4.4 to 7.6, 30 vs 30 nights)");
    assert.equal(
      sleepEvidence("de", clear),
      "Schlafwert +6 in Mattennächten (Bereich 4,4 bis 7,6, 30 gegen 30 Nächte)",
    );
  });
  test("a band below zero keeps the minus sign", () => {
    const lower = effect("-4.5", {
      mat_nights: 20,
      baseline_nights: 25,
      band_low: -8,
      band_high: -1,
      verdict: "lower_on_mat_nights",
    });
    assert.equal(sleepEvidence("en", lower), "Sleep score -4.5 on mat nights (band -8 to -1, 20 vs 25 nights)");
  });
  test("a band through zero is not enough to tell", () => {
    const unclear = effect("1.5", {
      mat_nights: 30,
      baseline_nights: 30,
      band_low: -2.6,
      band_high: 9.9,
      verdict: "no_clear_difference",
    });
    assert.equal(sleepEvidence("en", unclear), "Not enough nights to tell yet (band -2.6 to 9.9, 30 vs 30 nights)");
  });
  test("too few nights say how many there are, in every language", () => {
    const few = effect("unknown", { mat_nights: 3, baseline_nights: 2, band_low: null, band_high: null, verdict: "not_enough_nights" });
    assert.equal(sleepEvidence("en", few), "Not enough nights to tell yet (3 and 2 nights)");
    assert.equal(sleepEvidence("de", few), "Noch zu wenige Nächte für eine Aussage (3 und 2 Nächte)");
    assert.equal(sleepEvidence("nl", few), "Nog te weinig nachten om iets te zeggen (3 en 2 nachten)");
    assert.equal(sleepEvidence("fr", few), "Pas encore assez de nuits pour le dire (3 et 2 nuits)");
    assert.equal(sleepEvidence("es", few), "Aún no hay noches suficientes para saberlo (3 y 2 noches)");
  });
  test("nothing without the sensor or its verdict", () => {
    assert.equal(sleepEvidence("en", undefined), undefined);
    assert.equal(sleepEvidence("en", effect("unavailable", {})), undefined);
    assert.equal(sleepEvidence("en", effect("2", { verdict: "improves_your_sleep" })), undefined);
  });
  test("never a medical claim, in any language", () => {
    for (const language of ["en", "de", "nl", "fr", "es"]) {
      const text = sleepEvidence(language, clear) ?? "";
      assert.doesNotMatch(text, /improv|verbessert|verbetert|améliore|mejora/i, language);
    }
  });
});
