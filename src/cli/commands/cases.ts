/**
 * `aftercare cases`: service cases for staff on the command line.
 *
 *   aftercare cases [--status S] [--kind K] [--limit N] [--json]      list, newest first
 *   aftercare cases show ID [--json]                                  one case with its history
 *   aftercare cases update ID --status S [--note T] [--as NAME]       move a case on
 *
 * `update` records the change and queues the customer's notice (and the staff post's update) in
 * the database; the running bot sends them on its next tick, in the customer's language.
 */
import { loadCaseStatuses } from '../../config/load-case-statuses';
import { loadConfig, type ResolvedConfig } from '../../config/load-config';
import { caseSummaryLines } from '../../core/cases/case-card';
import { createCaseDesk, type CaseDesk } from '../../core/cases/case-desk';
import { changeOutcomeText } from '../../core/cases/case-staff-router';
import type { CaseStatusRules } from '../../core/cases/statuses';
import { caseKinds, type CaseKind, type ServiceCase } from '../../core/cases/types';
import { systemClock } from '../../core/ports';
import { silentLogger } from '../../logger';
import { openCliStorage } from '../open-cli-storage';
import type { Storage } from '../../storage/open-storage';
import { parseArgs, type CliCommand, type CliIo } from '../io';

const usage = [
  'usage: aftercare cases [--status S] [--kind repair|return|exchange] [--limit N] [--json]',
  '       aftercare cases show ID [--json]',
  '       aftercare cases update ID --status S [--note "text"] [--as NAME]',
].join('\n');

const pad = (text: string, width: number): string =>
  text.length >= width ? `${text} ` : text + ' '.repeat(width - text.length);
const minute = (at: Date | null): string =>
  at ? at.toISOString().slice(0, 16).replace('T', ' ') : '';

export function caseJson(serviceCase: ServiceCase): Record<string, unknown> {
  return {
    id: serviceCase.id,
    kind: serviceCase.kind,
    status: serviceCase.status,
    locale: serviceCase.locale,
    channel: serviceCase.customer?.channel ?? null,
    conversationId: serviceCase.customer?.conversationId ?? null,
    userId: serviceCase.userId,
    serial: serviceCase.serial,
    orderNumber: serviceCase.orderNumber,
    category: serviceCase.category,
    symptom: serviceCase.symptom,
    appointment: serviceCase.appointment
      ? {
          ...serviceCase.appointment,
          start: serviceCase.appointment.start.toISOString(),
          end: serviceCase.appointment.end.toISOString(),
        }
      : null,
    externalRef: serviceCase.externalRef,
    staff: serviceCase.staff,
    createdAt: serviceCase.createdAt.toISOString(),
    updatedAt: serviceCase.updatedAt.toISOString(),
    closedAt: serviceCase.closedAt?.toISOString() ?? null,
  };
}

function table(cases: readonly ServiceCase[]): string {
  const header = `${pad('CASE', 15)}${pad('KIND', 9)}${pad('STATUS', 19)}${pad('CHANNEL', 10)}${pad('LANG', 6)}${pad('UNIT', 18)}OPENED (UTC)`;
  const rows = cases.map(
    (item) =>
      `${pad(item.id, 15)}${pad(item.kind, 9)}${pad(item.status, 19)}${pad(item.customer?.channel ?? '-', 10)}${pad(item.locale, 6)}${pad(item.serial ?? item.orderNumber ?? '-', 18)}${minute(item.createdAt)}`,
  );
  return [header, ...rows].join('\n');
}

