/** The feature vocabulary learned from the training sentences, with IDF weights. */
import { writeTfidf, type SparseRows, type SparseVector } from './sparse-vector';

const SHARE_SAMPLE = 2000;

export interface Vocabulary {
  readonly size: number;
  /** Unknown features are left out of the vector; `known` counts the features that are in the vocabulary. */
  vectorize(features: readonly number[]): { vector: SparseVector; known: number };
  /**
   * The median share of a training sentence's features that the *other* sentences also have:
   * how much of a new in-scope question to expect in the vocabulary. With a few variants per answer
   * it is lower than with a hundred, so a question's share is judged against it.
   */
  readonly typicalKnownShare: number;
  /** Plain data to rebuild it elsewhere (a worker thread trains, the main thread answers). */
  readonly model: VocabularyModel;
}

/** What a vocabulary is made of: the feature hash of each index, and its IDF weight. */
export interface VocabularyModel {
  readonly features: Int32Array;
  readonly idf: Float32Array;
  readonly typicalKnownShare: number;
}

/**
 * What the IDF weight counts: the sentences with the feature (the default), or the labels with it.
 * With a few variants per label, document frequency marks down exactly the words every variant of a
 * label shares; class frequency marks down only the words many labels share. See docs/benchmarks.md
 * for what each measured (class frequency: better on English few-shot sets, worse on the shipped
 * six-language knowledge).
 */
export type TermWeighting =
  | { readonly kind: 'documents' }
  | { readonly kind: 'classes'; readonly classOf: Int32Array; readonly classCount: number };

/**
 * Builds the vocabulary and the training vectors. Keeps the features seen in at least
 * `minDocumentFrequency` sentences: on a large set a gram seen once rarely helps on new text and
 * only grows the weight matrix.
 */
export function createVocabulary(
  count: number,
  featuresOf: (document: number) => readonly number[],
  minDocumentFrequency: number,
  weighting: TermWeighting = { kind: 'documents' },
): { vocabulary: Vocabulary; rows: SparseRows } {
  // Every sentence's features go straight into one growing array: holding them as thousands of
  // JS arrays until the vocabulary is known costs several times the memory at the peak.
  const offsets = new Int32Array(count + 1);
  let flat = new Int32Array(Math.max(1024, count * 64));
  for (let i = 0; i < count; i++) {
    const features = featuresOf(i);
    const start = offsets[i] as number;
    if (start + features.length > flat.length) {
      const grown = new Int32Array(Math.max(flat.length * 2, start + features.length));
      grown.set(flat.subarray(0, start));
      flat = grown;
    }
    flat.set(features, start);
    flat.subarray(start, start + features.length).sort();
    offsets[i + 1] = start + features.length;
  }
  const total = offsets[count] as number;

  /** Per feature, how many distinct classes have a sentence with it. */
  const countClasses = (classOf: Int32Array) => {
    const seenIn = new Map<number, number>();
    const frequency = new Map<number, number>();
    // Sentences grouped by class, so "seen in this class already" is one comparison.
    const byClass = Int32Array.from({ length: count }, (_, i) => i).sort(
      (a, b) => (classOf[a] as number) - (classOf[b] as number) || a - b,
    );
    for (const i of byClass) {
      const label = classOf[i] as number;
      for (let j = offsets[i] as number; j < (offsets[i + 1] as number); j++) {
        const feature = flat[j] as number;
        if (seenIn.get(feature) === label) continue;
        seenIn.set(feature, label);
        frequency.set(feature, (frequency.get(feature) ?? 0) + 1);
      }
    }
    return frequency;
  };

  // Document frequency: each sentence's distinct features, all sorted together, counted in runs.
  const distinct = new Int32Array(total);
  let distinctCount = 0;
  for (let i = 0; i < count; i++) {
    for (let j = offsets[i] as number; j < (offsets[i + 1] as number); j++) {
      if (j === offsets[i] || flat[j] !== flat[j - 1])
        distinct[distinctCount++] = flat[j] as number;
    }
  }
  const idfOf = inverseFrequency(weighting, count, countClasses);
  const sortedDistinct = distinct.subarray(0, distinctCount).sort();
  const index = new Map<number, number>();
  const idfValues: number[] = [];
  const frequencies: number[] = [];
  for (let start = 0; start < distinctCount;) {
    let end = start + 1;
    while (end < distinctCount && sortedDistinct[end] === sortedDistinct[start]) end++;
    if (end - start >= minDocumentFrequency) {
      const feature = sortedDistinct[start] as number;
      index.set(feature, index.size);
      idfValues.push(idfOf(feature, end - start));
      frequencies.push(end - start);
    }
    start = end;
  }
  const idf = Float32Array.from(idfValues);

  // Training vectors, packed. Reuses `distinct` as scratch for the mapped ids.
  const rowOffsets = new Int32Array(count + 1);
  // A sentence has at most as many vector entries as distinct features.
  const indices = new Int32Array(distinctCount);
  const values = new Float32Array(distinctCount);
  let written = 0;
  for (let i = 0; i < count; i++) {
    const start = offsets[i] as number;
    const length = (offsets[i + 1] as number) - start;
    const ids = distinct.subarray(0, length);
    for (let j = 0; j < length; j++) ids[j] = index.get(flat[start + j] as number) ?? -1;
    ids.sort();
    written += writeTfidf(ids, length, idf, indices, values, written);
    rowOffsets[i + 1] = written;
  }

  const shares: number[] = [];
  const step = Math.max(1, Math.floor(count / SHARE_SAMPLE));
  for (let i = 0; i < count; i += step) {
    const start = offsets[i] as number;
    const length = (offsets[i + 1] as number) - start;
    if (length === 0) continue;
    // Without this sentence a feature stays known if enough other sentences have it.
    let known = 0;
    for (let j = start; j < start + length; j++)
      if ((frequencies[index.get(flat[j] as number) ?? -1] ?? 0) > minDocumentFrequency) known++;
    shares.push(known / length);
  }
  shares.sort((a, b) => a - b);

  return {
    vocabulary: restoreVocabulary({
      features: Int32Array.from(index.keys()),
      idf,
      typicalKnownShare: shares[Math.floor(shares.length / 2)] ?? 1,
    }),
    rows: {
      count: count,
      offsets: rowOffsets,
      indices: indices.subarray(0, written),
      values: values.subarray(0, written),
    },
  };
}

