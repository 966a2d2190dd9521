/**
 * Sentiment from a per-language word list, for languages natural has no analyser for. The list
 * is data (knowledge/sentiment/<locale>.yaml); terms may be phrases and are matched longest first
 * on the matching form of the text, so "quá tệ" counts once, not as "quá" + "tệ".
 */
import { normalizeExact, normalizeText } from '../language/normalize';
import type { Locale } from '../message';
import type { SentimentScorer } from './reading';

export interface WordList {
  readonly locale: Locale;
  /**
   * False where folding accents merges different words (Vietnamese "tệ" bad, "tê" numb): terms
   * then match only as written, and the list spells out common unaccented variants itself.
   */
  readonly foldDiacritics: boolean;
  /** Term → weight on the AFINN scale (-5 … +5). */
  readonly terms: Readonly<Record<string, number>>;
  /** Words that flip a term following within two words ("not bad", "δεν είναι χάλια"). */
  readonly negationsBefore: readonly string[];
  /** Words that flip the term just before them (Persian "بد نیست", Tamil "மோசம் இல்லை"). */
  readonly negationsAfter: readonly string[];
}

interface CompiledTerm {
  readonly tokens: readonly string[];
  readonly weight: number;
}

const LONGEST_TERM = 4;

export function createWordListScorer(list: WordList): SentimentScorer {
  const form = (text: string): string =>
    list.foldDiacritics ? normalizeText(text, list.locale) : normalizeExact(text, list.locale);
  const terms = new Map<string, CompiledTerm>();
  for (const [term, weight] of Object.entries(list.terms)) {
    const tokens = form(term).split(' ').filter(Boolean);
    if (tokens.length > 0) terms.set(tokens.join(' '), { tokens, weight });
  }
  const before = new Set(list.negationsBefore.map(form));
  const after = new Set(list.negationsAfter.map(form));

  return {
    read(text) {
      const tokens = form(text).split(' ').filter(Boolean);
      let sum = 0;
      let hits = 0;
      for (let index = 0; index < tokens.length;) {
        const found = longestTermAt(tokens, index, terms);
        if (!found) {
          index += 1;
          continue;
        }
        const negatedBefore = [tokens[index - 1], tokens[index - 2]].some(
          (token) => token !== undefined && before.has(token),
        );
        const next = tokens[index + found.tokens.length];
        const negatedAfter = next !== undefined && after.has(next);
        sum += negatedBefore !== negatedAfter ? -found.weight : found.weight;
        hits += 1;
        index += found.tokens.length;
      }
      return { sum, hits, tokens: tokens.length };
    },
  };
}

function longestTermAt(
  tokens: readonly string[],
  index: number,
  terms: ReadonlyMap<string, CompiledTerm>,
): CompiledTerm | null {
  for (let length = Math.min(LONGEST_TERM, tokens.length - index); length > 0; length -= 1) {
    const term = terms.get(tokens.slice(index, index + length).join(' '));
    if (term) return term;
  }
  return null;
}
