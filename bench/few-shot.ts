/**
 * `npm run bench:few-shot`: the engine alone on the first K rows per intent, in-scope top-1 accuracy
 * on a validation split and on test, for a few SGD seeds. Seconds per run instead of the full
 * bench's minutes, for trying an engine variant: decide on `val`, and read `test` only to report.
 *
 * CLINC150's val is its own; Banking77 has none, so its val is rows 11-30 of each intent in `train`
 * (never among the first 10, so never trained on with 5 or 10 shots).
 *
 * Options: --datasets clinc150,banking77   --shots 5,10   --seeds 1,2,3
 *          --engine '{"termWeighting":"classes"}' (EngineOptions, merged over the defaults)
 *          --vectors FILE|none (default: the shipped English word vectors, as `npm run bench`)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  OUT_OF_SCOPE,
  datasetLocale,
  parseDataset,
  takeShots,
  type DatasetRow,
} from '../src/core/matching/dataset';
import { createEngineMatcher, type EngineOptions } from '../src/core/matching/engine';
import type { Matcher } from '../src/core/matching/matcher';
import { loadWordVectors, shippedWordVectorsFile } from '../src/config/load-word-vectors';
import { findSharedDatasets } from './shared-datasets';

const HELD_OUT_FROM = 10;
const HELD_OUT_TO = 30;

const option = (name: string, fallback: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
};

/** val, or rows (HELD_OUT_FROM, HELD_OUT_TO] of each intent in train when the set has no val. */
function validationRows(rows: readonly DatasetRow[], inScopeTrain: readonly DatasetRow[]) {
  const val = rows.filter((row) => row.split === 'val' && row.intent !== OUT_OF_SCOPE);
  if (val.length > 0) return val;
  const seen = new Map<string, number>();
  return inScopeTrain.filter((row) => {
    const count = (seen.get(row.intent) ?? 0) + 1;
    seen.set(row.intent, count);
    return count > HELD_OUT_FROM && count <= HELD_OUT_TO;
  });
}

const accuracy = (matcher: Matcher, rows: readonly DatasetRow[]) =>
  rows.filter((row) => matcher.match(row.text)[0]?.label === row.intent).length / rows.length;

const percent = (values: readonly number[]) =>
  values.map((value) => (value * 100).toFixed(1)).join(' ');
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function main(): void {
  const datasetsDir =
    process.env.AFTERCARE_DATASETS ?? findSharedDatasets(path.resolve(__dirname, '..'));
  const vectorsFile = option('vectors', shippedWordVectorsFile());
  const engine: EngineOptions = {
    ...(vectorsFile === 'none' ? {} : { wordVectors: loadWordVectors(vectorsFile) }),
    ...(JSON.parse(option('engine', '{}')) as EngineOptions),
  };
  const seeds = option('seeds', '1,2,3').split(',').map(Number);
  for (const dataset of option('datasets', 'clinc150,banking77').split(',')) {
    const { rows } = parseDataset(readFileSync(path.join(datasetsDir, `${dataset}.jsonl`), 'utf8'));
    const locale = datasetLocale(rows) ?? undefined;
    const inScopeTrain = rows.filter((row) => row.split === 'train' && row.intent !== OUT_OF_SCOPE);
    const val = validationRows(rows, inScopeTrain);
    const test = rows.filter((row) => row.split === 'test' && row.intent !== OUT_OF_SCOPE);
    for (const shots of option('shots', '5,10').split(',').map(Number)) {
      const examples = takeShots(inScopeTrain, shots).map((row) => ({
        text: row.text,
        label: row.intent,
      }));
      const valFigures: number[] = [];
      const testFigures: number[] = [];
      for (const seed of seeds) {
        const matcher = createEngineMatcher(examples, { defaultLocale: locale, seed, ...engine });
        valFigures.push(accuracy(matcher, val));
        testFigures.push(accuracy(matcher, test));
      }
      process.stdout.write(
        `${dataset} ${shots}-shot: val ${percent([mean(valFigures)])} (${percent(valFigures)}), test ${percent([mean(testFigures)])} (${percent(testFigures)})\n`,
      );
    }
  }
}

main();
