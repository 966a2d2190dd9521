/**
 * `aftercare import cases FILE.csv|FILE.json [--dry-run]`: loads cases from the company's own
 * service system, with the rules of `import units`: every row is validated, good rows are imported
 * (upsert by case number, so importing the same file twice changes nothing), bad rows are listed
 * with their line and reason, all in one transaction. Exit 0 when every row was good, 1
 * otherwise, 2 for a usage error. A status an existing case changes to is told to its customer
 * (and its staff thread) as a change made in Slack would be, queued in the same transaction for
 * the running bot to send; new cases are recorded without a message, and with `--quiet` (a
 * backfill of old history) no customer is told (the staff post is still brought up to date).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { caseColumns, readCasesFile } from '../../config/cases-file';
import { loadCaseStatuses } from '../../config/load-case-statuses';
import { loadConfig } from '../../config/load-config';
import { UnitsFileError } from '../../config/units-file';
import { openCliStorage } from '../open-cli-storage';
import { parseArgs, type CliCommand } from '../io';
import { recordingCaseDesk } from './cases';

const usage = `usage: aftercare import cases FILE.csv|FILE.json [--dry-run] [--quiet]
  CSV: a header row naming the columns ${caseColumns.join(', ')}
  (id, kind, status and opened_at are required; ids like R-2611-0042 for repairs and
  RMA-2611-0007 for returns and exchanges; times ISO 8601, UTC unless a zone is given).
  JSON: an array of objects with the same keys.
  A status an existing case changes to is told to its customer; --quiet tells no customer.
`;

export const importCasesCommand: CliCommand = async (args, io) => {
  const { flags, positionals } = parseArgs(args, ['dry-run', 'quiet']);
  const rest = positionals[0] === 'cases' ? positionals.slice(1) : positionals;
  const unknownFlags = [...flags.keys()].filter((name) => name !== 'dry-run' && name !== 'quiet');
  if (rest.length !== 1 || unknownFlags.length > 0) {
    io.stderr(unknownFlags.length > 0 ? `unknown option --${unknownFlags[0]}\n${usage}` : usage);
    return 2;
  }
  const file = path.resolve(rest[0] ?? '');
  const shown = path.basename(file);
  const dryRun = flags.has('dry-run');
  const config = loadConfig({ rootDir: io.rootDir, env: io.env });
  const statuses = loadCaseStatuses({
    rootDir: io.rootDir,
    knowledgeDir: config.knowledgeDir,
    locales: config.locales,
  });
  if (statuses === null) {
    io.stderr('error: no knowledge/case-statuses.yaml: this bot keeps no service cases.\n');
    return 1;
  }
  let parsed;
  try {
    parsed = readCasesFile(shown, readFileSync(file, 'utf8'), {
      statuses,
      locales: config.locales,
      defaultLocale: config.defaultLocale,
    });
  } catch (error) {
    const reason =
      error instanceof UnitsFileError
        ? error.message
        : `${shown}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
    io.stderr(`error: ${reason}\nNothing was imported.\n`);
    return 1;
  }
  for (const bad of parsed.bad) io.stderr(`error: ${shown}:${bad.line}: ${bad.reason}\n`);
  const storage = openCliStorage(io, config);
  try {
    const summary = await recordingCaseDesk(storage, config, statuses).importCases(parsed.rows, {
      at: new Date(),
      source: `import:${shown}`,
      dryRun,
      notify: !flags.has('quiet'),
    });
    const changed = summary.added + summary.updated;
    io.stdout(
      [
        `${shown}: ${parsed.total} row(s) read, ${parsed.rows.length} good, ${parsed.bad.length} bad`,
        `${dryRun ? 'dry run, nothing written; would change' : 'changed'}: ${changed} (added ${summary.added}, updated ${summary.updated}), unchanged ${summary.unchanged}`,
        ...(summary.notified > 0
          ? [
              `${dryRun ? 'would tell' : 'customers told of a new status'}: ${summary.notified}${dryRun ? '' : ' (the running bot sends the messages within seconds)'}`,
            ]
          : []),
      ].join('\n') + '\n',
    );
    if (parsed.bad.length > 0)
      io.stderr(
        `${parsed.bad.length} bad row(s) listed above were not imported; fix them and import the file again\n`,
      );
    return parsed.bad.length > 0 ? 1 : 0;
  } finally {
    await storage.close();
  }
};
