// The sleep effect sensor in words a person reads at a glance: pure, tested on its own.

import type { HassEntity } from "../../ha";
import { localize } from "../../localize/localize";

const VERDICTS = ["not_enough_nights", "higher_on_mat_nights", "lower_on_mat_nights", "no_clear_difference"];

const signed = (language: string, value: number): string =>
  new Intl.NumberFormat(language, { maximumFractionDigits: 1, signDisplay: "exceptZero" }).format(value);

const plain = (language: string, value: number): string =>
  new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value);

/**
 * "Sleep score +6 on mat nights (band 2 to 10, 30 vs 30 nights)", or "Not enough
 * nights to tell yet" while the band still includes zero; undefined without the sensor.
 */
export function sleepEvidence(language: string, effect: HassEntity | undefined): string | undefined {
  const verdict = effect?.attributes.verdict;
  if (!effect || typeof verdict !== "string" || !VERDICTS.includes(verdict)) {
    return undefined;
  }
  const values: Record<string, string | number> = {
    mat: Number(effect.attributes.mat_nights ?? 0),
    other: Number(effect.attributes.baseline_nights ?? 0),
  };
  const difference = Number(effect.state);
  const low = effect.attributes.band_low;
  const high = effect.attributes.band_high;
  if (verdict === "not_enough_nights" || !Number.isFinite(difference) || typeof low !== "number" || typeof high !== "number") {
    return localize(language, "evidence.not_enough_nights", values);
  }
  return localize(language, `evidence.${verdict}`, {
    ...values,
    difference: signed(language, difference),
    low: plain(language, low),
    high: plain(language, high),
  });
}
