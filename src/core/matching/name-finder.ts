/**
 * Fuzzy lookup of short names (branches, products, models) in a customer's sentence, typos allowed:
 * "samsnug galxy" finds "Samsung Galaxy". This is what fuse.js is good at; ranking whole
 * utterances is not (1-NN over CLINC150's 15,000 sentences took ~1.2 s a query), so the matcher
 * does not use it.
 */
import Fuse from 'fuse.js';
import { normalizeText } from '../language/normalize';

export interface NamedThing {
  readonly id: string;
  /** Every way it is called, in any language or script. */
  readonly names: readonly string[];
}

export interface FoundName {
  readonly id: string;
  /** The name that matched, as given. */
  readonly name: string;
  /** 1 for an exact match, lower for more typos; never below `MIN_SCORE` (`MIN_SCORE_ONE_WORD` for one-word names). */
  readonly score: number;
}

export interface NameFinder {
  /** Names mentioned in `text`, best first, one entry per id. */
  find(text: string, locale?: string): FoundName[];
}

/** fuse.js's own cut-off (0 exact … 1 anything); its final score also weighs the name's length, so we cut again. */
const TOLERANCE = 0.35;
/** Below this a "match" is usually another name sharing a word ("north branch" for "east branch"). */
export const MIN_SCORE = 0.65;
/** A one-word name is weak evidence ("centre" is close to "centrala", "the" to "north"): it needs a near-exact match. */
export const MIN_SCORE_ONE_WORD = 0.9;
const MAX_WORDS = 4;
const LENGTH_SLACK = 0.25;

export function createNameFinder(things: readonly NamedThing[]): NameFinder {
  const entries = things.flatMap((thing) =>
    thing.names.map((name) => ({ id: thing.id, name, form: normalizeText(name) })),
  );
  const usable = entries.filter((entry) => entry.form !== '');
  const fuse = new Fuse(usable, {
    keys: ['form'],
    includeScore: true,
    threshold: TOLERANCE,
    ignoreLocation: true,
    isCaseSensitive: true,
  });
  const longest = Math.min(
    MAX_WORDS,
    Math.max(1, ...usable.map((entry) => entry.form.split(' ').length)),
  );

  return {
    find(text, locale) {
      const words = normalizeText(text, locale).split(' ').filter(Boolean);
      const best = new Map<string, FoundName>();
      // Compare the name with phrases of the sentence as long as names are, not the whole sentence.
      for (let size = 1; size <= longest; size++) {
        for (let start = 0; start + size <= words.length; start++) {
          const phrase = words.slice(start, start + size).join(' ');
          for (const result of fuse.search(phrase)) {
            // fuse.js finds a phrase inside a longer name ("شعبه" in "شعبه شمال"); a mention is the whole name.
            if (
              Math.abs(result.item.form.length - phrase.length) >
              Math.max(2, result.item.form.length * LENGTH_SLACK)
            )
              continue;
            const score = 1 - (result.score ?? 1);
            if (score < (result.item.form.includes(' ') ? MIN_SCORE : MIN_SCORE_ONE_WORD)) continue;
            const known = best.get(result.item.id);
            if (!known || score > known.score)
              best.set(result.item.id, { id: result.item.id, name: result.item.name, score });
          }
        }
      }
      return [...best.values()].sort((a, b) => b.score - a.score);
    },
  };
}
