/**
 * The matching form of a text: what the matcher, the name finder and keyword rules compare.
 * It is deliberately lossy (case, accents, script) so that the ways people actually type a
 * question land on the same form as the knowledge written by an admin:
 *
 * - all: NFKC, case folding, punctuation to spaces, whitespace collapsed;
 * - Persian/Arabic: ي/ى→ی, ك→ک, أ/إ/آ/ٱ→ا, ة/ۀ→ه, ؤ→و, no tatweel or harakat, ZWNJ→space
 *   (so "می‌شود" and "می شود" are one form), Persian and Arabic-Indic digits → ASCII;
 * - Greek: no tonos/dialytika, final sigma → σ;
 * - Latin (Vietnamese, Serbian Latin, ...): diacritics removed, so "bao hanh" matches "bảo hành";
 *   đ → d in Vietnamese, dj in Serbian (how each is typed on a plain keyboard);
 * - Serbian Cyrillic → Latin, so either script matches knowledge in the other;
 * - Tamil and other Indic scripts: NFC only; their vowel signs carry meaning and are kept.
 *
 * `normalizeExact` keeps the diacritics (and the rest of the folding), so a matcher can rank a
 * match that agrees on the accents above one that only agrees after folding.
 */
import { normalizeDigits } from './digits';
import { cyrillicToLatin } from './serbian';

export { normalizeDigits } from './digits';

const ARABIC_LETTER_FOLDS: Readonly<Record<string, string>> = {
  ي: 'ی',
  ى: 'ی',
  ئ: 'ی',
  ك: 'ک',
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ة: 'ه',
  ۀ: 'ه',
  ؤ: 'و',
};
const ARABIC_LETTER_FOLD = /[يىئكأإآٱةۀؤ]/gu;
// Tatweel, harakat (fathatan..sukun, maddah, hamza above/below, ...), superscript alef.
// The lint rule guards against classes that split a visible character; removing each mark on its own is the point here.
// eslint-disable-next-line no-misleading-character-class
const ARABIC_MARKS = /[\u0640\u064b-\u065f\u0670\u06d6-\u06ed]/gu;
const ZERO_WIDTH_NON_JOINER = /\u200c/gu;
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE = /[\u200b\u200d\u200e\u200f\u2060\ufeff\u00ad]/gu;
// Combining diacritics used by Latin, Greek and Cyrillic; Indic vowel signs live elsewhere.
const LATIN_GREEK_DIACRITICS = /[\u0300-\u036f]/gu;
const VIETNAMESE_ONLY = /[ăâêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/u;
// Apostrophes join ("don't" → "dont"); every other non-letter, non-digit, non-mark is a space.
const APOSTROPHES = /['’ʼ`´]/gu;
const SEPARATORS = /[^\p{L}\p{M}\p{N}]+/gu;

export interface NormalizeOptions {
  /** Keep Latin/Greek diacritics (still case-folded, script-unified). */
  readonly keepDiacritics?: boolean;
}

/**
 * The last forms computed: one turn normalizes the customer's text for detection, the matcher,
 * the fault, category and return checks and the sentiment, each with the same text and locale.
 * Bounded (cleared when full), and only short texts, so it holds a few hundred KB at most.
 */
const recent = new Map<string, string>();
const recentLimit = 256;
const recentMaxChars = 1000;

export function normalizeText(
  text: string,
  locale?: string,
  options: NormalizeOptions = {},
): string {
  if (text.length > recentMaxChars) return normalizeUncached(text, locale, options);
  const key = `${options.keepDiacritics ? 'e' : 'f'}${locale ?? ''}\u0000${text}`;
  let out = recent.get(key);
  if (out === undefined) {
    out = normalizeUncached(text, locale, options);
    if (recent.size >= recentLimit) recent.clear();
    recent.set(key, out);
  }
  return out;
}

function normalizeUncached(text: string, locale: string | undefined, options: NormalizeOptions) {
  let out = text.normalize('NFKC').toLowerCase().replace(/ß/gu, 'ss').replace(/ς/gu, 'σ');
  out = normalizeDigits(out)
    .replace(ARABIC_LETTER_FOLD, (letter) => ARABIC_LETTER_FOLDS[letter] ?? letter)
    .replace(ARABIC_MARKS, '')
    .replace(ZERO_WIDTH_NON_JOINER, ' ')
    .replace(INVISIBLE, '');
  out = cyrillicToLatin(out);
  if (!options.keepDiacritics) out = foldDiacritics(out, locale);
  return out.replace(APOSTROPHES, '').replace(SEPARATORS, ' ').trim().normalize('NFC');
}

/** The matching form with diacritics kept: for ranking exact-accent matches above folded ones. */
export function normalizeExact(text: string, locale?: string): string {
  return normalizeText(text, locale, { keepDiacritics: true });
}

/**
 * Removes Latin/Greek diacritics (đ → d in Vietnamese, dj otherwise). Applied to a
 * `normalizeExact` form it gives the `normalizeText` form word for word.
 */
export function foldDiacritics(text: string, locale?: string): string {
  const base = baseLocale(locale);
  const vietnamese = base === 'vi' || (base !== 'sr' && VIETNAMESE_ONLY.test(text));
  return text
    .replace(/đ/gu, vietnamese ? 'd' : 'dj')
    .normalize('NFD')
    .replace(LATIN_GREEK_DIACRITICS, '')
    .normalize('NFC');
}

/** `pt-BR` → `pt`, `sr_Latn` → `sr`. */
export function baseLocale(locale: string | null | undefined): string | undefined {
  if (!locale) return undefined;
  return locale.toLowerCase().split(/[-_]/u)[0];
}
