/**
 * English sentiment with natural's SentimentAnalyzer (AFINN-165, Porter stemming). natural flips
 * every word after a negation to the end of the text, so each clause is read on its own:
 * "No, it failed again" is negative, as a person reads it.
 *
 * natural's analyser requires `afinn-165`, which ships only as an ES module: Node 20.19+ loads it,
 * older Nodes and Jest's module loader do not. It is therefore loaded when first needed, and
 * where it cannot be, English has only its word list and `createEnglishScorer` says why.
 */
import type { SentimentAnalyzer } from 'natural/lib/natural/sentiment';
import type { Stemmer } from 'natural/lib/natural/stemmers';
import { normalizeText } from '../language/normalize';
import { stemmerFor } from '../language/stemmers';
import type { SentimentScorer } from './reading';
import { errorMessage } from '../error-message';

const CLAUSE_BREAK = /[.,;:!?…\n()"“”]+/u;

export type EnglishScorerResult =
  { readonly scorer: SentimentScorer } | { readonly unavailable: string };

function loadAnalyzer(): SentimentAnalyzer {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded lazily on purpose, see above */
  const { SentimentAnalyzer: Analyzer } =
    require('natural/lib/natural/sentiment') as typeof import('natural/lib/natural/sentiment');
  const { PorterStemmer } = require('natural/lib/natural/stemmers') as { PorterStemmer: Stemmer };
  /* eslint-enable @typescript-eslint/no-require-imports */
  // The analyser stems every word it does not find as written, twice a turn (the clause's mean,
  // then each word's hit): the matcher's stemmer remembers the words it has stemmed already.
  const remembered = stemmerFor('en');
  const stemmer: Stemmer = remembered
    ? Object.assign(Object.create(PorterStemmer) as Stemmer, { stem: remembered })
    : PorterStemmer;
  return new Analyzer('English', stemmer, 'afinn');
}

export function createEnglishScorer(): EnglishScorerResult {
  let analyzer: SentimentAnalyzer;
  try {
    analyzer = loadAnalyzer();
  } catch (error) {
    return {
      unavailable: `natural's English sentiment analyser could not be loaded (${errorMessage(error).split('\n')[0]})`,
    };
  }
  return {
    scorer: {
      read(text) {
        let sum = 0;
        let hits = 0;
        let tokens = 0;
        for (const clause of text.split(CLAUSE_BREAK)) {
          const words = normalizeText(clause, 'en').split(' ').filter(Boolean);
          if (words.length === 0) continue;
          // getSentiment returns the mean over the words; the sum is what accumulates across clauses.
          sum += analyzer.getSentiment(words) * words.length;
          hits += words.filter((word) => analyzer.getSentiment([word]) !== 0).length;
          tokens += words.length;
        }
        return { sum: Math.round(sum * 1000) / 1000, hits, tokens };
      },
    },
  };
}
