/**
 * `aftercare eval --data FILE.jsonl [--shots K] [--locale xx] [--threshold T] [--json]`: how well
 * the matching engine does on a labelled set (`{"text","intent","split"}` per line, out-of-scope
 * rows labelled `oos`), and which thresholds to put in bot.config.json.
 *
 * Trains on `train` (the first K rows per intent with --shots), picks the out-of-scope threshold on
 * `val` (without val: on a held-out fifth of train), reports on `test`. Progress goes to stderr.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { datasetLocale, OUT_OF_SCOPE, parseDataset } from '../../core/matching/dataset';
import { wordVectorsFor } from '../../config/load-word-vectors';
import { createEngineSystem, evaluate, type EvaluationResult } from '../../core/matching/evaluate';
import { parseArgs } from '../io';

export interface EvalIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE =
  'usage: aftercare eval --data FILE.jsonl [--shots K] [--locale xx] [--threshold T] [--json]';
/** Used when the set has no out-of-scope rows to choose a threshold from (override with --threshold). */
const DEFAULT_THRESHOLD = 0.5;

export async function evalCommand(args: string[], io: EvalIo): Promise<number> {
  const { flags, positionals } = parseArgs(args, ['json']);
  const unknown = [...flags.keys()].filter(
    (name) => !['data', 'shots', 'json', 'locale', 'threshold'].includes(name),
  );
  if (unknown.length > 0 || positionals.length > 0) {
    io.stderr(
      `error: unexpected ${[...unknown.map((name) => `--${name}`), ...positionals].join(', ')}\n${USAGE}\n`,
    );
    return 2;
  }
  const data = flags.get('data');
  if (typeof data !== 'string') {
    io.stderr(`error: --data FILE.jsonl is required\n${USAGE}\n`);
    return 2;
  }
  const shots = numberFlag(
    flags.get('shots'),
    'shots',
    io,
    (value) => Number.isInteger(value) && value > 0,
  );
  const threshold = numberFlag(
    flags.get('threshold'),
    'threshold',
    io,
    (value) => value >= 0 && value <= 1,
  );
  if (shots === null || threshold === null) return 2;

  let text: string;
  try {
    text = readFileSync(path.resolve(data), 'utf8');
  } catch (error) {
    io.stderr(`error: cannot read ${data}: ${(error as Error).message}\n`);
    return 1;
  }
  const { rows, errors } = parseDataset(text);
  for (const message of errors.slice(0, 5))
    io.stderr(`warning: ${data} ${message} (line skipped)\n`);
  if (errors.length > 5) io.stderr(`warning: ${errors.length - 5} more bad line(s) skipped\n`);
  const trainRows = rows.filter(
    (row) => row.split === 'train' && row.intent !== OUT_OF_SCOPE,
  ).length;
  const testRows = rows.filter((row) => row.split === 'test').length;
  if (trainRows === 0 || testRows === 0) {
    io.stderr(
      `error: ${data} needs in-scope "train" rows and "test" rows (found ${trainRows} and ${testRows}); each line is {"text","intent","split"}\n`,
    );
    return 1;
  }

  const locale =
    typeof flags.get('locale') === 'string' ? (flags.get('locale') as string) : datasetLocale(rows);
  io.stderr(
    `eval: ${path.basename(data)}: ${rows.length} rows, language ${locale ?? 'unknown'}${shots === undefined ? '' : `, ${shots} shots per intent`}\n`,
  );
  const long = rows.length >= 2000;
  const result = await evaluate(createEngineSystem(locale, wordVectorsFor([locale])), rows, {
    shots,
    defaultThreshold: threshold ?? DEFAULT_THRESHOLD,
    now: () => performance.now(),
    onProgress: long
      ? (phase, done, total) => io.stderr(`  ${phase}: ${done}/${total}\n`)
      : undefined,
  });
  const peakRssMb = round(process.resourceUsage().maxRSS / 1024, 1);
  if (flags.has('json')) io.stdout(`${JSON.stringify(toJson(result, peakRssMb))}\n`);
  else io.stdout(report(result, peakRssMb));
  return 0;
}

function toJson(result: EvaluationResult, peakRssMb: number) {
  return {
    inScopeAccuracy: result.inScopeAccuracy,
    inScopeAccuracyAtThreshold: result.inScopeAccuracyAtThreshold,
    oosRecall: result.oosRecall,
    oosPrecision: result.oosPrecision,
    threshold: result.threshold,
    thresholdSource: result.thresholdSource,
    trainSeconds: result.trainSeconds,
    meanMs: result.meanMs,
    p99Ms: result.p99Ms,
    peakRssMb,
    trainCount: result.trainCount,
    testCount: result.testCount,
    suggestedThresholds: result.suggestedThresholds,
  };
}

const SOURCES = {
  val: 'chosen on val',
  'held-out-train': 'chosen on a held-out fifth of train (no val split)',
  default: 'not chosen: no out-of-scope rows to learn from; the default or --threshold',
} as const;

function report(result: EvaluationResult, peakRssMb: number): string {
  const percent = (value: number | null) =>
    value === null ? 'n/a (no oos rows)' : `${(value * 100).toFixed(1)} %`;
  const lines = [
    `in-scope accuracy            ${percent(result.inScopeAccuracy)}`,
    `at threshold ${result.threshold.toFixed(3)}          in-scope ${percent(result.inScopeAccuracyAtThreshold)}, oos recall ${percent(result.oosRecall)}, oos precision ${percent(result.oosPrecision)}`,
    `threshold                    ${SOURCES[result.thresholdSource]}`,
    `training                     ${result.trainSeconds.toFixed(2)} s on ${result.trainCount} examples`,
    `per query                    mean ${result.meanMs.toFixed(3)} ms, p99 ${result.p99Ms.toFixed(3)} ms over ${result.testCount} test rows`,
    `peak memory                  ${peakRssMb} MB`,
  ];
  const suggested = result.suggestedThresholds;
  if (suggested) {
    lines.push(
      '',
      'suggested for bot.config.json (answer at or above `answer`, "did you mean" down to `clarify`):',
    );
    lines.push(
      `  "thresholds": { "answer": ${suggested.answer}, "clarify": ${suggested.clarify} }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function numberFlag(
  value: string | true | undefined,
  name: string,
  io: EvalIo,
  valid: (value: number) => boolean,
): number | undefined | null {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value === true || !Number.isFinite(parsed) || !valid(parsed)) {
    io.stderr(
      `error: --${name} needs ${name === 'shots' ? 'a whole number of examples per intent, e.g. --shots 5' : 'a score between 0 and 1, e.g. --threshold 0.5'}\n${USAGE}\n`,
    );
    return null;
  }
  return parsed;
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}
