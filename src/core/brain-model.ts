/**
 * The trained part of a brain as plain data, so that training can run on another thread: a
 * worker trains (about half a second on the shipped knowledge) and transfers the typed arrays;
 * the thread that answers only rebuilds the lookup maps from them, which takes a few ms.
 */
import { assembleBrain, matcherExamples, trainingExamples, type Brain } from './brain';
import type { Knowledge } from './knowledge/knowledge';
import {
  languageDetectorFromModel,
  trainLanguageDetector,
  type DetectorModel,
} from './language/detect';
import { engineMatcherFromModel, trainEngineModel, type EngineModel } from './matching/engine';
import type { WordVectors } from './matching/word-vectors';
import type { Locale } from './message';

export interface BrainModel {
  /** null when the knowledge has nothing to match (no question, no utterance). */
  readonly matcher: EngineModel | null;
  readonly detector: DetectorModel;
}

export interface BrainModelOptions {
  readonly locales: readonly Locale[];
  readonly defaultLocale: Locale;
  /** English word vectors, for the English questions (the same for training and restoring). */
  readonly wordVectors?: WordVectors;
}

/** What `createBrain` with the engine matcher trains, as data. */
export function trainBrainModel(knowledge: Knowledge, options: BrainModelOptions): BrainModel {
  return {
    matcher: trainEngineModel(matcherExamples(knowledge), { wordVectors: options.wordVectors }),
    detector: trainLanguageDetector(options.locales, trainingExamples(knowledge)),
  };
}

export function brainFromModel(
  knowledge: Knowledge,
  model: BrainModel,
  options: BrainModelOptions,
): Brain {
  return assembleBrain(
    knowledge,
    model.matcher === null
      ? { match: () => [] }
      : engineMatcherFromModel(model.matcher, options.wordVectors),
    languageDetectorFromModel(model.detector),
    options.defaultLocale,
  );
}

/** The buffers to transfer (not copy) when posting the model to another thread. */
export function modelBuffers(model: BrainModel): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (array: { buffer: ArrayBufferLike }) => {
    // A SharedArrayBuffer is shared, not transferred. (Tagged, not instanceof: realms differ in vm contexts.)
    if (Object.prototype.toString.call(array.buffer) === '[object ArrayBuffer]')
      buffers.add(array.buffer as ArrayBuffer);
  };
  const engine = model.matcher;
  if (engine !== null) {
    add(engine.vocabulary.features);
    add(engine.vocabulary.idf);
    add(engine.classifier.weights);
    add(engine.classifier.bias);
    add(engine.nearest.labels);
    add(engine.nearest.examples.offsets);
    add(engine.nearest.examples.indices);
    add(engine.nearest.examples.values);
    if (engine.vectors !== null) {
      add(engine.vectors.idf);
      add(engine.vectors.centroids);
    }
  }
  for (const candidate of model.detector.candidates) add(candidate.profile.counts);
  return [...buffers];
}
