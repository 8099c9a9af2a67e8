import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { describe, test } from "node:test";
import { cardLanguage, LANGUAGES, localize, localizeCount } from "../src/localize/localize";

const keys = (table: object, prefix = ""): string[] =>
  Object.entries(table).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keys(value as object, `${prefix}${key}.`),
  );

describe("the card's strings", () => {
  test("follow hass.locale.language, its base language, else English", () => {
    assert.equal(cardLanguage("de"), "de");
    assert.equal(cardLanguage("de-CH"), "de");
    assert.equal(cardLanguage("xx"), "en");
    assert.equal(cardLanguage(undefined), "en");
    assert.equal(localize("de", "controls.resume"), "Fortsetzen");
    assert.equal(localize("xx", "controls.resume"), "Resume");
  });
  test("fill placeholders", () => {
    assert.equal(localize("en", "presets.start", { minutes: 20 }), "Start a 20 minute session");
    assert.equal(localize("de", "presets.why", { minutes: 25 }), "Warum 25 Minuten?");
  });
  test("count in the language's plural forms", () => {
    assert.equal(localizeCount("en", "stats.streak_value", 1), "1 evening");
    assert.equal(localizeCount("en", "stats.streak_value", 4), "4 evenings");
    assert.equal(localizeCount("de", "stats.streak_value", 1), "1 Abend");
    assert.equal(localizeCount("de", "stats.streak_value", 0), "0 Abende");
    assert.equal(localizeCount("nl", "stats.streak_value", 1), "1 avond");
    // French counts zero as singular.
    assert.equal(localizeCount("fr", "stats.streak_value", 0), "0 soir");
    assert.equal(localizeCount("fr", "stats.streak_value", 2), "2 soirs");
    assert.equal(localizeCount("es-419", "stats.streak_value", 3), "3 noches");
  });
  test("exist in every language the integration speaks", () => {
    const integration = new URL("../../custom_components/acupressure_mat/translations/", import.meta.url);
    const languages = readdirSync(integration)
      .filter((name) => name.endsWith(".json"))
      .map((name) => name.replace(/\.json$/, ""));
    assert.ok(languages.includes("en"));
    for (const language of languages) {
      assert.ok(language in LANGUAGES, `the card has no ${language} strings`);
    }
  });
  test("every language has every string, and no other", () => {
    const english = keys(LANGUAGES.en).sort();
    for (const [language, table] of Object.entries(LANGUAGES)) {
      assert.deepEqual(keys(table).sort(), english, language);
    }
  });
  test("every language keeps each string's placeholders", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const language of Object.keys(LANGUAGES)) {
      for (const key of keys(LANGUAGES.en)) {
        assert.deepEqual(placeholders(localize(language, key)), placeholders(localize("en", key)), `${language}: ${key}`);
      }
    }
  });
  test("every recommendation basis has its explanation", () => {
    for (const basis of ["beginner_progression", "best_sleep_score", "shortest_latency", "longest_sleep"]) {
      assert.notEqual(localize("en", `basis.${basis}`), `basis.${basis}`);
    }
  });
});
