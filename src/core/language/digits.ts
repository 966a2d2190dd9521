/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits to ASCII, so serial numbers and phone numbers compare. */

const PERSIAN_ZERO = 0x06f0;
const ARABIC_INDIC_ZERO = 0x0660;
const EASTERN_DIGIT = /[\u0660-\u0669\u06f0-\u06f9]/gu;

export function normalizeDigits(text: string): string {
  return text.replace(EASTERN_DIGIT, (digit) => {
    const code = digit.charCodeAt(0);
    const zero = code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_INDIC_ZERO;
    return String(code - zero);
  });
}
