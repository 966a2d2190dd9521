/**
 * Multinomial logistic regression over sparse TF-IDF vectors, trained in-process by SGD.
 * Weights are one dense Float64Array laid out [feature × class], so a sentence's ~100 active
 * features read contiguous rows: scoring 150 classes costs ~15k multiply-adds.
 */
import type { SparseRows, SparseVector } from './sparse-vector';

const GRADIENT_FLOOR = 1e-3;

export interface SoftmaxOptions {
  readonly epochs: number;
  readonly learningRate: number;
  /** L2 weight decay, applied to the weights an example touches (lazy, approximate). */
  readonly l2: number;
  /** Seed for the shuffle, so training is reproducible. */
  readonly seed: number;
}

export interface SoftmaxClassifier {
  readonly classCount: number;
  /** Writes the class logits of `vector` into `out` (length classCount). */
  logits(vector: SparseVector, out: Float64Array): void;
  /** The trained weights as plain data (restoreSoftmax rebuilds the classifier from them). */
  readonly model: SoftmaxModel;
}

export interface SoftmaxModel {
  readonly classCount: number;
  /** [feature × class] */
  readonly weights: Float32Array;
  readonly bias: Float64Array;
}

export function trainSoftmax(
  rows: SparseRows,
  labels: Int32Array,
  classCount: number,
  featureCount: number,
  options: SoftmaxOptions,
): SoftmaxClassifier {
  const weights = new Float32Array(featureCount * classCount);
  const bias = new Float64Array(classCount);
  const scores = new Float64Array(classCount);
  const order = Int32Array.from({ length: rows.count }, (_, i) => i);
  const random = createRandom(options.seed);
  const score = scorer(weights, bias, classCount);
  const active = new Int32Array(classCount);
  let step = 0;
  const totalSteps = options.epochs * rows.count;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const exampleIndex of order) {
      const start = rows.offsets[exampleIndex] as number;
      const end = rows.offsets[exampleIndex + 1] as number;
      // Linear decay to zero: large steps early, a settled model at the end, no tuning per data set.
      const rate = options.learningRate * (1 - step++ / totalSteps);
      score(rows.indices, rows.values, start, end, scores);
      softmaxInPlace(scores);
      const label = labels[exampleIndex] as number;
      scores[label] = (scores[label] as number) - 1;
      // Most classes get a near-zero probability: updating only the others keeps an epoch fast.
      let activeCount = 0;
      for (let c = 0; c < classCount; c++) {
        const gradient = scores[c] as number;
        if (gradient > GRADIENT_FLOOR || gradient < -GRADIENT_FLOOR) active[activeCount++] = c;
        bias[c] = (bias[c] as number) - rate * gradient;
      }
      const decay = 1 - rate * options.l2;
      for (let k = start; k < end; k++) {
        const row = (rows.indices[k] as number) * classCount;
        const scaled = rate * (rows.values[k] as number);
        for (let a = 0; a < activeCount; a++) {
          const cell = row + (active[a] as number);
          weights[cell] =
            (weights[cell] as number) * decay - scaled * (scores[active[a] as number] as number);
        }
      }
    }
  }
  return restoreSoftmax({ classCount, weights, bias });
}

export function restoreSoftmax(model: SoftmaxModel): SoftmaxClassifier {
  const score = scorer(model.weights, model.bias, model.classCount);
  return {
    classCount: model.classCount,
    logits: (vector, out) => score(vector.indices, vector.values, 0, vector.indices.length, out),
    model,
  };
}

/** Class logits of the packed entries [start, end) of a sparse vector, written into `out`. */
function scorer(weights: Float32Array, bias: Float64Array, classCount: number) {
  return (
    indices: Int32Array,
    values: Float32Array,
    start: number,
    end: number,
    out: Float64Array,
  ): void => {
    out.set(bias);
    for (let k = start; k < end; k++) {
      const row = (indices[k] as number) * classCount;
      const value = values[k] as number;
      for (let c = 0; c < classCount; c++)
        out[c] = (out[c] as number) + value * (weights[row + c] as number);
    }
  };
}

export function softmaxInPlace(values: Float64Array, temperature = 1): void {
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
