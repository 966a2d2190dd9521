/**
 * One bench run in its own process, so peak memory is this system's alone:
 * `node bin/run-ts.js bench/worker.ts --system aftercare|nlpjs --data FILE [--shots K]`.
 * Prints one JSON line with the evaluation and the peak RSS.
 */
import { readFileSync } from 'node:fs';
import { datasetLocale, parseDataset } from '../src/core/matching/dataset';
import { createEngineSystem, evaluate } from '../src/core/matching/evaluate';
import { wordVectorsFor } from '../src/config/load-word-vectors';
import { nlpjsSystem } from './systems';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const shotsText = option('--shots');
  const { rows } = parseDataset(readFileSync(option('--data') ?? '', 'utf8'));
  // Exactly what `aftercare eval` runs: the engine told the set's language, with the shipped vectors.
  const locale = datasetLocale(rows);
  const system =
    option('--system') === 'nlpjs'
      ? nlpjsSystem
      : createEngineSystem(locale, wordVectorsFor([locale]));
  const result = await evaluate(system, rows, {
    shots: shotsText === undefined ? undefined : Number(shotsText),
    defaultThreshold: 0.5,
    now: () => performance.now(),
    suggest: false,
    onProgress: (phase, done, total) => process.stderr.write(`\r  ${phase} ${done}/${total}`),
  });
  const { suggestedThresholds: _suggested, ...figures } = result;
  process.stdout.write(
    `${JSON.stringify({ ...figures, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
