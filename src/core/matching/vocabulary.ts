/** A feature vocabulary learned from training sentences, with IDF weights. */
import { tfidfVector, type SparseVector } from './sparse-vector';

export interface Vocabulary {
  readonly size: number;
  vectorize(features: readonly string[]): SparseVector;
}

/**
 * Keeps features seen in at least `minDocumentFrequency` sentences: a gram seen once cannot help
 * tell classes apart on new text and makes the weight matrix large.
 */
export function createVocabulary(documents: readonly (readonly string[])[], minDocumentFrequency: number): Vocabulary {
  const frequency = new Map<string, number>();
  for (const features of documents) for (const feature of new Set(features)) frequency.set(feature, (frequency.get(feature) ?? 0) + 1);
  const index = new Map<string, number>();
  const idfValues: number[] = [];
  for (const [feature, count] of frequency) {
    if (count < minDocumentFrequency) continue;
    index.set(feature, index.size);
    idfValues.push(Math.log((1 + documents.length) / (1 + count)) + 1);
  }
  const idf = Float32Array.from(idfValues);
  return { size: index.size, vectorize: (features) => tfidfVector(features, index, idf) };
}
