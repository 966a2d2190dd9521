import {
  encodeWordVectors,
  parseWordVectors,
  WordVectorsFormatError,
} from '../../../src/core/matching/word-vectors';

const words = ['cancel', 'stop', 'pay'];
const vectors = [
  [0.5, -1.25, 2],
  [0.4, -1.2, 1.9],
  [-3, 0.01, 0],
];
const bytes = encodeWordVectors(words, vectors, 3);
const vectorOf = (file: Uint8Array, word: string) => {
  const parsed = parseWordVectors(file);
  const out = new Float32Array(parsed.dimensions);
  parsed.addTo(parsed.indexOf(word), 1, out);
  return [...out];
};

describe('word-vector files', () => {
  test('read back what was written, within the int8 step of each vector', () => {
    const parsed = parseWordVectors(bytes);
    expect(parsed).toMatchObject({ size: 3, dimensions: 3 });
    expect(parsed.indexOf('stop')).toBe(1);
    expect(parsed.indexOf('banana')).toBe(-1);
    words.forEach((word, i) => {
      const step = Math.max(...(vectors[i] as number[]).map(Math.abs)) / 127;
      vectorOf(bytes, word).forEach((value, d) =>
        expect(Math.abs(value - (vectors[i]?.[d] as number))).toBeLessThanOrEqual(step / 2 + 1e-6),
      );
    });
  });

  test('addTo adds a weighted vector to what is there', () => {
    const parsed = parseWordVectors(bytes);
    const out = new Float32Array([1, 1, 1]);
    parsed.addTo(parsed.indexOf('pay'), 2, out);
    expect(out[0]).toBeCloseTo(-5, 5);
    expect(out[2]).toBeCloseTo(1, 5);
  });

  test('a file inside a larger buffer reads the same', () => {
    const padded = new Uint8Array(bytes.length + 7);
    padded.set(bytes, 3);
    expect(vectorOf(padded.subarray(3, 3 + bytes.length), 'cancel')).toEqual(
      vectorOf(bytes, 'cancel'),
    );
  });

  test.each([
    ['empty', new Uint8Array(0), /it starts with "", not "AWV1"/],
    ['only its first bytes', bytes.subarray(0, 10), /10 bytes, less than its header/],
    [
      'another format',
      new TextEncoder().encode('{"words":["the"],"vectors":{}}'),
      /starts with "\{"wo", not "AWV1"/,
    ],
    [
      'cut short',
      bytes.subarray(0, bytes.length - 1),
      /bytes where its header \(3 words × 3 dimensions\) says/,
    ],
    ['too long', Uint8Array.from([...bytes, 0]), /bytes where its header/],
  ])('%s: a clear error that says how to regenerate it', (_name, file, detail) => {
    expect(() => parseWordVectors(file)).toThrow(WordVectorsFormatError);
    expect(() => parseWordVectors(file)).toThrow(detail);
    expect(() => parseWordVectors(file)).toThrow(
      /Regenerate it with scripts\/derive-word-vectors\.ts/,
    );
  });

  test('a word list that is not UTF-8 or lists a word twice is refused', () => {
    const broken = Uint8Array.from(bytes);
    broken[16] = 0xff;
    expect(() => parseWordVectors(broken)).toThrow(/not UTF-8/);
    const twice = encodeWordVectors(['stop', 'stop'], [vectors[0] ?? [], vectors[1] ?? []], 3);
    expect(() => parseWordVectors(twice)).toThrow(/a word is listed twice/);
  });
});
