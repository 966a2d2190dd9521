/**
 * `aftercare report [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--format md|json]`: the figures
 * of the /admin insights page on the command line (src/insights/report.ts), the last 30 days by
 * default. Exit 2 for a usage error.
 */
import { createApp } from '../../app';
import { loadReportFrom, reportRange, ReportRangeError } from '../../insights/load-report';
import type { InsightsReport, ReportRange } from '../../insights/report';
import { silentLogger } from '../../logger';
import { parseArgs, type CliCommand } from '../io';

const usage =
  'usage: aftercare report [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--format md|json]\n';

export const reportCommand: CliCommand = async (args, io) => {
  const { flags, positionals } = parseArgs(args, []);
  const unknown = [...flags.keys()].find((name) => !['since', 'until', 'format'].includes(name));
  const text = (name: string): string | null => {
    const value = flags.get(name);
    return typeof value === 'string' ? value : null;
  };
  const format = text('format') ?? 'md';
  if (
    unknown !== undefined ||
    positionals.length > 0 ||
    !['md', 'json'].includes(format) ||
    [...flags.values()].includes(true)
  ) {
    io.stderr(unknown !== undefined ? `unknown option --${unknown}\n${usage}` : usage);
    return 2;
  }
  let range: ReportRange;
  try {
    range = reportRange({ since: text('since'), until: text('until') }, new Date());
  } catch (error) {
    if (!(error instanceof ReportRangeError)) throw error;
    io.stderr(`${error.message}\n${usage}`);
    return 2;
  }
  const app = createApp({
    rootDir: io.rootDir,
    env: io.env,
    logger: silentLogger,
    channels: 'none',
  });
  try {
    const report = await loadReportFrom(
      { figures: app.storage.reportFigures, transcripts: app.storage.transcripts },
      app.brain().matcher,
      range,
    );
    io.stdout(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : markdown(report));
    return 0;
  } finally {
    await app.close();
  }
};

const percent = (value: number | null): string =>
  value === null ? '–' : `${Math.round(value * 1000) / 10}%`;
const orDash = (value: number | null, unit = ''): string =>
  value === null ? '–' : `${value}${unit}`;

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`),
  ];
}

export function markdown(report: InsightsReport): string {
  const last = new Date(Date.parse(`${report.range.until}T00:00:00Z`) - 86_400_000);
  const { totals, firstStaffReply, satisfaction } = report;
  const lines = [
    `# Aftercare report ${report.range.from} to ${last.toISOString().slice(0, 10)}`,
    '',
    ...table(
      ['figure', 'value'],
      [
        ['conversations', String(totals.conversations)],
        ['deflection (resolved without a person)', percent(totals.deflectionRate)],
        ['hand-off rate', percent(totals.handoffRate)],
        ['tickets', String(totals.tickets)],
        [
          'first staff reply, median / p90',
          `${orDash(firstStaffReply.medianMinutes, ' min')} / ${orDash(firstStaffReply.p90Minutes, ' min')} (${firstStaffReply.answered} of ${firstStaffReply.tickets} answered)`,
        ],
        [
          'satisfaction, average (ratings)',
          `${orDash(satisfaction.average)} (${satisfaction.ratings})`,
        ],
        ['ratings 1–5', satisfaction.distribution.join(' / ')],
      ],
    ),
    '',
    '## Per day',
    '',
    ...table(
      ['day', 'conversations', 'handed off', 'deflection', 'rating'],
      report.days
        .filter((day) => day.conversations > 0 || day.ratings > 0)
        .map((day) => [
          day.day,
          String(day.conversations),
          String(day.handedOff),
          percent(day.deflectionRate),
          orDash(day.satisfactionAverage),
        ]),
    ),
    '',
    '## Hand-off reasons',
    '',
    ...table(
      ['reason', 'hand-offs'],
      report.handoffReasons.map((reason) => [reason.reason, String(reason.count)]),
    ),
    '',
    '## Channels and languages',
    '',
    ...table(
      ['channel', 'conversations', 'handed off'],
      report.channels.map((row) => [row.channel, String(row.conversations), String(row.handedOff)]),
    ),
    '',
    ...table(
      ['language', 'conversations', 'handed off'],
      report.locales.map((row) => [row.locale, String(row.conversations), String(row.handedOff)]),
    ),
    '',
    '## Top unanswered questions per language',
    '',
    ...table(
      ['language', 'asked', 'examples', 'nearest'],
      report.gaps.map((gap) => [
        gap.locale,
        String(gap.count),
        gap.examples.join(' · '),
        gap.nearest ?? '–',
      ]),
    ),
  ];
  return `${lines.join('\n')}\n`;
}
