export interface CustomCardEntry {
  type: string;
  name: string;
  description: string;
  preview?: boolean;
  documentationURL?: string;
}

declare global {
  interface Window {
    customCards?: CustomCardEntry[];
  }
}

/** List the card in the dashboard's card picker, once however often it loads. */
export function registerCustomCard(card: CustomCardEntry): void {
  const cards = (window.customCards ??= []);
  if (!cards.some((entry) => entry.type === card.type)) {
    cards.push(card);
  }
}
