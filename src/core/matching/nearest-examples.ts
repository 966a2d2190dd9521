/**
 * The similarity of a question to the closest training example of a label. A classifier's
 * probability says which label wins; this says whether the question resembles anything the bot
 * was taught at all, which is what tells an out-of-scope question apart.
 *
 * Each example keeps only its most heavily weighted features (the rare grams and words that make
 * it what it is): on long, numerous examples (Banking77) the full vectors made this the slowest
 * step of a query. The kept features are indexed by feature (an inverted index), so a question
 * costs one pass over the examples that share a feature with it rather than over every example
 * of its top labels: most of those are in another language and share nothing. Where the examples
 * share the question's features by the thousand (one language, many examples per label: CLINC150
 * has 15,000), passing over the top labels' own examples is cheaper, and a query takes whichever
 * touches fewer entries; both give the same figures.
 */
import type { SparseRows, SparseVector } from './sparse-vector';

export interface NearestExamples {
  /**
   * Per class, the highest (pruned) cosine between `query` and an example of it (0 when none
   * shares a feature): right for every class of `classes`, or for all classes when it is omitted
   * (other classes may read 0). The array is reused by the next call: read it before calling again.
   */
  similarities(query: SparseVector, classes?: readonly number[]): Float64Array;
  /**
   * The median, over (a sample of) training examples, of the similarity to the closest other
   * example of the same label: what "resembles a taught question" means in this training set.
   * Short FAQ variants in six languages resemble each other less than 100 English paraphrases do.
   */
  readonly typicalSimilarity: number;
  /** Plain data for restoreNearestExamples. */
  readonly model: NearestExamplesModel;
}

export interface NearestExamplesModel {
  /** Each training example's kept features. */
  readonly examples: SparseRows;
  /** The class of each example. */
  readonly labels: Int32Array;
  readonly classCount: number;
  readonly featureCount: number;
  readonly typicalSimilarity: number;
}

const TYPICAL_SAMPLE = 1000;
/**
 * A posting costs about three entries of a pass over a class's examples (a scattered sum, a seen
 * mark, the pass over the touched examples): with that weight a query on the shipped knowledge
 * still goes through the postings (matcher.match 0.052 ms) and one on CLINC150's 15,000 examples
 * through its top classes (0.175 ms a query, 0.23 with the weight 1, 0.31 through postings alone).
 */
const POSTING_COST = 3;
const KEPT_FEATURES = 48;

export function createNearestExamples(
  rows: SparseRows,
  labels: Int32Array,
  classCount: number,
  featureCount: number,
): NearestExamples {
  const pruned = pruneRows(rows, KEPT_FEATURES);
  const closest = closestFinder(pruned, labels, classCount, featureCount);
  const perClass = new Int32Array(classCount);
  for (let i = 0; i < rows.count; i++) {
    const label = labels[i] as number;
    perClass[label] = (perClass[label] as number) + 1;
  }
  const sampled: number[] = [];
  const step = Math.max(1, Math.floor(rows.count / TYPICAL_SAMPLE));
  for (let i = 0; i < rows.count; i += step) {
    const label = labels[i] as number;
    if ((perClass[label] ?? 0) < 2) continue;
    sampled.push(
      closest(
        rows.indices,
        rows.values,
        rows.offsets[i] as number,
        rows.offsets[i + 1] as number,
        i,
      )[label] as number,
    );
  }
  sampled.sort((a, b) => a - b);
  return restoreNearestExamples({
    examples: pruned,
    labels,
    classCount,
    featureCount,
    typicalSimilarity: sampled[Math.floor(sampled.length / 2)] ?? 1,
  });
}

export function restoreNearestExamples(model: NearestExamplesModel): NearestExamples {
  const closest = closestFinder(model.examples, model.labels, model.classCount, model.featureCount);
  return {
    similarities: (query, classes) =>
      closest(query.indices, query.values, 0, query.indices.length, -1, classes),
    typicalSimilarity: model.typicalSimilarity,
    model,
  };
}

/**
 * Per class, the best similarity of packed query entries [start, end) to an example of it (not
 * example `skip`), for `classes` (all when omitted). Each example's dot product adds the same
 * products in the same (ascending feature) order whichever way it is found, so the figures are
 * identical: through the inverted index (the examples that share a feature), or, when the
 * `classes`' own examples hold fewer entries than the query's postings, by a pass over those.
 */
