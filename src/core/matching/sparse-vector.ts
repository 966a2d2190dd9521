/** Sparse vectors over a feature vocabulary: ascending indices with their weights. */

export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/**
 * Many sparse vectors packed in three arrays (compressed sparse rows): row i is
 * [offsets[i], offsets[i+1]). Tens of thousands of small typed arrays would each carry their own
 * allocation; packed, the training set costs little more than its numbers.
 */
export interface SparseRows {
  readonly count: number;
  readonly offsets: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/**
 * Writes the TF-IDF vector of feature ids (ascending, repeats allowed, unknown ones as -1) into
 * `indices`/`values` from `at`; returns the number of entries. Sublinear TF keeps a word said twice
 * from counting double; the vector is L2-normalised so dot products are cosines.
 */
export function writeTfidf(
  sortedIds: ArrayLike<number>,
  length: number,
  idf: Float32Array,
  indices: Int32Array,
  values: Float32Array,
  at: number,
): number {
  let k = at - 1;
  for (let i = 0; i < length; i++) {
    const id = sortedIds[i] as number;
    if (id < 0) continue;
    if (k >= at && indices[k] === id) {
      values[k] = (values[k] as number) + 1;
    } else {
      k++;
      indices[k] = id;
      values[k] = 1;
    }
  }
  let norm = 0;
  for (let j = at; j <= k; j++) {
    const value = (1 + Math.log(values[j] as number)) * (idf[indices[j] as number] as number);
    values[j] = value;
    norm += value * value;
  }
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let j = at; j <= k; j++) values[j] = (values[j] as number) * scale;
  }
  return k - at + 1;
}
