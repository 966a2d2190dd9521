/**
 * `npm run bench`: Aftercare and nlp.js side by side on CLINC150 and Banking77, all training rows
 * and 5 and 10 per intent, the same split and threshold procedure (src/core/matching/evaluate.ts). Each
 * run is its own process (bench/worker.ts) so peak memory is one system's alone; runs go one after
 * another so they do not compete for the CPU. Prints one table, as Markdown for docs/benchmarks.md.
 *
 * Options: --systems aftercare,nlpjs   --datasets clinc150,banking77   --runs full,5,10
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import type { EvaluationResult } from '../src/core/matching/evaluate';
import { findSharedDatasets } from './shared-datasets';

/** What bench/worker.ts prints: the evaluation without the suggested thresholds, plus peak memory. */
type Figures = Omit<EvaluationResult, 'suggestedThresholds'> & { readonly peakRssMb: number };

const root = path.resolve(__dirname, '..');
const datasetsDir = process.env.AFTERCARE_DATASETS ?? findSharedDatasets(root);

const SYSTEM_NAMES: Readonly<Record<string, string>> = { aftercare: 'Aftercare', nlpjs: 'nlp.js' };

function option(name: string, fallback: string): string[] {
  const index = process.argv.indexOf(`--${name}`);
  return (index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback).split(',');
}

function runWorker(system: string, dataset: string, shots: string): Promise<Figures> {
  const args = [
    path.join(root, 'bin', 'run-ts.js'),
    'bench/worker.ts',
    '--system',
    system,
    '--data',
    path.join(datasetsDir, `${dataset}.jsonl`),
  ];
  if (shots !== 'full') args.push('--shots', shots);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('close', (code) => {
      process.stderr.write('\n');
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as Figures);
      else
        reject(
          new Error(
            `${system} on ${dataset} (${shots}) failed with exit code ${code}: ${err.slice(-500)}`,
          ),
        );
    });
  });
}

const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);
const ratio = (a: number | null, b: number | null, digits = 2) =>
  a === null || b === null || b === 0 ? '–' : `${(a / b).toFixed(digits)}×`;

/** Percentage points ahead (or behind): the issue's targets are stated in points. */
const lead = (a: number, b: number) =>
  `${a >= b ? '+' : '−'}${(Math.abs(a - b) * 100).toFixed(1)} pts`;

/** Without out-of-scope rows no threshold is chosen, and accuracy at a fixed 0.5 would compare two unrelated score scales. */
const atThreshold = (figures: Figures) =>
  figures.thresholdSource === 'default' ? null : figures.inScopeAccuracyAtThreshold;

function rowFor(label: string, figures: Figures): string {
  return `| ${label} | ${percent(figures.inScopeAccuracy)} | ${percent(atThreshold(figures))} | ${percent(figures.oosRecall)} | ${figures.trainSeconds.toFixed(2)} | ${figures.meanMs.toFixed(3)} | ${figures.p99Ms.toFixed(3)} | ${figures.peakRssMb.toFixed(0)} |`;
}

function machine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  let nproc = String(cpus().length);
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    // nproc is missing on some systems; the os module's count is close enough.
  }
  return `${new Date().toISOString().slice(0, 10)}, ${nproc} CPUs (${cpu}), Node ${process.version}, ${process.platform}`;
}

async function main(): Promise<void> {
  const systems = option('systems', 'aftercare,nlpjs');
  const datasets = option('datasets', 'clinc150,banking77');
  const runs = option('runs', 'full,5,10');
  const loadAtStart = loadavg()[0]?.toFixed(1);
  const lines = [
    `Machine: ${machine()}`,
    '',
    '| run | in-scope acc. | in-scope @ threshold | OOS recall @ threshold | train s | mean ms/query | p99 ms/query | peak RSS MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const dataset of datasets) {
    for (const shots of runs) {
      const results = new Map<string, Figures>();
      for (const system of systems) {
        process.stderr.write(
          `${SYSTEM_NAMES[system] ?? system} on ${dataset}, ${shots === 'full' ? 'all train rows' : `${shots} per intent`}\n`,
        );
        results.set(system, await runWorker(system, dataset, shots));
      }
      const run = `${dataset} ${shots === 'full' ? 'full' : `${shots}-shot`}`;
      for (const [system, figures] of results)
        lines.push(rowFor(`${run}: ${SYSTEM_NAMES[system] ?? system}`, figures));
      const ours = results.get('aftercare');
      const theirs = results.get('nlpjs');
      if (ours && theirs) {
        lines.push(
          `| ${run}: Aftercare / nlp.js | ${ratio(ours.inScopeAccuracy, theirs.inScopeAccuracy)} (${lead(ours.inScopeAccuracy, theirs.inScopeAccuracy)}) | ${ratio(atThreshold(ours), atThreshold(theirs))} | ${ratio(ours.oosRecall, theirs.oosRecall)} | ${ratio(ours.trainSeconds, theirs.trainSeconds, 3)} | ${ratio(ours.meanMs, theirs.meanMs)} | ${ratio(ours.p99Ms, theirs.p99Ms)} | ${ratio(ours.peakRssMb, theirs.peakRssMb)} |`,
        );
      }
    }
  }
  // Timings on a shared machine depend on what else runs; the load says how much did.
  lines[0] = `${lines[0]}; load average ${loadAtStart} at start, ${loadavg()[0]?.toFixed(1)} at end`;
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
