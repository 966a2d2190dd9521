import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  loadWordVectors,
  shippedWordVectorsFile,
  wordVectorsFor,
} from '../../src/config/load-word-vectors';
import { WordVectorsFormatError } from '../../src/core/matching/word-vectors';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

describe('loadWordVectors', () => {
  test('the shipped file: 40,000 English words, 100 dimensions, neighbours that make sense', () => {
    const vectors = loadWordVectors();
    expect(vectors).toMatchObject({ size: 40_000, dimensions: 100 });
    const unit = (word: string) => {
      const out = new Float32Array(vectors.dimensions);
      vectors.addTo(vectors.indexOf(word), 1, out);
      const norm = Math.hypot(...out);
      return out.map((value) => value / norm);
    };
    const cosine = (a: string, b: string) =>
      unit(a).reduce((sum, value, d) => sum + value * (unit(b)[d] as number), 0);
    expect(vectors.indexOf('warranty')).toBeGreaterThanOrEqual(0);
    expect(cosine('refund', 'reimbursement')).toBeGreaterThan(cosine('refund', 'banana') + 0.3);
    expect(cosine('cancel', 'terminate')).toBeGreaterThan(0.5);
  });

  test('read once per process', () => {
    expect(loadWordVectors(shippedWordVectorsFile())).toBe(loadWordVectors());
  });

  test('only for a bot with English among its languages', () => {
    expect(wordVectorsFor(['fa', 'en-GB'])).toBe(loadWordVectors());
    expect(wordVectorsFor(['fa', 'vi', 'el', 'sr', 'ta'])).toBeUndefined();
    expect(wordVectorsFor([null, undefined])).toBeUndefined();
  });

  test('a missing file: an error naming it and how to get it back', () => {
    const missing = path.join(makeTempDir(), 'none.bin');
    expect(() => loadWordVectors(missing)).toThrow(
      new RegExp(`Cannot read the word vectors ${missing} \\(ENOENT\\): restore vectors/`),
    );
  });

  test('a file that is not a vector file: an error naming it and how to regenerate it', () => {
    const bad = path.join(makeTempDir(), 'bad.bin');
    writeFileSync(bad, '{"words": []}');
    expect(() => loadWordVectors(bad)).toThrow(WordVectorsFormatError);
    expect(() => loadWordVectors(bad)).toThrow(
      `${bad}: Not a usable word-vector file: it starts with "{"wo", not "AWV1". Regenerate it with scripts/derive-word-vectors.ts`,
    );
  });
});
