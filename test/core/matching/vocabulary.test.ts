import { createVocabulary } from '../../../src/core/matching/vocabulary';

// Class 0 says feature 7 in each of its three sentences; class 1 has feature 9 once; feature 5 is
// in both classes.
const sentences = [
  [7, 1],
  [7, 2],
  [7, 3, 5],
  [9, 4, 5],
];
const classOf = Int32Array.from([0, 0, 0, 1]);

function idfOf(vocabulary: ReturnType<typeof createVocabulary>['vocabulary'], feature: number) {
  const at = Array.from(vocabulary.model.features).indexOf(feature);
  return vocabulary.model.idf[at] as number;
}

describe('createVocabulary term weighting', () => {
  it('by default weighs a feature by the sentences that have it', () => {
    const { vocabulary } = createVocabulary(sentences.length, (i) => sentences[i] ?? [], 1);
    expect(idfOf(vocabulary, 7)).toBeCloseTo(Math.log(5 / 4) + 1, 5);
    expect(idfOf(vocabulary, 9)).toBeCloseTo(Math.log(5 / 2) + 1, 5);
  });

  it('with class frequency, a word every variant of one label shares is as rare as a word said once', () => {
    const { vocabulary } = createVocabulary(sentences.length, (i) => sentences[i] ?? [], 1, {
      kind: 'classes',
      classOf,
      classCount: 2,
    });
    expect(idfOf(vocabulary, 7)).toBeCloseTo(Math.log(3 / 2) + 1, 5);
    expect(idfOf(vocabulary, 9)).toBeCloseTo(idfOf(vocabulary, 7), 5);
    expect(idfOf(vocabulary, 5)).toBeCloseTo(1, 5);
  });
});
