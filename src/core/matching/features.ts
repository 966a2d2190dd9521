/**
 * What the matcher sees of a sentence. The language-independent part is character n-grams inside
 * word boundaries (" gar", "aran", "nty "): they need no stemmer, so Tamil, Greek or Persian work as
 * well as English, and they absorb typos and inflections. On top: whole words, word bigrams, the
 * stem where natural has a stemmer for the language, and the accented word where the customer
 * typed accents, so an exact-diacritic match ("bàn") outranks one that only agrees folded ("ban").
 *
 * Features are 32-bit hashes, not strings: training on 15,000 sentences makes ~1.7 million of
 * them, and strings would cost most of the time and memory (a collision among the ~10^5 distinct
 * features is a one-in-a-thousand event and harmless).
 */
import { foldDiacritics, normalizeExact } from '../language/normalize';
import { stemmerFor } from '../language/stemmers';

export interface FeatureSettings {
  /** Shortest and longest character n-gram, in UTF-16 units of the word with a space on each side. */
  readonly charMin: number;
  readonly charMax: number;
  readonly wordBigrams: boolean;
  readonly stems: boolean;
}

export const DEFAULT_FEATURE_SETTINGS: FeatureSettings = {
  charMin: 2,
  charMax: 4,
  wordBigrams: true,
  stems: true,
};

// Distinct seeds keep a word, its stem, its accented form and a same-spelled n-gram apart.
const WORD = 0x1000193;
const EXACT = 0x2000193;
const STEM = 0x3000193;
const BIGRAM = 0x4000193;
const GRAM = 0x811c9dc5;

/** The feature hashes of a sentence, one entry per occurrence (a repeated word counts twice). */
export function sentenceFeatures(
  text: string,
  locale: string | undefined,
  settings: FeatureSettings = DEFAULT_FEATURE_SETTINGS,
): number[] {
  const exactText = normalizeExact(text, locale);
  const exact = splitWords(exactText);
  const words = splitWords(foldDiacritics(exactText, locale));
  const aligned = exact.length === words.length;
  const stem = settings.stems ? stemmerFor(locale) : null;
  const out: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    out.push(hash(word, 0, word.length, WORD));
    const accented = exact[i] as string;
    if (aligned && accented !== word) out.push(hash(accented, 0, accented.length, EXACT));
    if (stem !== null) {
      const stemmed = stem(word);
      out.push(hash(stemmed, 0, stemmed.length, STEM));
    }
    const next = words[i + 1];
    if (settings.wordBigrams && next !== undefined)
      out.push(hash(next, 0, next.length, hash(word, 0, word.length, BIGRAM)));
    const padded = ` ${word} `;
    for (let n = settings.charMin; n <= Math.min(settings.charMax, padded.length); n++) {
      for (let start = 0; start + n <= padded.length; start++)
        out.push(hash(padded, start, start + n, GRAM));
    }
  }
  return out;
}

function splitWords(text: string): string[] {
  return text === '' ? [] : text.split(' ').filter((word) => word !== '');
}

/** FNV-1a over UTF-16 units [start, end) of `text`, starting from `seed`. */
function hash(text: string, start: number, end: number, seed: number): number {
  let h = seed | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}
