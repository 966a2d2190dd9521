/**
 * Choosing and applying the out-of-scope threshold: a query is answered when its top score is at
 * least the threshold, otherwise it is treated as out of scope (clarify or hand off).
 */

export interface ScoredQuery {
  readonly score: number;
  /** Top-1 label equals the expected one (always false for out-of-scope queries). */
  readonly correct: boolean;
  readonly outOfScope: boolean;
  /** 0-based rank of the expected label among the candidates; null when absent or out of scope. */
  readonly goldRank: number | null;
}

export interface ThresholdRates {
  /** In-scope queries answered correctly (right label and score ≥ threshold). */
  readonly inScopeAccuracy: number;
  /** Out-of-scope queries rejected (score < threshold); null without out-of-scope queries. */
  readonly oosRecall: number | null;
  /** Rejected queries that really were out of scope; null without out-of-scope queries. */
  readonly oosPrecision: number | null;
}

export function ratesAt(queries: readonly ScoredQuery[], threshold: number): ThresholdRates {
  let inScope = 0,
    inScopeRight = 0,
    oos = 0,
    oosRejected = 0,
    rejected = 0;
  for (const query of queries) {
    const answered = query.score >= threshold;
    if (!answered) rejected++;
    if (query.outOfScope) {
      oos++;
      if (!answered) oosRejected++;
    } else {
      inScope++;
      if (answered && query.correct) inScopeRight++;
    }
  }
  return {
    inScopeAccuracy: inScope === 0 ? 0 : inScopeRight / inScope,
    oosRecall: oos === 0 ? null : oosRejected / oos,
    oosPrecision: oos === 0 ? null : rejected === 0 ? 0 : oosRejected / rejected,
  };
}

/**
 * The threshold that maximises the mean of in-scope accuracy and out-of-scope recall: both classes
 * weigh the same however unbalanced the validation set is (CLINC150's val has 30 in-scope queries
 * per out-of-scope one). Null when there are no out-of-scope (or no in-scope) queries to learn from.
 */
export function chooseThreshold(queries: readonly ScoredQuery[]): number | null {
  const inScope = queries.filter((query) => !query.outOfScope).length;
  const oos = queries.length - inScope;
  if (oos === 0 || inScope === 0) return null;
  // Sweep from the top score down: lowering the threshold past a score answers that query.
  const sorted = [...queries].sort((a, b) => b.score - a.score);
  let answeredRight = 0;
  let oosAnswered = 0;
  // Above the top score nothing is answered: in-scope accuracy 0, recall 1.
  let best = { value: 0.5, threshold: (sorted[0]?.score ?? 1) + 1e-9 };
  for (let i = 0; i < sorted.length; i++) {
    const query = sorted[i] as ScoredQuery;
    if (query.outOfScope) oosAnswered++;
    else if (query.correct) answeredRight++;
    if (sorted[i + 1]?.score === query.score) continue;
    const value = 0.5 * (answeredRight / inScope) + 0.5 * (1 - oosAnswered / oos);
    if (value > best.value) best = { value, threshold: query.score };
  }
  return best.threshold;
}

/** Share of answered queries that must be right when the answer threshold is chosen without out-of-scope data. */
export const TARGET_PRECISION = 0.95;
/** In the clarify band, at least this share of queries must have the right answer among the 3 choices. */
export const CLARIFY_USEFUL = 0.5;

export interface SuggestedThresholds {
  readonly answer: number;
  readonly clarify: number;
}

/**
 * Thresholds for bot.config.json from scored validation queries. `answer` is the out-of-scope
 * threshold when one was chosen, else the lowest score at which the answered queries are right
 * `TARGET_PRECISION` of the time. `clarify` extends the band downwards while at least half of the
 * queries in it would find their answer among the 3 choices offered; out-of-scope queries weigh
 * as much in total as in-scope ones, as when choosing the threshold.
 */
export function suggestThresholds(
  queries: readonly ScoredQuery[],
  chosen: number | null,
): SuggestedThresholds | null {
  if (queries.length === 0) return null;
  const sorted = [...queries].sort((a, b) => b.score - a.score);
  let answer = chosen;
  if (answer === null) {
    let right = 0;
    for (let i = 0; i < sorted.length; i++) {
      const query = sorted[i] as ScoredQuery;
      if (query.correct) right++;
      if (sorted[i + 1]?.score === query.score) continue;
      if (right / (i + 1) >= TARGET_PRECISION) answer = query.score;
    }
    answer ??= sorted[0]?.score ?? 1;
  }
  const answerThreshold = answer;
  const oos = queries.filter((query) => query.outOfScope).length;
  const oosWeight = oos === 0 ? 1 : (queries.length - oos) / oos;
  let clarify = answerThreshold;
  let inBand = 0;
  let useful = 0;
  for (const query of sorted) {
    if (query.score >= answerThreshold) continue;
    inBand += query.outOfScope ? oosWeight : 1;
    if (query.goldRank !== null && query.goldRank < 3) useful++;
    if (useful / inBand >= CLARIFY_USEFUL) clarify = query.score;
  }
  return { answer: round(answerThreshold), clarify: round(Math.min(clarify, answerThreshold)) };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
