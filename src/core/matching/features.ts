/**
 * What the matcher sees of a sentence: word unigrams and bigrams (stemmed where natural has a
 * stemmer for the language) plus character n-grams inside word boundaries. The character grams
 * are the language-independent part: they work for Tamil, Greek or Persian with no stemmer, and
 * absorb typos and inflections everywhere.
 */
import { normalizeText } from '../language/normalize';

export interface FeatureOptions {
  readonly charMin: number;
  readonly charMax: number;
  readonly wordBigrams: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { charMin: 2, charMax: 4, wordBigrams: true };

export function extractFeatures(text: string, locale?: string, options: FeatureOptions = DEFAULT_FEATURE_OPTIONS): string[] {
  const words = normalizeText(text, locale).split(' ').filter((word) => word !== '');
  const features: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    features.push(`w ${word}`);
    if (options.wordBigrams && i + 1 < words.length) features.push(`b ${word} ${words[i + 1] ?? ''}`);
    const chars = Array.from(` ${word} `);
    for (let n = options.charMin; n <= options.charMax; n++) {
      for (let start = 0; start + n <= chars.length; start++) features.push(chars.slice(start, start + n).join(''));
    }
  }
  return features;
}
