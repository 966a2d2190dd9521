/**
 * Groups near-duplicate questions with the matcher's own features (character n-grams, words,
 * stems): no new model. A question joins the first cluster of its language whose first question
 * it resembles (cosine of feature counts) at least `similarity`; otherwise it starts one.
 */
import { sentenceFeatures } from '../core/matching/features';
import type { Matcher } from '../core/matching/matcher';
import type { GapKind, UnansweredQuestion } from './find-unanswered';

export interface GapCluster {
  readonly locale: string;
  readonly count: number;
  /** Up to 5 distinct questions, most frequent first. */
  readonly examples: string[];
  /** The existing FAQ entry or intent closest to the cluster, with the matcher's score. */
  readonly nearest: { readonly id: string; readonly score: number } | null;
  readonly kinds: Partial<Record<GapKind, number>>;
  readonly firstSeen: string;
  readonly lastSeen: string;
}

interface Open {
  readonly locale: string;
  readonly vector: Map<number, number>;
  readonly norm: number;
  readonly questions: UnansweredQuestion[];
}

export function clusterQuestions(
  questions: readonly UnansweredQuestion[],
  matcher: Matcher,
  similarity = 0.5,
): GapCluster[] {
  const open: Open[] = [];
  for (const question of questions) {
    const vector = featureCounts(question.text, question.locale);
    const norm = normOf(vector);
    const home = open.find(
      (cluster) =>
        cluster.locale === question.locale &&
        cosine(cluster.vector, cluster.norm, vector, norm) >= similarity,
    );
    if (home) home.questions.push(question);
    else open.push({ locale: question.locale, vector, norm, questions: [question] });
  }
  return open
    .map((cluster) => summarize(cluster, matcher))
    .sort((a, b) => b.count - a.count || a.firstSeen.localeCompare(b.firstSeen));
}

function summarize(cluster: Open, matcher: Matcher): GapCluster {
  const counts = new Map<string, number>();
  const kinds: Partial<Record<GapKind, number>> = {};
  for (const question of cluster.questions) {
    counts.set(question.text, (counts.get(question.text) ?? 0) + 1);
    kinds[question.kind] = (kinds[question.kind] ?? 0) + 1;
  }
  const examples = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([text]) => text);
  const best = matcher.match(examples[0] ?? '', { locale: cluster.locale, limit: 1 })[0];
  const times = cluster.questions.map((question) => question.at.getTime());
  return {
    locale: cluster.locale,
    count: cluster.questions.length,
    examples,
    nearest: best ? { id: best.label, score: Number(best.score.toFixed(4)) } : null,
    kinds,
    firstSeen: new Date(Math.min(...times)).toISOString(),
    lastSeen: new Date(Math.max(...times)).toISOString(),
  };
}

function featureCounts(text: string, locale: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const feature of sentenceFeatures(text, locale))
    counts.set(feature, (counts.get(feature) ?? 0) + 1);
  return counts;
}

function normOf(vector: ReadonlyMap<number, number>): number {
  let sum = 0;
  for (const value of vector.values()) sum += value * value;
  return Math.sqrt(sum);
}

function cosine(
  a: ReadonlyMap<number, number>,
  normA: number,
  b: ReadonlyMap<number, number>,
  normB: number,
): number {
  if (normA === 0 || normB === 0) return 0;
  let dot = 0;
  for (const [feature, value] of b) dot += value * (a.get(feature) ?? 0);
  return dot / (normA * normB);
}
