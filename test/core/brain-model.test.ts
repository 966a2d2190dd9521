/**
 * The trained brain as plain data: what a worker thread trains and posts to the main thread
 * must answer exactly as the brain trained in place, in every language, after its buffers were
 * transferred (not copied).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config';
import { loadKnowledge } from '../../src/config/load-knowledge';
import { wordVectorsFor } from '../../src/config/load-word-vectors';
import { createBrain } from '../../src/core/brain';
import { brainFromModel, modelBuffers, trainBrainModel } from '../../src/core/brain-model';
import { createEngineMatcher } from '../../src/core/matching/engine';
import { repoRoot } from '../helpers/paths';

const config = loadConfig({ rootDir: repoRoot, env: {} });
const { knowledge } = loadKnowledge({ ...config, rootDir: repoRoot });
const paraphrasesDir = path.join(repoRoot, 'test/data/paraphrases');
const questions = readdirSync(paraphrasesDir).flatMap((name) =>
  readFileSync(path.join(paraphrasesDir, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { text: string; locale: string }),
);

describe('brain model: train, transfer, restore', () => {
  // As the bot runs: with the shipped English word vectors.
  const wordVectors = wordVectorsFor(config.locales);
  const inPlace = createBrain(knowledge, {
    ...config,
    createMatcher: (examples) => createEngineMatcher(examples, { wordVectors }),
  });
  const model = trainBrainModel(knowledge, { ...config, wordVectors });
  const buffers = modelBuffers(model);
  const bytes = buffers.reduce((sum, buffer) => sum + buffer.byteLength, 0);
  // What postMessage does with a transfer list: the arrays move, the rest is cloned.
  const moved = structuredClone(model, { transfer: buffers });
  const restored = brainFromModel(knowledge, moved, { ...config, wordVectors });

  test('the typed arrays are moved, not copied', () => {
    expect(bytes).toBeGreaterThan(1_000_000);
    expect(buffers.every((buffer) => buffer.byteLength === 0)).toBe(true);
    expect(moved.matcher?.classifier.weights.length).toBeGreaterThan(0);
    expect(moved.matcher?.vectors?.centroids.length).toBeGreaterThan(0);
    expect(model.matcher?.vectors?.centroids.length).toBe(0);
  });

  test('a model trained with word vectors cannot be restored without them', () => {
    expect(() => brainFromModel(knowledge, moved, config)).toThrow(
      /trained with 100-dimensional word vectors; pass the same vectors/,
    );
  });

  test('every paraphrase in six languages ranks and scores the same, and is detected the same', () => {
    const locales = new Set(questions.map((question) => question.locale));
    expect([...locales].sort()).toEqual(['el', 'en', 'fa', 'sr', 'ta', 'vi']);
    for (const { text, locale } of questions) {
      expect(restored.matcher.match(text, { locale })).toEqual(
        inPlace.matcher.match(text, { locale }),
      );
      expect(restored.detector.detect(text)).toEqual(inPlace.detector.detect(text));
      expect(restored.detector.detect(text, { current: 'en' })).toEqual(
        inPlace.detector.detect(text, { current: 'en' }),
      );
    }
  });

  test('knowledge with nothing to match gives a model that matches nothing', () => {
    const empty = { ...knowledge, faqs: [], intents: [] };
    const emptyModel = trainBrainModel(empty, config);
    expect(emptyModel.matcher).toBeNull();
    expect(brainFromModel(empty, emptyModel, config).matcher.match('warranty')).toEqual([]);
  });
});
