/** Sparse vectors over a feature vocabulary: sorted indices with their weights. */

export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Counts → sublinear TF × IDF, L2-normalised. Unknown features (not in the vocabulary) are dropped. */
export function tfidfVector(features: readonly string[], vocabulary: ReadonlyMap<string, number>, idf: Float32Array): SparseVector {
  const counts = new Map<number, number>();
  for (const feature of features) {
    const index = vocabulary.get(feature);
    if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  const indices = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  const values = new Float32Array(indices.length);
  let norm = 0;
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i] ?? 0;
    const value = (1 + Math.log(counts.get(index) ?? 1)) * (idf[index] ?? 0);
    values[i] = value;
    norm += value * value;
  }
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) * scale;
  }
  return { indices, values };
}
