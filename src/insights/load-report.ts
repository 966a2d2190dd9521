/**
 * The insights report from the database: the stored figures, summarised, with the top
 * unanswered clusters per language from the gaps report (src/gaps) over the same range.
 */
import { clusterQuestions } from '../gaps/cluster';
import { findUnansweredFrom } from '../gaps/find-unanswered';
import type { TranscriptReader } from '../gaps/transcript-line';
import type { Matcher } from '../core/matching/matcher';
import type { SqliteDatabase } from '../storage/sqlite/open-database';
import { createSqliteReportFigures } from '../storage/sqlite/report-figures';
import { createSqliteTranscriptReader } from '../storage/sqlite/transcript-reader';
import {
  summarize,
  type GapSummary,
  type InsightsReport,
  type ReportFiguresReader,
  type ReportRange,
} from './report';

/** Where a report reads from: one backend's figures and transcripts. */
export interface ReportSources {
  readonly figures: ReportFiguresReader;
  readonly transcripts: TranscriptReader;
}

/** Clusters shown per language. */
const gapsPerLocale = 5;
const longestRangeDays = 3 * 366;

export class ReportRangeError extends Error {}

/** `since`/`until` as given (YYYY-MM-DD, until inclusive), defaulting to the last 30 days. */
export function reportRange(
  given: { readonly since?: string | null; readonly until?: string | null },
  now: Date,
): ReportRange {
  const day = (value: string, name: string): Date => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
      throw new ReportRangeError(
        `${name} must be a date as YYYY-MM-DD, e.g. 2026-03-01, not "${value}"`,
      );
    return new Date(`${value}T00:00:00Z`);
  };
  const today = new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  const last = given.until ? day(given.until, 'until') : today;
  const first = given.since
    ? day(given.since, 'since')
    : new Date(last.getTime() - 29 * 86_400_000);
  if (first > last) throw new ReportRangeError('since must not be after until');
  if ((last.getTime() - first.getTime()) / 86_400_000 > longestRangeDays)
    throw new ReportRangeError(`a report covers at most ${longestRangeDays} days`);
  return {
    from: first.toISOString().slice(0, 10),
    until: new Date(last.getTime() + 86_400_000).toISOString().slice(0, 10),
  };
}

/** The report from a SQLite database. */
export async function loadReport(
  db: SqliteDatabase,
  matcher: Matcher,
  range: ReportRange,
): Promise<InsightsReport> {
  return loadReportFrom(
    { figures: createSqliteReportFigures(db), transcripts: createSqliteTranscriptReader(db) },
    matcher,
    range,
  );
}

/** The report from any backend (PostgreSQL: createPostgresReportFigures, createPostgresTranscriptReader). */
export async function loadReportFrom(
  sources: ReportSources,
  matcher: Matcher,
  range: ReportRange,
): Promise<InsightsReport> {
  const figures = await sources.figures(range);
  const until = new Date(`${range.until}T00:00:00Z`);
  const questions = (
    await findUnansweredFrom(
      sources.transcripts.lines({ since: new Date(`${range.from}T00:00:00Z`) }),
    )
  ).filter((question) => question.at < until);
  const perLocale = new Map<string, number>();
  const gaps: GapSummary[] = [];
  for (const cluster of clusterQuestions(questions, matcher)) {
    const shown = perLocale.get(cluster.locale) ?? 0;
    if (shown >= gapsPerLocale) continue;
    perLocale.set(cluster.locale, shown + 1);
    gaps.push({
      locale: cluster.locale,
      count: cluster.count,
      examples: cluster.examples.slice(0, 3),
      nearest: cluster.nearest?.id ?? null,
    });
  }
  return summarize(range, figures, gaps);
}
