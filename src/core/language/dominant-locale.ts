/**
 * The language most of a set of texts is written in, among the languages Aftercare has a profile
 * for: `aftercare eval` uses it so a Persian or Vietnamese labelled set gets that language's
 * folding and (where natural has one) stemmer, without a flag.
 */
import { createLanguageDetector } from './detect';
import { SEED_TEXTS } from './seed-texts';

const SAMPLE = 300;

/** Null unless one language has a majority of the sampled texts. */
export function dominantLocale(texts: readonly string[]): string | null {
  const detector = createLanguageDetector(Object.keys(SEED_TEXTS));
  const step = Math.max(1, Math.floor(texts.length / SAMPLE));
  const votes = new Map<string, number>();
  let sampled = 0;
  for (let i = 0; i < texts.length; i += step) {
    sampled++;
    const guess = detector.detect(texts[i] ?? '');
    if (guess.locale !== null && guess.confidence >= 0.5)
      votes.set(guess.locale, (votes.get(guess.locale) ?? 0) + 1);
  }
  const [best] = [...votes.entries()].sort((a, b) => b[1] - a[1]);
  return best !== undefined && best[1] > sampled / 2 ? best[0] : null;
}
