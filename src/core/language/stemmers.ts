/**
 * natural's stemmers, per language, for the languages where natural has one that works on our
 * matching form (folded Latin). Persian's is a no-op in natural, and the Cyrillic ones would see
 * transliterated text, so they are not listed; those languages rely on character n-grams.
 */
import { baseLocale } from './normalize';

type Stem = (word: string) => string;

interface NaturalStemmer {
  stem(word: string): string;
}

// Deep imports: loading natural's index pulls in every classifier and takes most of a second.
const LOADERS: Readonly<Record<string, () => NaturalStemmer>> = {
  /* eslint-disable @typescript-eslint/no-require-imports */
  en: () => require('natural/lib/natural/stemmers/porter_stemmer') as NaturalStemmer,
  de: () => require('natural/lib/natural/stemmers/porter_stemmer_de') as NaturalStemmer,
  es: () => require('natural/lib/natural/stemmers/porter_stemmer_es') as NaturalStemmer,
  fr: () => require('natural/lib/natural/stemmers/porter_stemmer_fr') as NaturalStemmer,
  it: () => require('natural/lib/natural/stemmers/porter_stemmer_it') as NaturalStemmer,
  nl: () => require('natural/lib/natural/stemmers/porter_stemmer_nl') as NaturalStemmer,
  no: () => require('natural/lib/natural/stemmers/porter_stemmer_no') as NaturalStemmer,
  pt: () => require('natural/lib/natural/stemmers/porter_stemmer_pt') as NaturalStemmer,
  sv: () => require('natural/lib/natural/stemmers/porter_stemmer_sv') as NaturalStemmer,
  /* eslint-enable @typescript-eslint/no-require-imports */
};

const cache = new Map<string, Stem | null>();
const MAX_REMEMBERED = 200_000;

/** The stemmer for a locale, or null when natural has none for it (the caller then skips stems). */
export function stemmerFor(locale: string | null | undefined): Stem | null {
  const base = baseLocale(locale);
  if (base === undefined) return null;
  const cached = cache.get(base);
  if (cached !== undefined) return cached;
  const load = LOADERS[base];
  let stem: Stem | null = null;
  if (load) {
    const stemmer = load();
    // natural's stemmers are slow (~70 µs a word) and a vocabulary repeats: remember each word.
    const seen = new Map<string, string>();
    stem = (word) => {
      let stemmed = seen.get(word);
      if (stemmed === undefined) {
        try {
          stemmed = stemmer.stem(word);
        } catch {
          stemmed = word;
        }
        if (seen.size < MAX_REMEMBERED) seen.set(word, stemmed);
      }
      return stemmed;
    };
  }
  cache.set(base, stem);
  return stem;
}