function show(io: CliIo, serviceCase: ServiceCase, rules: CaseStatusRules, json: boolean): void {
  if (json) {
    io.stdout(
      `${JSON.stringify(
        {
          ...caseJson(serviceCase),
          description: serviceCase.description,
          history: serviceCase.history.map((line) => ({ ...line, at: line.at.toISOString() })),
          notes: serviceCase.notes.map((note) => ({ ...note, at: note.at.toISOString() })),
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  io.stdout(
    `${caseSummaryLines(serviceCase, rules).join('\n').replace(/\*\*/g, '')}\n\nHistory:\n`,
  );
  for (const line of serviceCase.history)
    io.stdout(
      `  ${minute(line.at)}  ${pad(line.status, 19)}${line.by}${line.note ? `  ${line.note}` : ''}\n`,
    );
  if (serviceCase.notes.length > 0) {
    io.stdout('Notes:\n');
    for (const note of serviceCase.notes)
      io.stdout(`  ${minute(note.at)}  ${note.by}: ${note.text}\n`);
  }
}

/**
 * The case desk of a CLI process: it records changes and queues their messages in the database,
 * and sends nothing (the running bot's desk does, on its next tick).
 */
export function recordingCaseDesk(
  storage: Pick<Storage, 'cases' | 'outbox'>,
  config: Pick<ResolvedConfig, 'businessHours' | 'defaultLocale'>,
  rules: CaseStatusRules,
): CaseDesk {
  return createCaseDesk({
    cases: storage.cases,
    outbox: storage.outbox,
    rules: () => rules,
    staff: null,
    deliver: () => Promise.reject(new Error('the CLI does not send; the running bot does')),
    followUpRepair: null,
    clock: systemClock,
    logger: silentLogger,
    timeZone: config.businessHours.timeZone,
    defaultLocale: config.defaultLocale,
    autoSend: false,
  });
}

export const casesCommand: CliCommand = async (args, io) => {
  const { flags, positionals } = parseArgs(args, ['json']);
  const [action = 'list', id] = positionals;
  const known = ['status', 'kind', 'limit', 'json', 'note', 'as'];
  const unknown = [...flags.keys()].find((name) => !known.includes(name));
  const status = flags.get('status');
  const kind = flags.get('kind');
  const limit = flags.get('limit');
  const note = flags.get('note');
  const as = flags.get('as');
  const bad =
    unknown !== undefined ||
    !['list', 'show', 'update'].includes(action) ||
    (action !== 'list' && (id === undefined || positionals.length !== 2)) ||
    (action === 'list' && positionals.length > 1) ||
    status === true ||
    (action === 'update' && typeof status !== 'string') ||
    note === true ||
    as === true ||
    (kind !== undefined && !caseKinds.includes(kind as CaseKind)) ||
    (limit !== undefined && (limit === true || !/^\d+$/.test(limit)));
  if (bad) {
    io.stderr(`${unknown ? `unknown option --${unknown}\n` : ''}${usage}\n`);
    return 2;
  }
  const config = loadConfig({ rootDir: io.rootDir, env: io.env });
  const rules = loadCaseStatuses({
    rootDir: io.rootDir,
    knowledgeDir: config.knowledgeDir,
    locales: config.locales,
  });
  if (rules === null) {
    io.stderr('No knowledge/case-statuses.yaml: this bot keeps no service cases.\n');
    return 1;
  }
  const storage = openCliStorage(io, config);
  try {
    const cases = storage.cases;
    const json = flags.has('json');
    if (action === 'list') {
      const listed = await cases.listCases({
        ...(typeof status === 'string' ? { status } : {}),
        ...(typeof kind === 'string' ? { kind: kind as CaseKind } : {}),
        limit: typeof limit === 'string' ? Number(limit) : 100,
      });
      io.stdout(
        json
          ? `${JSON.stringify(listed.map(caseJson), null, 2)}\n`
          : listed.length === 0
            ? 'No cases.\n'
            : `${table(listed)}\n`,
      );
      return 0;
    }
    if (action === 'show') {
      const found = await cases.getCase(id!);
      if (found === null) {
        io.stderr(`No case ${id}. \`aftercare cases\` lists them.\n`);
        return 1;
      }
      show(io, found, rules, json);
      return 0;
    }
    const desk = recordingCaseDesk(storage, config, rules);
    const outcome = await desk.changeStatus(id!, {
      status: status as string,
      by: `cli:${typeof as === 'string' ? as : (io.env.USER ?? 'staff')}`,
      note: typeof note === 'string' ? note : null,
    });
    const text = changeOutcomeText(id!, status as string, outcome);
    if (outcome.outcome === 'not-found' || outcome.outcome === 'unknown-status') {
      io.stderr(`${text}\n`);
      return 1;
    }
    io.stdout(
      `${text}${outcome.outcome === 'changed' ? ' The running bot sends the message within seconds.' : ''}\n`,
    );
    return 0;
  } finally {
    await storage.close();
  }
};
