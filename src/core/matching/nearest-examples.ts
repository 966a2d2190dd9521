/**
 * The similarity of a question to the closest training example of a label. A classifier's
 * probability says which label wins; this says whether the question resembles anything the bot
 * was taught at all, which is what tells an out-of-scope question apart.
 *
 * Each example keeps only its most heavily weighted features (the rare grams and words that make
 * it what it is): a question is compared with every example of its top labels, and on long,
 * numerous examples (Banking77) the full vectors made this the slowest step of a query.
 */
import type { SparseRows, SparseVector } from './sparse-vector';

export interface NearestExamples {
  /** Highest (pruned) cosine between `query` and an example of class `label`. */
  similarity(query: SparseVector, label: number): number;
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
        label,
        i,
      ),
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
    similarity: (query, label) =>
      closest(query.indices, query.values, 0, query.indices.length, label, -1),
    typicalSimilarity: model.typicalSimilarity,
    model,
  };
}

/** The best similarity of packed query entries [start, end) to an example of `label` (not `skip`). */
function closestFinder(
  pruned: SparseRows,
  labels: Int32Array,
  classCount: number,
  featureCount: number,
) {
  const byClass: number[][] = Array.from({ length: classCount }, () => []);
  for (let i = 0; i < pruned.count; i++) byClass[labels[i] as number]?.push(i);
  // The query is scattered into a dense scratch array once, so each example costs one pass over its own entries.
  const scratch = new Float32Array(featureCount);
  return (
    indices: Int32Array,
    values: Float32Array,
    start: number,
    end: number,
    label: number,
    skip: number,
  ) => {
    const examples = byClass[label];
    if (examples === undefined) return 0;
    for (let k = start; k < end; k++) scratch[indices[k] as number] = values[k] as number;
    let best = 0;
    for (const example of examples) {
      if (example === skip) continue;
      let sum = 0;
      const stop = pruned.offsets[example + 1] as number;
      for (let k = pruned.offsets[example] as number; k < stop; k++)
        sum += (pruned.values[k] as number) * (scratch[pruned.indices[k] as number] as number);
      if (sum > best) best = sum;
    }
    for (let k = start; k < end; k++) scratch[indices[k] as number] = 0;
    return best;
  };
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
