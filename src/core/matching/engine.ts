/**
 * The matching engine behind the `Matcher` port (first version: TF-IDF centroids with cosine).
 */
import type { Candidate, Matcher, TrainingExample } from './matcher';
import { extractFeatures } from './features';
import { tfidfVector } from './sparse-vector';

export interface EngineOptions {
  /** Locale to assume for examples without one. */
  readonly defaultLocale?: string;
}

const DEFAULT_LIMIT = 5;

export function createEngineMatcher(examples: readonly TrainingExample[], options: EngineOptions = {}): Matcher {
  const vocabulary = new Map<string, number>();
  const documentFrequency: number[] = [];
  const exampleFeatures = examples.map((example) => extractFeatures(example.text, example.locale ?? options.defaultLocale));
  for (const features of exampleFeatures) {
    for (const feature of new Set(features)) {
      let index = vocabulary.get(feature);
      if (index === undefined) {
        index = vocabulary.size;
        vocabulary.set(feature, index);
        documentFrequency.push(0);
      }
      documentFrequency[index] = (documentFrequency[index] ?? 0) + 1;
    }
  }
  const idf = Float32Array.from(documentFrequency, (df) => Math.log((1 + examples.length) / (1 + df)) + 1);
  const labels = [...new Set(examples.map((example) => example.label))];
  const labelIndex = new Map(labels.map((label, index) => [label, index]));
  const centroids = labels.map(() => new Float32Array(vocabulary.size));
  exampleFeatures.forEach((features, i) => {
    const centroid = centroids[labelIndex.get(examples[i]?.label ?? '') ?? 0];
    const vector = tfidfVector(features, vocabulary, idf);
    if (centroid) vector.indices.forEach((index, k) => (centroid[index] = (centroid[index] ?? 0) + (vector.values[k] ?? 0)));
  });
  for (const centroid of centroids) {
    const norm = Math.sqrt(centroid.reduce((sum, value) => sum + value * value, 0)) || 1;
    for (let i = 0; i < centroid.length; i++) centroid[i] = (centroid[i] ?? 0) / norm;
  }

  return {
    match(text, matchOptions = {}) {
      try {
        const vector = tfidfVector(extractFeatures(text, matchOptions.locale ?? options.defaultLocale), vocabulary, idf);
        if (vector.indices.length === 0) return [];
        const scored: Candidate[] = labels.map((label, c) => {
          const centroid = centroids[c];
          let dot = 0;
          if (centroid) vector.indices.forEach((index, k) => (dot += (centroid[index] ?? 0) * (vector.values[k] ?? 0)));
          return { label, score: Math.max(0, Math.min(1, dot)) };
        });
        return scored.sort((a, b) => b.score - a.score).slice(0, matchOptions.limit ?? DEFAULT_LIMIT);
      } catch {
        return [];
      }
    },
  };
}
