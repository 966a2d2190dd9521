/**
 * Choosing and applying the out-of-scope threshold: a query is answered when its top score is at
 * least the threshold, otherwise it is treated as out of scope (clarify or hand off).
 */

export interface ScoredQuery {
  readonly score: number;
  /** Top-1 label equals the expected one (always false for out-of-scope queries). */
  readonly correct: boolean;
  readonly outOfScope: boolean;
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
  let inScope = 0, inScopeRight = 0, oos = 0, oosRejected = 0, rejected = 0;
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
 * per out-of-scope one). Null when there are no out-of-scope queries to learn from.
 */
export function chooseThreshold(queries: readonly ScoredQuery[]): number | null {
  const inScope = queries.filter((query) => !query.outOfScope).length;
  const oos = queries.length - inScope;
  if (oos === 0 || inScope === 0) return null;
  // Sweep candidate thresholds from high to low: lowering past a score answers that query.
  const sorted = [...queries].sort((a, b) => b.score - a.score);
  let answeredRight = 0;
  let oosAnswered = 0;
  // Above the top score nothing is answered: in-scope accuracy 0, recall 1.
  let best = { value: 0.5, threshold: (sorted[0]?.score ?? 1) + 1e-9 };
  for (let i = 0; i < sorted.length; i++) {
    const query = sorted[i];
    if (query === undefined) continue;
    if (query.outOfScope) oosAnswered++;
    else if (query.correct) answeredRight++;
    const next = sorted[i + 1];
    if (next !== undefined && next.score === query.score) continue;
    const value = 0.5 * (answeredRight / inScope) + 0.5 * (1 - oosAnswered / oos);
    if (value > best.value) best = { value, threshold: query.score };
  }
  return best.threshold;
}
