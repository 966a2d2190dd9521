/**
 * Distributional word vectors (GloVe), the one thing the lexical engine lacks: that "cancel" and
 * "stop" or "balance" and "funds" mean nearly the same. Read from bytes the composition root
 * loads (the core does no I/O); English only, see vectors/README.md for the source and licence.
 *
 * File format (little-endian), written by scripts/derive-word-vectors.ts:
 *
 *   "AWV1" | uint32 words | uint32 dimensions | uint32 byte length of the word list
 *   | the words, UTF-8, joined by "\n" | zero padding to a multiple of 4
 *   | float32 scale per word | int8 × dimensions per word (value = int8 × scale)
 */

const MAGIC = 'AWV1';
const HEADER_BYTES = 16;

export interface WordVectors {
  readonly dimensions: number;
  /** Number of words. */
  readonly size: number;
  /** The index of `word`, or -1 when it has no vector. */
  indexOf(word: string): number;
  /** Adds `weight` × the vector of word `index` to `out` (length `dimensions`). */
  addTo(index: number, weight: number, out: Float32Array): void;
}

/** Thrown for a file that is not a word-vector file or is cut short. */
export class WordVectorsFormatError extends Error {
  constructor(detail: string) {
    super(
      `Not a usable word-vector file: ${detail}. Regenerate it with scripts/derive-word-vectors.ts (see vectors/README.md).`,
    );
    this.name = 'WordVectorsFormatError';
  }
}

export function parseWordVectors(bytes: Uint8Array): WordVectors {
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic !== MAGIC)
    throw new WordVectorsFormatError(`it starts with "${magic}", not "${MAGIC}"`);
  if (bytes.length < HEADER_BYTES)
    throw new WordVectorsFormatError(`${bytes.length} bytes, less than its header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getUint32(4, true);
  const dimensions = view.getUint32(8, true);
  const wordBytes = view.getUint32(12, true);
  const scalesAt = HEADER_BYTES + padded(wordBytes);
  const valuesAt = scalesAt + 4 * size;
  const expected = valuesAt + size * dimensions;
  if (dimensions === 0 || bytes.length !== expected)
    throw new WordVectorsFormatError(
      `${bytes.length} bytes where its header (${size} words × ${dimensions} dimensions) says ${expected}`,
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(
      bytes.subarray(HEADER_BYTES, HEADER_BYTES + wordBytes),
    );
  } catch {
    throw new WordVectorsFormatError('its word list is not UTF-8');
  }
  const words = size === 0 ? [] : text.split('\n');
  if (words.length !== size)
    throw new WordVectorsFormatError(`${words.length} words where its header says ${size}`);
  // Kept quantised (a quarter of the memory of floats); copied so the file's buffer can go.
  const values = new Int8Array(
    bytes.buffer.slice(bytes.byteOffset + valuesAt, bytes.byteOffset + expected),
  );
  const scales = new Float32Array(size);
  for (let i = 0; i < size; i++) scales[i] = view.getFloat32(scalesAt + 4 * i, true);
  const index = new Map(words.map((word, i) => [word, i]));
  if (index.size !== size) throw new WordVectorsFormatError('a word is listed twice');
  return {
    dimensions,
    size,
    indexOf: (word) => index.get(word) ?? -1,
    addTo(at, weight, out) {
      const scaled = weight * (scales[at] as number);
      const row = at * dimensions;
      for (let d = 0; d < dimensions; d++)
        out[d] = (out[d] as number) + scaled * (values[row + d] as number);
    },
  };
}

/** The file bytes of `vectors` (one per word), each quantised to int8 with its own scale. */
export function encodeWordVectors(
  words: readonly string[],
  vectors: readonly (readonly number[])[],
  dimensions: number,
): Uint8Array {
  const wordList = new TextEncoder().encode(words.join('\n'));
  const scalesAt = HEADER_BYTES + padded(wordList.length);
  const valuesAt = scalesAt + 4 * words.length;
  const bytes = new Uint8Array(valuesAt + words.length * dimensions);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, words.length, true);
  view.setUint32(8, dimensions, true);
  view.setUint32(12, wordList.length, true);
  bytes.set(wordList, HEADER_BYTES);
  vectors.forEach((vector, i) => {
    let max = 0;
    for (let d = 0; d < dimensions; d++) max = Math.max(max, Math.abs(vector[d] ?? 0));
    const scale = max / 127 || 1;
    view.setFloat32(scalesAt + 4 * i, scale, true);
    for (let d = 0; d < dimensions; d++)
      view.setInt8(valuesAt + i * dimensions + d, Math.round((vector[d] ?? 0) / scale));
  });
  return bytes;
}

const padded = (length: number) => Math.ceil(length / 4) * 4;
