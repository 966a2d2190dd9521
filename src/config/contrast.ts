/**
 * WCAG 2.1 contrast between two #rrggbb colours (1 to 21). Configured brand colours carry white
 * text (buttons, the help header, the customer's bubbles), so the config refuses one below AA.
 */
const luminance = (hex: string): number => {
  const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((value) =>
    value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

export function contrastRatio(first: string, second: string): number {
  const [light = 0, dark = 0] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (light + 0.05) / (dark + 0.05);
}

/** WCAG 2.1 AA for normal text. */
export const AA_TEXT = 4.5;

export const readableUnderWhite = (hex: string): boolean =>
  !/^#[0-9a-fA-F]{6}$/.test(hex) || contrastRatio(hex, '#ffffff') >= AA_TEXT;

export const underWhiteMessage = (hex: string): string =>
  `white text on ${hex} has a contrast of ${contrastRatio(hex, '#ffffff').toFixed(2)}:1, below WCAG AA (4.5:1); pick a darker colour, e.g. "#0b5394"`;
