/** What a sentiment scorer reports about one text, and when that is "strongly negative". */

export interface SentimentReading {
  /** Sum of the weights found (AFINN scale per word, -5 … +5), negations applied. */
  readonly sum: number;
  /** Words or phrases from the vocabulary that were found. */
  readonly hits: number;
  /** Words in the text. */
  readonly tokens: number;
}

/** Reads the sentiment of a text in one language. */
export interface SentimentScorer {
  read(text: string): SentimentReading;
}

/** One way of being strongly negative: a sum at or below `maxSum` and a per-word mean at or below `maxAverage`. */
export interface NegativeBand {
  readonly maxSum: number;
  readonly maxAverage: number;
}

/**
 * Strong enough that a person should take over: several clearly negative words in a message
 * ("terrible … worst … furious"), or a short message that is nearly all anger ("I hate this
 * company"). A single "broken" in a question about a repair, or a long calm message mentioning
 * one problem, stays with the bot.
 */
export const defaultStrongNegative: readonly NegativeBand[] = [
  { maxSum: -5, maxAverage: -0.15 },
  { maxSum: -3, maxAverage: -0.5 },
];

export function isStrong(reading: SentimentReading, bands: readonly NegativeBand[]): boolean {
  if (reading.tokens === 0) return false;
  const average = reading.sum / reading.tokens;
  return bands.some((band) => reading.sum <= band.maxSum && average <= band.maxAverage);
}
