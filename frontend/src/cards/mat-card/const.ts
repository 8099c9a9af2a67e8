export const CARD_NAME = "acupressure-mat-card";
export const CARD_EDITOR_NAME = `${CARD_NAME}-editor`;

/** One-tap session lengths in minutes (the seed article's 15–40 window). */
export const PRESETS: readonly number[] = [15, 20, 25, 30, 40];
export const MAX_MINUTES = 40;
export const EXTEND_MINUTES = 5;
export const BODY_AREAS: readonly string[] = ["back", "neck", "feet"];

/** How long after its end a session may still be rated from the card. */
export const RATING_WINDOW_MINUTES = 30;
/** How long the thank-you after a rating stays. */
export const THANKS_MS = 4000;