/** The IDF of a feature seen in `documents` training sentences, as `weighting` says. */
function inverseFrequency(
  weighting: TermWeighting,
  count: number,
  countClasses: (classOf: Int32Array) => ReadonlyMap<number, number>,
): (feature: number, documents: number) => number {
  if (weighting.kind === 'documents')
    return (_feature, documents) => Math.log((1 + count) / (1 + documents)) + 1;
  const classes = countClasses(weighting.classOf);
  return (feature) => Math.log((1 + weighting.classCount) / (1 + (classes.get(feature) ?? 0))) + 1;
}

/** The vocabulary a `model` describes; costs one Map insertion per feature. */
export function restoreVocabulary(model: VocabularyModel): Vocabulary {
  const { features, idf } = model;
  const index = new Map<number, number>();
  for (let i = 0; i < features.length; i++) index.set(features[i] as number, i);
  // Scratch reused by every query: a query is vectorized thousands of times a second, and fresh
  // arrays each time make the garbage collector pause often enough to show in p99 latency.
  let scratchIds = new Int32Array(256);
  let scratchIndices = new Int32Array(256);
  let scratchValues = new Float32Array(256);
  const vectorize = (query: readonly number[]) => {
    if (query.length > scratchIds.length) {
      scratchIds = new Int32Array(query.length * 2);
      scratchIndices = new Int32Array(query.length * 2);
      scratchValues = new Float32Array(query.length * 2);
    }
    let known = 0;
    for (let i = 0; i < query.length; i++) {
      const id = index.get(query[i] as number) ?? -1;
      if (id >= 0) known++;
      scratchIds[i] = id;
    }
    const ids = scratchIds.subarray(0, query.length).sort();
    const length = writeTfidf(ids, ids.length, idf, scratchIndices, scratchValues, 0);
    return {
      vector: { indices: scratchIndices.slice(0, length), values: scratchValues.slice(0, length) },
      known,
    };
  };
  return { size: index.size, vectorize, typicalKnownShare: model.typicalKnownShare, model };
}
