/**
 * A naive-Bayes profile of one language over words and character 1–3-grams. Short support
 * questions carry few words, so the character grams do most of the work; the words make
 * frequent function words ("the", "là", "je") count for more.
 */
import { normalizeExact, normalizeText } from './normalize';

const SMOOTHING = 0.5;
/** The additive smoothing of the counts (detect.ts lays the same log-probabilities out by index). */
export const LANGUAGE_PROFILE_SMOOTHING = SMOOTHING;
const WORD_WEIGHT = 2;

export interface LanguageProfile {
  readonly locale: string;
  add(text: string): void;
  /** Sum of log-probabilities of the features of `text` (from `profileFeatures`). */
  logLikelihood(features: readonly string[], vocabularySize: number): number;
  features(): Iterable<string>;
  /** The counts learned so far as plain data (restoreLanguageProfile rebuilds the profile). */
  model(): LanguageProfileModel;
}

export interface LanguageProfileModel {
  readonly locale: string;
  /** Each feature, with its weighted count at the same position in `counts`. */
  readonly features: readonly string[];
  readonly counts: Float64Array;
  readonly total: number;
}

export function createLanguageProfile(locale: string): LanguageProfile {
  return restoreLanguageProfile({ locale, features: [], counts: new Float64Array(0), total: 0 });
}

export function restoreLanguageProfile(model: LanguageProfileModel): LanguageProfile {
  const { locale } = model;
  const counts = new Map<string, number>();
  for (let i = 0; i < model.features.length; i++)
    counts.set(model.features[i] as string, model.counts[i] as number);
  let total = model.total;
  return {
    locale,
    add(text) {
      // Learn both the accented and the folded form: people type either.
      for (const form of new Set([normalizeExact(text, locale), normalizeText(text, locale)])) {
        for (const feature of profileFeatures(form)) {
          const weight = feature.startsWith('w:') ? WORD_WEIGHT : 1;
          counts.set(feature, (counts.get(feature) ?? 0) + weight);
          total += weight;
        }
      }
    },
    logLikelihood(features, vocabularySize) {
      const denominator = Math.log(total + SMOOTHING * vocabularySize);
      let sum = 0;
      for (const feature of features)
        sum += Math.log((counts.get(feature) ?? 0) + SMOOTHING) - denominator;
      return sum;
    },
    features: () => counts.keys(),
    model: () => ({
      locale,
      features: [...counts.keys()],
      counts: Float64Array.from(counts.values()),
      total,
    }),
  };
}

/** Features of an already normalized text. */
export function profileFeatures(normalized: string): string[] {
  const features: string[] = [];
  for (const word of normalized.split(' ')) {
    if (word === '') continue;
    features.push(`w:${word}`);
    const padded = Array.from(` ${word} `);
    for (let n = 1; n <= 3; n++) {
      for (let i = 0; i + n <= padded.length; i++) {
        let gram = padded[i] as string;
        for (let k = 1; k < n; k++) gram += padded[i + k] as string;
        if (gram !== ' ') features.push(gram);
      }
    }
  }
  return features;
}
