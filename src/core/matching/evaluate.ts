/**
 * The evaluation behind `aftercare eval` and `npm run bench`, pure: the caller supplies the rows,
 * the system under test and a clock. Protocol (CLINC150's "oos-threshold"): train on the in-scope
 * `train` rows (the first K per intent with `shots`); choose the out-of-scope threshold on `val`
 * (or, without `val`, on a held-out slice of `train` scored by a model trained on the rest);
 * report on `test`.
 */
import type { Candidate } from './matcher';
import { OUT_OF_SCOPE, takeShots, type DatasetRow } from './dataset';
import { createEngineMatcher } from './engine';
import type { WordVectors } from './word-vectors';
import {
  chooseThreshold,
  ratesAt,
  suggestThresholds,
  type ScoredQuery,
  type SuggestedThresholds,
} from './threshold';

/** Anything that can be trained and asked: the engine, or another library in the bench. */
export interface SystemUnderTest {
  train(
    examples: readonly { text: string; label: string }[],
  ): Promise<{ match(text: string): Candidate[] | Promise<Candidate[]> }>;
}

/**
 * The engine as `aftercare eval` and the bench run it: told the set's language (`datasetLocale`),
 * with the English word vectors the bot ships (the caller reads them: `wordVectorsFor`).
 */
export function createEngineSystem(
  locale: string | null,
  wordVectors?: WordVectors,
): SystemUnderTest {
  return {
    train: async (examples) =>
      createEngineMatcher(examples, { defaultLocale: locale ?? undefined, wordVectors }),
  };
}

export interface EvaluationOptions {
  readonly shots?: number;
  /** Used when no out-of-scope data is available to choose one. */
  readonly defaultThreshold: number;
  /** Milliseconds, monotonic (performance.now). */
  readonly now: () => number;
  readonly onProgress?: (phase: string, done: number, total: number) => void;
  /** Fraction of train held out to choose the threshold when there is no val split. */
  readonly holdOutFraction?: number;
  /**
   * Without val and without out-of-scope rows there is no threshold to choose, only thresholds to
   * suggest; false skips the extra training on the held-out split (the bench does not need it).
   */
  readonly suggest?: boolean;
}

export type ThresholdSource = 'val' | 'held-out-train' | 'default';

export interface EvaluationResult {
  readonly inScopeAccuracy: number;
  readonly inScopeAccuracyAtThreshold: number;
  readonly oosRecall: number | null;
  readonly oosPrecision: number | null;
  readonly threshold: number;
  readonly thresholdSource: ThresholdSource;
  readonly trainSeconds: number;
  readonly meanMs: number;
  readonly p99Ms: number;
  readonly trainCount: number;
  readonly testCount: number;
  /** For bot.config.json, from the validation queries (val or the held-out slice); null without them. */
  readonly suggestedThresholds: SuggestedThresholds | null;
}

export async function evaluate(
  system: SystemUnderTest,
  rows: readonly DatasetRow[],
  options: EvaluationOptions,
): Promise<EvaluationResult> {
  const train = takeShots(
    rows.filter((row) => row.split === 'train' && row.intent !== OUT_OF_SCOPE),
    options.shots,
  );
  const test = rows.filter((row) => row.split === 'test');
  let validation = rows.filter((row) => row.split === 'val');
  let thresholdSource: ThresholdSource = 'val';
  let validationScored: ScoredQuery[] = [];

  if (validation.length === 0) {
    const { fit, heldOut } = holdOut(
      train,
      rows.filter((row) => row.split === 'train' && row.intent === OUT_OF_SCOPE),
      options.holdOutFraction ?? 0.2,
    );
    validation = heldOut;
    thresholdSource = 'held-out-train';
    const useful = heldOut.some((row) => row.intent === OUT_OF_SCOPE) || options.suggest !== false;
    if (useful && heldOut.length > 0 && fit.length > 0) {
      const model = await system.train(fit.map(toExample));
      validationScored = (await scoreAll(model, heldOut, options, 'held-out')).scored;
    }
  }

  const started = options.now();
  const model = await system.train(train.map(toExample));
  const trainSeconds = (options.now() - started) / 1000;
  if (thresholdSource === 'val')
    validationScored = (await scoreAll(model, validation, options, 'val')).scored;

  const chosen = chooseThreshold(validationScored);
  const threshold = chosen ?? options.defaultThreshold;
  if (chosen === null) thresholdSource = 'default';

  const { scored, latencies } = await scoreAll(model, test, options, 'test');
  const inScope = scored.filter((query) => !query.outOfScope);
  const atThreshold = ratesAt(scored, threshold);
  const sortedLatencies = [...latencies].sort((a, b) => a - b);
  return {
    inScopeAccuracy:
      inScope.length === 0 ? 0 : inScope.filter((query) => query.correct).length / inScope.length,
    inScopeAccuracyAtThreshold: atThreshold.inScopeAccuracy,
    oosRecall: atThreshold.oosRecall,
    oosPrecision: atThreshold.oosPrecision,
    threshold,
    thresholdSource,
    trainSeconds,
    meanMs: latencies.length === 0 ? 0 : latencies.reduce((a, b) => a + b, 0) / latencies.length,
    p99Ms:
      sortedLatencies[
        Math.min(sortedLatencies.length - 1, Math.floor(sortedLatencies.length * 0.99))
      ] ?? 0,
    trainCount: train.length,
    testCount: test.length,
    suggestedThresholds: suggestThresholds(validationScored, chosen),
  };
}

function toExample(row: DatasetRow): { text: string; label: string } {
  return { text: row.text, label: row.intent };
}

async function scoreAll(
  model: { match(text: string): Candidate[] | Promise<Candidate[]> },
  rows: readonly DatasetRow[],
  options: EvaluationOptions,
  phase: string,
) {
  const scored: ScoredQuery[] = [];
  const latencies: number[] = [];
  for (const [index, row] of rows.entries()) {
    const started = options.now();
    const candidates = await model.match(row.text);
    latencies.push(options.now() - started);
    const outOfScope = row.intent === OUT_OF_SCOPE;
    const rank = outOfScope
      ? -1
      : candidates.findIndex((candidate) => candidate.label === row.intent);
    scored.push({
      score: candidates[0]?.score ?? 0,
      correct: rank === 0,
      outOfScope,
      goldRank: rank >= 0 ? rank : null,
    });
    if ((index + 1) % 500 === 0 || index + 1 === rows.length)
      options.onProgress?.(phase, index + 1, rows.length);
  }
  return { scored, latencies };
}

/** Every n-th in-scope row of each intent (and the out-of-scope train rows) go to the held-out slice. */
function holdOut(
  train: readonly DatasetRow[],
  outOfScope: readonly DatasetRow[],
  fraction: number,
) {
  const every = Math.max(2, Math.round(1 / fraction));
  const seen = new Map<string, number>();
  const fit: DatasetRow[] = [];
  const heldOut: DatasetRow[] = [...outOfScope];
  for (const row of train) {
    const count = (seen.get(row.intent) ?? 0) + 1;
    seen.set(row.intent, count);
    (count % every === 0 ? heldOut : fit).push(row);
  }
  return { fit, heldOut };
}
