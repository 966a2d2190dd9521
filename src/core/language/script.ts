/** Which writing system a text is mostly in: the first and strongest clue to its language. */

const SCRIPTS = [
  'Latin',
  'Arabic',
  'Cyrillic',
  'Greek',
  'Tamil',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Devanagari',
  'Hebrew',
  'Thai',
  'Armenian',
  'Georgian',
  'Bengali',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Gujarati',
  'Gurmukhi',
  'Sinhala',
  'Khmer',
  'Lao',
  'Myanmar',
  'Ethiopic',
] as const;

const SCRIPT_PATTERNS = SCRIPTS.map((name) => ({
  name,
  pattern: new RegExp(`\\p{Script=${name}}`, 'u'),
}));
// Letters, and the vowel signs of Indic scripts (marks with a script of their own): in Tamil half
// of what one reads as letters are marks. Accents (script "Inherited") count for nothing.
const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;
// Kana is written with Han; both count as the one "Han" script for choosing a language.
const SCRIPT_ALIASES: Readonly<Record<string, string>> = { Hiragana: 'Han', Katakana: 'Han' };
const MAX_CHARS = 400;
const NON_LATIN_SHARE = 0.25;

export interface ScriptCount {
  /**
   * The script with the most letters, null when there are no letters. A non-Latin script with at
   * least a quarter of the letters wins over Latin: "Care Premium-ல் என்னென்ன கிடைக்கும்?" is
   * Tamil with a product name, and the reverse (Tamil words in an English sentence) is rare.
   */
  readonly script: string | null;
  /** The share of letters in that script, 0..1. */
  readonly share: number;
  readonly letters: number;
}

export function dominantScript(text: string): ScriptCount {
  const counts = new Map<string, number>();
  let letters = 0;
  let seen = 0;
  for (const char of text) {
    if (++seen > MAX_CHARS) break;
    const letter = LETTER.test(char);
    if (!letter && !MARK.test(char)) continue;
    const found = SCRIPT_PATTERNS.find(({ pattern }) => pattern.test(char));
    if (!letter && !found) continue;
    letters++;
    const name = found ? (SCRIPT_ALIASES[found.name] ?? found.name) : 'Other';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [name, count] of counts) {
    if (count > bestCount) {
      best = name;
      bestCount = count;
    }
  }
  if (best === 'Latin') {
    for (const [name, count] of counts) {
      if (name !== 'Latin' && name !== 'Other' && count >= letters * NON_LATIN_SHARE) {
        best = name;
        bestCount = count;
      }
    }
  }
  return { script: best, share: letters === 0 ? 0 : bestCount / letters, letters };
}
