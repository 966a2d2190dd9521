/**
 * Is the customer strongly upset? natural's analyser where natural supports the language
 * (English), a word list from knowledge/sentiment/ elsewhere, and no opinion for a language
 * that has neither: a typed map by locale, like the other per-language pieces. An English word
 * list adds customer-service words AFINN lacks ("scammers", "rip off") to natural's reading.
 */
import type { Locale } from '../message';
import { createEnglishScorer } from './english';
import {
  defaultStrongNegative,
  isStrong,
  type NegativeBand,
  type SentimentReading,
  type SentimentScorer,
} from './reading';
import { createWordListScorer, type WordList } from './word-list';

export type { NegativeBand, SentimentReading } from './reading';
export type { WordList } from './word-list';

export interface SentimentAnalysis {
  /** The reading for a text in `locale`; null when nothing covers the language. */
  read(text: string, locale: Locale): SentimentReading | null;
  /** True when the text is negative enough that a person should take over. */
  isStronglyNegative(text: string, locale: Locale): boolean;
  /** The locales with an analyser or a word list. */
  readonly locales: readonly Locale[];
  /** Analysers that could not be loaded, and why (logged at start-up). */
  readonly unavailable: readonly string[];
}

export interface SentimentOptions {
  readonly wordLists?: readonly WordList[];
  readonly strongNegative?: readonly NegativeBand[];
}

/** Natural plus a list: the sums and hits add up, the words are counted once. */
const combined = (first: SentimentScorer, second: SentimentScorer): SentimentScorer => ({
  read(text) {
    const a = first.read(text);
    const b = second.read(text);
    return { sum: a.sum + b.sum, hits: a.hits + b.hits, tokens: a.tokens };
  },
});

export function createSentimentAnalysis(options: SentimentOptions = {}): SentimentAnalysis {
  const scorers = new Map<Locale, SentimentScorer>();
  const unavailable: string[] = [];
  const english = createEnglishScorer();
  if ('scorer' in english) scorers.set('en', english.scorer);
  else unavailable.push(english.unavailable);
  for (const list of options.wordLists ?? []) {
    const fromList = createWordListScorer(list);
    const existing = scorers.get(list.locale);
    scorers.set(list.locale, existing ? combined(existing, fromList) : fromList);
  }
  const bands = options.strongNegative ?? defaultStrongNegative;
  const read = (text: string, locale: Locale): SentimentReading | null =>
    scorers.get(locale)?.read(text) ?? null;
  return {
    read,
    isStronglyNegative(text, locale) {
      const reading = read(text, locale);
      return reading !== null && isStrong(reading, bands);
    },
    locales: [...scorers.keys()],
    unavailable,
  };
}
