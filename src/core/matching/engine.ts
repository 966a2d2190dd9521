/**
 * The matching engine behind the `Matcher` port, trained at load time from intent utterances and
 * FAQ question variants (or a labelled set in `aftercare eval`).
 *
 * Model: TF-IDF over character n-grams and words (see features.ts), a multinomial logistic
 * regression trained by SGD, and the nearest training example of each top label. Confidence:
 *
 *   score = p(label) × min(1, nearest / typical)^½ × min(1, known / typical known)^6
 *
 * - p(label): the classifier's softmax probability. Measured on held-out in-scope questions it is
 *   calibrated as it is (expected calibration error 0.01 on CLINC150, 0.03 on Banking77, 0.08 on
 *   the shipped knowledge), so no temperature is applied.
 * - nearest / typical: cosine to the closest taught example of that label, relative to how close
 *   taught examples of one label are to each other in this training set.
 * - known: the share of the question's features (words, grams) seen in training. A question with
 *   words the bot was never taught is the strongest sign of an out-of-scope question.
 *
 * With English word vectors (`wordVectors`) an English question also gets, before the softmax,
 * its cosine to each label's centroid in vector space added to the logits, and its words unknown
 * to training stand in for their nearest training word (sentence-vectors.ts, word-neighbours.ts).
 *
 * The two discounts are 1 for a typical in-scope question, so the score stays close to the
 * probability that the top answer is right, and fall for questions unlike anything taught.
 * Measured alternatives and the figures behind these choices are in docs/benchmarks.md.
 */
import type { Candidate, Matcher, TrainingExample } from './matcher';
import { DEFAULT_FEATURE_SETTINGS, sentenceFeatures, type FeatureSettings } from './features';
import {
  createNearestExamples,
  restoreNearestExamples,
  type NearestExamplesModel,
} from './nearest-examples';
import {
  restoreSoftmax,
  softmaxInPlace,
  trainSoftmax,
  type SoftmaxModel,
} from './softmax-classifier';
import { createVocabulary, restoreVocabulary, type VocabularyModel } from './vocabulary';
import { centroidScorer, trainVectorModel, type VectorModel } from './sentence-vectors';
import { createNeighbourFinder } from './word-neighbours';
import type { WordVectors } from './word-vectors';

export interface EngineOptions {
  /** Locale assumed for examples and questions that carry none (natural's stemmer, đ folding). */
  readonly defaultLocale?: string;
  readonly features?: Partial<FeatureSettings>;
  /** SGD passes; by default more for small sets (a knowledge base) than for large ones. */
  readonly epochs?: number;
  readonly learningRate?: number;
  /** Softmax temperature for the confidence (default 1: measured calibrated as is). */
  readonly temperature?: number;
  /** Default: 2 for large sets (≥ 5,000 examples), else 1 (a few variants per answer). */
  readonly minDocumentFrequency?: number;
  readonly seed?: number;
  /** L2 weight decay per SGD step (default 0: the decaying step size already regularises). */
  readonly l2?: number;
  /**
   * What IDF counts: 'documents' (default) or 'classes' (labels with the feature). Measured in
   * docs/benchmarks.md; not the default because it is worse on the shipped knowledge.
   */
  readonly termWeighting?: 'documents' | 'classes';
  /**
   * English word vectors (the composition root reads vectors/ and passes them in). Used for the
   * examples and questions whose locale is English; without them, or without English examples,
   * the engine is the lexical one.
   */
  readonly wordVectors?: WordVectors;
}

const DEFAULT_LIMIT = 5;
/** Labels whose nearest examples are consulted: enough to re-rank the visible candidates. */
const RERANKED = 5;
const EPOCH_BUDGET = 30_000;
const MAX_EPOCHS = 20;
const MIN_EPOCHS = 3;
const KNOWN_EXPONENT = 6;
/** Guards the ratio when every label has a single example (nothing to compare). */
const MIN_TYPICAL = 0.1;
/**
 * A knowledge base of a few dozen questions knows few words, so its own typical share is low and
 * would excuse anything; below this floor a question with unknown words is discounted anyway.
 */
const MIN_KNOWN_SHARE = 0.9;

/**
 * A trained engine as plain data: typed arrays and numbers, no functions. A worker thread trains
 * it and transfers the arrays to the main thread, which rebuilds the matcher in a few ms
 * (`engineMatcherFromModel`) instead of blocking every request while it trains.
 */
export interface EngineModel {
  readonly labels: readonly string[];
  readonly settings: FeatureSettings;
  readonly defaultLocale: string | undefined;
  readonly temperature: number;
  /** Typical nearest-example similarity, floored. */
  readonly typical: number;
  /** Typical known share, floored. */
  readonly knownShare: number;
  readonly vocabulary: VocabularyModel;
  readonly classifier: SoftmaxModel;
  readonly nearest: NearestExamplesModel;
  /** null when trained without word vectors or without an English example. */
  readonly vectors: VectorModel | null;
}

export function createEngineMatcher(
  examples: readonly TrainingExample[],
  options: EngineOptions = {},
): Matcher {
  const model = trainEngineModel(examples, options);
  return model === null ? { match: () => [] } : engineMatcherFromModel(model, options.wordVectors);
}

