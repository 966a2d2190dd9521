/**
 * The matcher port: trained from labelled example sentences, it ranks labels for a new sentence
 * with a calibrated confidence in 0..1. Labels are opaque strings; the core uses `faq:<id>` and
 * `intent:<id>`, `aftercare eval` uses a dataset's intent names.
 */
import type { Locale } from '../message';

export interface TrainingExample {
  readonly text: string;
  readonly label: string;
  /** The locale the example is written in, when known. */
  readonly locale?: Locale;
}

export interface Candidate {
  readonly label: string;
  /** Calibrated: over the answer threshold the top candidate is right that often or more. */
  readonly score: number;
}

export interface Matcher {
  /** Candidates best first, at most `limit` (default 5). Never throws; empty text gives []. */
  match(text: string, options?: { locale?: Locale; limit?: number }): Candidate[];
}

export type MatcherFactory = (examples: readonly TrainingExample[]) => Matcher;