function closestFinder(
  pruned: SparseRows,
  labels: Int32Array,
  classCount: number,
  featureCount: number,
) {
  const postings = invert(pruned, featureCount);
  const sums = new Float64Array(pruned.count);
  const seen = new Uint8Array(pruned.count);
  const touched = new Int32Array(pruned.count);
  const best = new Float64Array(classCount);
  const byClass: number[][] = Array.from({ length: classCount }, () => []);
  const classEntries = new Float64Array(classCount);
  for (let i = 0; i < pruned.count; i++) {
    const label = labels[i] as number;
    byClass[label]?.push(i);
    classEntries[label] =
      (classEntries[label] as number) +
      (pruned.offsets[i + 1] as number) -
      (pruned.offsets[i] as number);
  }
  // The query scattered into a dense array, so each example costs one pass over its own entries.
  const scratch = new Float32Array(featureCount);

  const throughPostings = (
    indices: Int32Array,
    values: Float32Array,
    start: number,
    end: number,
    skip: number,
  ) => {
    let touchedCount = 0;
    for (let k = start; k < end; k++) {
      const feature = indices[k] as number;
      const weight = values[k] as number;
      const stop = postings.offsets[feature + 1] as number;
      for (let p = postings.offsets[feature] as number; p < stop; p++) {
        const example = postings.examples[p] as number;
        if (seen[example] === 0) {
          seen[example] = 1;
          touched[touchedCount++] = example;
        }
        sums[example] = (sums[example] as number) + (postings.values[p] as number) * weight;
      }
    }
    best.fill(0);
    for (let t = 0; t < touchedCount; t++) {
      const example = touched[t] as number;
      const sum = sums[example] as number;
      const label = labels[example] as number;
      if (example !== skip && sum > (best[label] as number)) best[label] = sum;
      sums[example] = 0;
      seen[example] = 0;
    }
    return best;
  };

  const throughClasses = (
    indices: Int32Array,
    values: Float32Array,
    start: number,
    end: number,
    skip: number,
    classes: readonly number[],
  ) => {
    best.fill(0);
    for (let k = start; k < end; k++) scratch[indices[k] as number] = values[k] as number;
    for (const label of classes) {
      let found = 0;
      for (const example of byClass[label] ?? []) {
        if (example === skip) continue;
        let sum = 0;
        const stop = pruned.offsets[example + 1] as number;
        for (let k = pruned.offsets[example] as number; k < stop; k++)
          sum += (pruned.values[k] as number) * (scratch[pruned.indices[k] as number] as number);
        if (sum > found) found = sum;
      }
      best[label] = found;
    }
    for (let k = start; k < end; k++) scratch[indices[k] as number] = 0;
    return best;
  };

  return (
    indices: Int32Array,
    values: Float32Array,
    start: number,
    end: number,
    skip: number,
    classes?: readonly number[],
  ): Float64Array => {
    if (classes === undefined) return throughPostings(indices, values, start, end, skip);
    let postingEntries = 0;
    for (let k = start; k < end; k++) {
      const feature = indices[k] as number;
      postingEntries +=
        (postings.offsets[feature + 1] as number) - (postings.offsets[feature] as number);
    }
    let classEntriesTotal = 0;
    for (const label of classes) classEntriesTotal += classEntries[label] ?? 0;
    return classEntriesTotal < postingEntries * POSTING_COST
      ? throughClasses(indices, values, start, end, skip, classes)
      : throughPostings(indices, values, start, end, skip);
  };
}

/** Per feature, the examples that kept it (ascending) and its value in each: `rows` transposed. */
interface Postings {
  readonly offsets: Int32Array;
  readonly examples: Int32Array;
  readonly values: Float32Array;
}

function invert(rows: SparseRows, featureCount: number): Postings {
  const offsets = new Int32Array(featureCount + 1);
  for (let k = 0; k < rows.indices.length; k++) {
    const feature = rows.indices[k] as number;
    offsets[feature + 1] = (offsets[feature + 1] as number) + 1;
  }
  for (let f = 0; f < featureCount; f++)
    offsets[f + 1] = (offsets[f + 1] as number) + (offsets[f] as number);
  const next = offsets.slice(0, featureCount);
  const examples = new Int32Array(rows.indices.length);
  const values = new Float32Array(rows.indices.length);
  for (let i = 0; i < rows.count; i++) {
    for (let k = rows.offsets[i] as number; k < (rows.offsets[i + 1] as number); k++) {
      const at = next[rows.indices[k] as number] as number;
      next[rows.indices[k] as number] = at + 1;
      examples[at] = i;
      values[at] = rows.values[k] as number;
    }
  }
  return { offsets, examples, values };
}

/** Each row's `kept` largest entries, still in index order (values not renormalised). */
function pruneRows(rows: SparseRows, kept: number): SparseRows {
  const offsets = new Int32Array(rows.count + 1);
  for (let i = 0; i < rows.count; i++)
    offsets[i + 1] =
      (offsets[i] as number) +
      Math.min(kept, (rows.offsets[i + 1] as number) - (rows.offsets[i] as number));
  const indices = new Int32Array(offsets[rows.count] as number);
  const values = new Float32Array(offsets[rows.count] as number);
  const order: number[] = [];
  for (let i = 0; i < rows.count; i++) {
    const start = rows.offsets[i] as number;
    const end = rows.offsets[i + 1] as number;
    order.length = 0;
    for (let k = start; k < end; k++) order.push(k);
    if (order.length > kept) {
      order.sort((a, b) => (rows.values[b] as number) - (rows.values[a] as number));
      order.length = kept;
      order.sort((a, b) => a - b);
    }
    order.forEach((k, j) => {
      indices[(offsets[i] as number) + j] = rows.indices[k] as number;
      values[(offsets[i] as number) + j] = rows.values[k] as number;
    });
  }
  return { count: rows.count, offsets, indices, values };
}
