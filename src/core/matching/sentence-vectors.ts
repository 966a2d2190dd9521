/**
 * What the engine takes from English word vectors (GloVe): the one kind of knowledge a lexical
 * model lacks, that "cancel" and "stop" or "balance" and "funds" mean nearly the same.
 *
 * - A sentence's vector is the IDF-weighted mean of its words' vectors (IDF over the English
 *   training examples, so the words every example has count little), unit length.
 * - Each label's centroid is the mean of its examples' vectors; the cosine of a question to it,
 *   times `centroidWeight`, is added to the classifier's logits.
 *
 * English only: examples and questions in another locale get no vector, and their scores are
 * exactly what they are without vectors. Measured alternatives are in docs/benchmarks.md.
 */
import { baseLocale, normalizeText } from '../language/normalize';
import type { WordVectors } from './word-vectors';

/** The vector part of a trained engine, as plain data (see EngineModel). */
export interface VectorModel {
  readonly dimensions: number;
  /** The words of the English training examples, and the IDF of each over those examples. */
  readonly words: readonly string[];
  readonly idf: Float32Array;
  /** The IDF of a word no English example has. */
  readonly unseenIdf: number;
  /** [label × dimensions], unit length; zero for a label without an English example. */
  readonly centroids: Float32Array;
  readonly centroidWeight: number;
}

export interface VectorExample {
  readonly text: string;
  readonly locale: string | undefined;
  readonly label: number;
}

/**
 * The vectors help where a label has few examples: up to FULL_UP_TO English examples per label
 * they count fully, the centroid's weight then falls linearly, and from OFF_FROM on the engine is
 * the lexical one. With all of CLINC150's rows (100 per label) the centroid at full weight cost
 * 1.4 points in-scope at the threshold, neighbours changed no figure, and the neighbour search
 * costs a pass over the training words for each unknown word (docs/benchmarks.md).
 */
const FULL_UP_TO = 10;
const OFF_FROM = 20;
const CENTROID_WEIGHT = 25;

export function isEnglish(locale: string | undefined): boolean {
  return baseLocale(locale) === 'en';
}

export function wordsOf(text: string, locale: string | undefined): string[] {
  const normalized = normalizeText(text, locale);
  return normalized === '' ? [] : normalized.split(' ');
}

/** null when no example is English or labels have many: then the engine is the lexical one. */
export function trainVectorModel(
  vectors: WordVectors,
  examples: readonly VectorExample[],
  labelCount: number,
): VectorModel | null {
  const english = examples.filter((example) => isEnglish(example.locale));
  const perLabel = english.length / new Set(english.map((example) => example.label)).size;
  if (english.length === 0 || perLabel >= OFF_FROM) return null;
  const documentFrequency = new Map<string, number>();
  for (const example of english)
    for (const word of new Set(wordsOf(example.text, example.locale)))
      documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  const words = [...documentFrequency.keys()];
  const idfOf = (frequency: number) => Math.log((1 + english.length) / (1 + frequency)) + 1;
  const idf = Float32Array.from(words, (word) => idfOf(documentFrequency.get(word) ?? 0));
  const partial = {
    dimensions: vectors.dimensions,
    words,
    idf,
    unseenIdf: idfOf(0),
    centroids: new Float32Array(0),
    centroidWeight: 0,
  };
  const embed = sentenceEmbedder(vectors, partial);
  const centroids = new Float32Array(labelCount * vectors.dimensions);
  const sentence = new Float32Array(vectors.dimensions);
  for (const example of english) {
    if (!embed(example.text, example.locale, sentence)) continue;
    const row = centroids.subarray(example.label * vectors.dimensions);
    for (let d = 0; d < vectors.dimensions; d++)
      row[d] = (row[d] as number) + (sentence[d] as number);
  }
  for (let label = 0; label < labelCount; label++)
    normalize(centroids.subarray(label * vectors.dimensions, (label + 1) * vectors.dimensions));
  const centroidWeight =
    CENTROID_WEIGHT * Math.min(1, (OFF_FROM - perLabel) / (OFF_FROM - FULL_UP_TO));
  return { ...partial, centroids, centroidWeight };
}

/** Adds the weighted cosine of the question to each label's centroid to `logits`. */
export function centroidScorer(vectors: WordVectors, model: VectorModel) {
  const embed = sentenceEmbedder(vectors, model);
  const { centroids, centroidWeight: weight, dimensions } = model;
  const sentence = new Float32Array(dimensions);
  return (text: string, locale: string | undefined, logits: Float64Array): void => {
    if (weight === 0 || !embed(text, locale, sentence)) return;
    for (let label = 0, row = 0; label < logits.length; label++, row += dimensions) {
      let dot = 0;
      for (let d = 0; d < dimensions; d++)
        dot += (sentence[d] as number) * (centroids[row + d] as number);
      logits[label] = (logits[label] as number) + weight * dot;
    }
  };
}

/** Writes the unit vector of `text` into `out`; false (and `out` zero) when it has none. */
function sentenceEmbedder(
  vectors: WordVectors,
  model: Pick<VectorModel, 'words' | 'idf' | 'unseenIdf'>,
) {
  const idf = new Map(model.words.map((word, i) => [word, model.idf[i] as number]));
  return (text: string, locale: string | undefined, out: Float32Array): boolean => {
    out.fill(0);
    if (!isEnglish(locale)) return false;
    for (const word of wordsOf(text, locale)) {
      const index = vectors.indexOf(word);
      if (index >= 0) vectors.addTo(index, idf.get(word) ?? model.unseenIdf, out);
    }
    return normalize(out);
  };
}

/** Scales `vector` to unit length in place; false when it is zero. */
export function normalize(vector: Float32Array): boolean {
  let norm = 0;
  for (const value of vector) norm += value * value;
  if (norm === 0) return false;
  const scale = 1 / Math.sqrt(norm);
  for (let d = 0; d < vector.length; d++) vector[d] = (vector[d] as number) * scale;
  return true;
}
