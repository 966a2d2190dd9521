/**
 * The engine's English word vectors, on a hand-made four-dimensional vector set: "terminate" and
 * "stop" lie by "cancel", "settle" by "pay", "banana" by nothing.
 */
import { createEngineMatcher, trainEngineModel } from '../../../src/core/matching/engine';
import type { TrainingExample } from '../../../src/core/matching/matcher';
import { centroidScorer, trainVectorModel } from '../../../src/core/matching/sentence-vectors';
import { createNeighbourFinder } from '../../../src/core/matching/word-neighbours';
import { encodeWordVectors, parseWordVectors } from '../../../src/core/matching/word-vectors';

const table: Record<string, number[]> = {
  cancel: [1, 0, 0, 0],
  terminate: [0.9, 0.1, 0, 0],
  stop: [0.8, 0.2, 0.1, 0],
  pay: [0, 1, 0, 0],
  settle: [0.1, 0.9, 0, 0],
  subscription: [0, 0, 1, 0],
  bill: [0, 0.2, 0, 1],
  now: [0.1, 0.1, 0.1, 0.1],
  banana: [-1, -1, -1, 1],
};
const wordVectors = parseWordVectors(
  encodeWordVectors(Object.keys(table), Object.values(table), 4),
);

const examples = (label: string, locale: string, ...texts: string[]): TrainingExample[] =>
  texts.map((text) => ({ text, label, locale }));
const training = [
  ...examples('cancel', 'en', 'cancel my subscription', 'cancel the subscription please'),
  ...examples('pay', 'en', 'pay my bill', 'pay the bill now'),
  ...examples('cancel', 'sr', 'otkaži pretplatu', 'želim da otkažem pretplatu'),
  ...examples('pay', 'sr', 'plati račun', 'kako da platim račun'),
];
const vectorModel = () =>
  trainVectorModel(
    wordVectors,
    training.map((example) => ({
      text: example.text,
      locale: example.locale,
      label: example.label === 'cancel' ? 0 : 1,
    })),
    2,
  );

describe('English word vectors in the engine', () => {
  const lexical = createEngineMatcher(training);
  const withVectors = createEngineMatcher(training, { wordVectors });
  const top = (matcher: typeof lexical, text: string, locale = 'en') =>
    matcher.match(text, { locale })[0]?.label;

  test('a word never taught is read as the taught word it means', () => {
    expect(top(lexical, 'terminate it now')).toBe('pay');
    expect(top(withVectors, 'terminate it now')).toBe('cancel');
    expect(top(withVectors, 'stop it now')).toBe('cancel');
    expect(top(withVectors, 'settle it now')).toBe('pay');
  });

  test('another language scores exactly as without vectors', () => {
    for (const text of ['otkaži pretplatu', 'plati račun', 'terminate it now', 'pay my bill'])
      expect(withVectors.match(text, { locale: 'sr' })).toEqual(
        lexical.match(text, { locale: 'sr' }),
      );
  });

  test('without an English example there is no vector part', () => {
    const serbian = training.filter((example) => example.locale === 'sr');
    expect(trainEngineModel(serbian, { wordVectors })?.vectors).toBeNull();
    expect(trainEngineModel(training, { wordVectors })?.vectors).not.toBeNull();
    expect(trainEngineModel(training)?.vectors).toBeNull();
  });

  test('the centroid cosine favours the label whose examples mean the same', () => {
    const model = vectorModel();
    expect(model?.centroidWeight).toBe(25);
    const logits = new Float64Array(2);
    centroidScorer(wordVectors, model!)('terminate', 'en', logits);
    expect(logits[0]).toBeGreaterThan(logits[1] as number);
    const untouched = new Float64Array(2);
    centroidScorer(wordVectors, model!)('terminate', 'sr', untouched);
    centroidScorer(wordVectors, model!)('zebra', 'en', untouched);
    expect([...untouched]).toEqual([0, 0]);
  });

  test('the more examples per label, the less the centroid counts; from 20 on, nothing', () => {
    const perLabel = (count: number) =>
      trainVectorModel(
        wordVectors,
        Array.from({ length: 2 * count }, (_, i) => ({
          text: i % 2 === 0 ? `cancel subscription ${i}` : `pay bill ${i}`,
          locale: 'en',
          label: i % 2,
        })),
        2,
      );
    expect(perLabel(10)?.centroidWeight).toBe(25);
    expect(perLabel(15)?.centroidWeight).toBe(12.5);
    expect(perLabel(20)).toBeNull();
    expect(perLabel(100)).toBeNull();
  });

  test('neighbours: only unknown English words, only close enough ones', () => {
    const find = createNeighbourFinder(wordVectors, vectorModel()!);
    expect(find('terminate the subscription', 'en')).toEqual(['cancel']);
    expect(find('settle it', 'en')).toEqual(['pay']);
    // Known words stay as they are; "banana" is near no training word; "zebra" has no vector.
    expect(find('cancel my bill', 'en')).toEqual([]);
    expect(find('banana zebra', 'en')).toEqual([]);
    expect(find('terminate', 'sr')).toEqual([]);
    // Asked again, from memory: the same answer.
    expect(find('terminate the subscription', 'en')).toEqual(['cancel']);
  });
});
