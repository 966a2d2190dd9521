/**
 * Multinomial logistic regression over sparse TF-IDF vectors, trained in-process by SGD.
 * Weights are one dense Float32Array laid out [feature × class], so a sentence's ~100 active
 * features read contiguous rows: scoring 150 classes costs ~15k multiply-adds.
 */
import type { SparseVector } from './sparse-vector';

export interface SoftmaxOptions {
  readonly epochs: number;
  readonly learningRate: number;
  /** L2 weight decay per example step. */
  readonly l2: number;
  /** Seed for the shuffle, so training is reproducible. */
  readonly seed: number;
}

export interface SoftmaxClassifier {
  readonly classCount: number;
  /** Writes the class logits of `vector` into `out` (length classCount). */
  logits(vector: SparseVector, out: Float32Array): void;
}

export function trainSoftmax(vectors: readonly SparseVector[], labels: Int32Array, classCount: number, featureCount: number, options: SoftmaxOptions): SoftmaxClassifier {
  const weights = new Float32Array(featureCount * classCount);
  const bias = new Float32Array(classCount);
  const scores = new Float32Array(classCount);
  const order = Int32Array.from(vectors.keys());
  const random = createRandom(options.seed);
  const logits = (vector: SparseVector, out: Float32Array) => {
    out.set(bias);
    const { indices, values } = vector;
    for (let k = 0; k < indices.length; k++) {
      const row = (indices[k] as number) * classCount;
      const value = values[k] as number;
      for (let c = 0; c < classCount; c++) out[c] = (out[c] as number) + value * (weights[row + c] as number);
    }
  };
  let step = 0;
  const totalSteps = options.epochs * vectors.length;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const exampleIndex of order) {
      const vector = vectors[exampleIndex];
      if (vector === undefined) continue;
      const rate = options.learningRate * (1 - step++ / totalSteps);
      logits(vector, scores);
      softmaxInPlace(scores);
      scores[labels[exampleIndex] as number] = (scores[labels[exampleIndex] as number] as number) - 1;
      const { indices, values } = vector;
      for (let k = 0; k < indices.length; k++) {
        const row = (indices[k] as number) * classCount;
        const scaled = rate * (values[k] as number);
        for (let c = 0; c < classCount; c++) {
          const gradient = scores[c] as number;
          // Most classes get a near-zero probability: skipping them keeps an epoch fast.
          if (gradient > 1e-4 || gradient < -1e-4) weights[row + c] = (weights[row + c] as number) - scaled * gradient;
        }
      }
      for (let c = 0; c < classCount; c++) bias[c] = (bias[c] as number) - rate * (scores[c] as number);
    }
  }
  return { classCount, logits };
}

export function softmaxInPlace(values: Float32Array, temperature = 1): void {
  let max = -Infinity;
  for (const value of values) if (value > max) max = value;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const e = Math.exp(((values[i] as number) - max) / temperature);
    values[i] = e;
    sum += e;
  }
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) / sum;
}

/** Mulberry32: a small seeded generator; Math.random would make training unrepeatable. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(array: Int32Array, random: () => number): void {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = array[i] as number;
    array[i] = array[j] as number;
    array[j] = tmp;
  }
}
