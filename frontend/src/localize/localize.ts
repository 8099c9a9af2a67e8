import de from "./languages/de.json";
import en from "./languages/en.json";
import es from "./languages/es.json";
import fr from "./languages/fr.json";
import nl from "./languages/nl.json";

type Table = { [key: string]: string | Table };

/** The card's own strings, one table per language the integration speaks. */
export const LANGUAGES: Record<string, Table> = { en, de, nl, fr, es };

const lookup = (table: Table | undefined, key: string): string | undefined => {
  let node: string | Table | undefined = table;
  for (const part of key.split(".")) {
    if (node === undefined || typeof node === "string") {
      return undefined;
    }
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
};

/** "de-CH" → "de"; a language the card lacks → "en". */
export function cardLanguage(language: string | undefined): string {
  if (language && language in LANGUAGES) {
    return language;
  }
  const base = language?.split("-", 1)[0];
  return base && base in LANGUAGES ? base : "en";
}

/** A string of the card in `language`, English where it has none, with {placeholders} filled. */
export function localize(
  language: string | undefined,
  key: string,
  values: Record<string, string | number> = {},
): string {
  const text =
    lookup(LANGUAGES[cardLanguage(language)], key) ?? lookup(LANGUAGES.en, key) ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** A counted string: `key_one` or `key_other` by the language's plural rules. */
export function localizeCount(
  language: string | undefined,
  key: string,
  count: number,
  values: Record<string, string | number> = {},
): string {
  const lang = cardLanguage(language);
  const form = new Intl.PluralRules(lang).select(count) === "one" ? "one" : "other";
  return localize(lang, `${key}_${form}`, { count, ...values });
}
