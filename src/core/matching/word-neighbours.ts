/**
 * A question's English words that no training example has, each replaced by the training word
 * closest to it in vector space ("terminate" → "cancel"), so the classifier sees a word it has a
 * weight for. Only neighbours with a cosine of at least MIN_COSINE count (0.4–0.65 measured the
 * same on CLINC150 and Banking77, docs/benchmarks.md).
 */
import { isEnglish, normalize, wordsOf, type VectorModel } from './sentence-vectors';
import type { WordVectors } from './word-vectors';

const MIN_COSINE = 0.5;
/** Words whose neighbour is remembered: customers reuse words, and each search is a full pass. */
const REMEMBERED = 10_000;

/** The nearest training word of each unknown word of `text` (none for another locale). */
export type NeighbourFinder = (text: string, locale: string | undefined) => string[];

export function createNeighbourFinder(vectors: WordVectors, model: VectorModel): NeighbourFinder {
  const { dimensions } = vectors;
  const known = new Set(model.words);
  const candidates = model.words.filter((word) => vectors.indexOf(word) >= 0);
  const unit = new Float32Array(candidates.length * dimensions);
  candidates.forEach((word, i) => {
    const row = unit.subarray(i * dimensions, (i + 1) * dimensions);
    vectors.addTo(vectors.indexOf(word), 1, row);
    normalize(row);
  });
  const query = new Float32Array(dimensions);
  const nearestOf = (index: number): string | null => {
    query.fill(0);
    vectors.addTo(index, 1, query);
    if (!normalize(query)) return null;
    let best = MIN_COSINE;
    let bestAt = -1;
    for (let c = 0, row = 0; c < candidates.length; c++, row += dimensions) {
      let dot = 0;
      for (let d = 0; d < dimensions; d++) dot += (query[d] as number) * (unit[row + d] as number);
      if (dot >= best) {
        best = dot;
        bestAt = c;
      }
    }
    return bestAt < 0 ? null : (candidates[bestAt] as string);
  };
  const remembered = new Map<string, string | null>();
  return (text, locale) => {
    if (!isEnglish(locale)) return [];
    const found: string[] = [];
    for (const word of wordsOf(text, locale)) {
      const index = known.has(word) ? -1 : vectors.indexOf(word);
      if (index < 0) continue;
      let nearest = remembered.get(word);
      if (nearest === undefined) {
        nearest = nearestOf(index);
        if (remembered.size >= REMEMBERED) remembered.clear();
        remembered.set(word, nearest);
      }
      if (nearest !== null) found.push(nearest);
    }
    return found;
  };
}