/** Trains the engine; null when there is nothing to learn (no labelled example). */
export function trainEngineModel(
  examples: readonly TrainingExample[],
  options: EngineOptions = {},
): EngineModel | null {
  const settings: FeatureSettings = { ...DEFAULT_FEATURE_SETTINGS, ...options.features };
  const labels = [...new Set(examples.map((example) => example.label))];
  if (labels.length === 0) return null;
  const labelIndex = new Map(labels.map((label, index) => [label, index]));
  const minDocumentFrequency = options.minDocumentFrequency ?? (examples.length >= 5000 ? 2 : 1);
  const featuresOf = (i: number) => {
    const example = examples[i] as TrainingExample;
    return sentenceFeatures(example.text, example.locale ?? options.defaultLocale, settings);
  };
  const classes = Int32Array.from(examples, (example) => labelIndex.get(example.label) ?? 0);
  const { vocabulary, rows } = createVocabulary(
    examples.length,
    featuresOf,
    minDocumentFrequency,
    options.termWeighting === 'classes'
      ? { kind: 'classes', classOf: classes, classCount: labels.length }
      : { kind: 'documents' },
  );
  const epochs =
    options.epochs ??
    Math.min(MAX_EPOCHS, Math.max(MIN_EPOCHS, Math.round(EPOCH_BUDGET / examples.length)));
  const classifier = trainSoftmax(rows, classes, labels.length, vocabulary.size, {
    epochs,
    learningRate: options.learningRate ?? 6,
    l2: options.l2 ?? 0,
    seed: options.seed ?? 1,
  });
  const nearest = createNearestExamples(rows, classes, labels.length, vocabulary.size);
  const vectors =
    options.wordVectors === undefined
      ? null
      : trainVectorModel(
          options.wordVectors,
          examples.map((example, i) => ({
            text: example.text,
            locale: example.locale ?? options.defaultLocale,
            label: classes[i] as number,
          })),
          labels.length,
        );
  return {
    labels,
    settings,
    defaultLocale: options.defaultLocale,
    temperature: options.temperature ?? 1,
    typical: Math.max(nearest.typicalSimilarity, MIN_TYPICAL),
    knownShare: Math.max(vocabulary.typicalKnownShare, MIN_KNOWN_SHARE),
    vocabulary: vocabulary.model,
    classifier: classifier.model,
    nearest: nearest.model,
    vectors,
  };
}

/**
 * The matcher of a trained (possibly transferred) model. A model trained with word vectors needs
 * the same vectors again: they are too big to travel with the model.
 */
export function engineMatcherFromModel(model: EngineModel, wordVectors?: WordVectors): Matcher {
  const { labels, settings, defaultLocale, temperature, typical, knownShare } = model;
  const vocabulary = restoreVocabulary(model.vocabulary);
  const classifier = restoreSoftmax(model.classifier);
  const nearest = restoreNearestExamples(model.nearest);
  if (model.vectors !== null && wordVectors?.dimensions !== model.vectors.dimensions)
    throw new Error(
      `This engine model was trained with ${model.vectors.dimensions}-dimensional word vectors; pass the same vectors to engineMatcherFromModel (got ${wordVectors === undefined ? 'none' : `${wordVectors.dimensions} dimensions`}).`,
    );
  const addCentroids =
    model.vectors === null || wordVectors === undefined
      ? null
      : centroidScorer(wordVectors, model.vectors);
  const neighboursOf =
    model.vectors === null || wordVectors === undefined
      ? null
      : createNeighbourFinder(wordVectors, model.vectors);
  // A neighbour adds only its word and stem features: its n-grams would re-add the spelling that
  // made it unknown (measured worse, docs/benchmarks.md).
  const neighbourSettings: FeatureSettings = { ...settings, charMin: 1, charMax: 0 };
  const logits = new Float64Array(labels.length);
  const probabilities = new Float64Array(labels.length);

  return {
    match(text, matchOptions = {}) {
      try {
        const locale = matchOptions.locale ?? defaultLocale;
        const features = sentenceFeatures(text, locale, settings);
        if (features.length === 0) return [];
        const { vector: lexical, known } = vocabulary.vectorize(features);
        // Judged on the question's own words: a neighbour makes nothing about it known.
        const unknownPenalty = Math.min(1, known / features.length / knownShare) ** KNOWN_EXPONENT;
        const neighbours = neighboursOf?.(text, locale) ?? [];
        const vector =
          neighbours.length === 0
            ? lexical
            : vocabulary.vectorize(
                features.concat(
                  ...neighbours.map((word) => sentenceFeatures(word, locale, neighbourSettings)),
                ),
              ).vector;
        if (vector.indices.length === 0) return [];
        classifier.logits(vector, logits);
        addCentroids?.(text, locale, logits);
        probabilities.set(logits);
        softmaxInPlace(probabilities, temperature);
        const top = topIndices(logits, Math.max(RERANKED, matchOptions.limit ?? DEFAULT_LIMIT));
        const similarities = nearest.similarities(vector, top);
        const candidates: Candidate[] = top.map((c) => ({
          label: labels[c] as string,
          score: clamp(
            (probabilities[c] as number) *
              Math.sqrt(Math.min(1, (similarities[c] as number) / typical)) *
              unknownPenalty,
          ),
        }));
        return candidates
          .sort((a, b) => b.score - a.score)
          .slice(0, matchOptions.limit ?? DEFAULT_LIMIT);
      } catch {
        return [];
      }
    },
  };
}

/** The `count` largest entries, best first, without sorting every class. */
function topIndices(values: Float64Array, count: number): number[] {
  const top: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (top.length === count && value <= (values[top[count - 1] as number] as number)) continue;
    let at = top.length === count ? count - 1 : top.length;
    top[at] = i;
    while (at > 0 && (values[top[at - 1] as number] as number) < value) {
      top[at] = top[at - 1] as number;
      top[--at] = i;
    }
  }
  return top;
}

function clamp(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
