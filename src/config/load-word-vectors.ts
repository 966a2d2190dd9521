/**
 * Reads the English word vectors the matching engine uses (vectors/README.md says where they come
 * from). One file per process: every brain, reload and worker of a process reads it once.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { baseLocale } from '../core/language/normalize';
import {
  parseWordVectors,
  WordVectorsFormatError,
  type WordVectors,
} from '../core/matching/word-vectors';

export const WORD_VECTORS_FILE = 'en-glove-100d-40k.bin';

/** vectors/ of the package: two levels above this file in the source tree, three when built. */
export function shippedWordVectorsFile(): string {
  const candidates = [
    path.resolve(__dirname, '..', '..', 'vectors', WORD_VECTORS_FILE),
    path.resolve(__dirname, '..', '..', '..', 'vectors', WORD_VECTORS_FILE),
  ];
  return candidates.find((file) => existsSync(file)) ?? (candidates[0] as string);
}

const loaded = new Map<string, WordVectors>();

/**
 * The shipped vectors when one of `locales` is English, else undefined: the vectors are English
 * and the engine uses them for English examples and questions only.
 */
export function wordVectorsFor(
  locales: readonly (string | null | undefined)[],
): WordVectors | undefined {
  return locales.some((locale) => baseLocale(locale) === 'en') ? loadWordVectors() : undefined;
}

/** Throws an error naming the file and how to regenerate it when it is missing or malformed. */
export function loadWordVectors(file: string = shippedWordVectorsFile()): WordVectors {
  const resolved = path.resolve(file);
  const cached = loaded.get(resolved);
  if (cached !== undefined) return cached;
  let bytes: Buffer;
  try {
    bytes = readFileSync(resolved);
  } catch (error) {
    throw new Error(
      `Cannot read the word vectors ${resolved} (${(error as NodeJS.ErrnoException).code ?? String(error)}): restore vectors/${WORD_VECTORS_FILE} from git or regenerate it with scripts/derive-word-vectors.ts (see vectors/README.md).`,
    );
  }
  try {
    const vectors = parseWordVectors(bytes);
    loaded.set(resolved, vectors);
    return vectors;
  } catch (error) {
    if (error instanceof WordVectorsFormatError) error.message = `${resolved}: ${error.message}`;
    throw error;
  }
}
