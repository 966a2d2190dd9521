/**
 * The similarity of a question to the closest training example of a label. A classifier's
 * probability says which label wins; this says whether the question resembles anything the bot
 * was taught at all, which is what tells an out-of-scope question apart.
 */
import type { SparseRows, SparseVector } from './sparse-vector';

export interface NearestExamples {
  /** Highest cosine between `query` and an example of class `label` (vectors are L2-normalised). */
  similarity(query: SparseVector, label: number): number;
}

export function createNearestExamples(rows: SparseRows, labels: Int32Array, classCount: number, featureCount: number): NearestExamples {
  const byClass: number[][] = Array.from({ length: classCount }, () => []);
  for (let i = 0; i < rows.count; i++) byClass[labels[i] as number]?.push(i);
  // The query is scattered into a dense scratch array once, so each example costs one pass over its own entries.
  const scratch = new Float32Array(featureCount);
  return {
    similarity(query, label) {
      const examples = byClass[label];
      if (examples === undefined) return 0;
      const { indices, values } = query;
      for (let k = 0; k < indices.length; k++) scratch[indices[k] as number] = values[k] as number;
      let best = 0;
      for (const example of examples) {
        let sum = 0;
        const end = rows.offsets[example + 1] as number;
        for (let k = rows.offsets[example] as number; k < end; k++) sum += (rows.values[k] as number) * (scratch[rows.indices[k] as number] as number);
        if (sum > best) best = sum;
      }
      for (let k = 0; k < indices.length; k++) scratch[indices[k] as number] = 0;
      return best;
    },
  };
}
