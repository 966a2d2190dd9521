/**
 * `aftercare import units FILE.csv|FILE.json [--dry-run]`: loads unit records. Every row is
 * validated; good rows are imported (upsert by serial, so importing the same file twice changes
 * nothing), bad rows are listed with their line and reason. One transaction: a file that cannot
 * be read or parsed changes nothing. Exit code 0 when every row was good, 1 otherwise, 2 for a
 * usage error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UnitsFileError, readUnitsFile, unitColumns } from '../../config/units-file';
import { openCliStorage } from '../open-cli-storage';
import { parseArgs, type CliCommand } from '../io';
import { loadWarrantyProject } from '../project';

const usage = `usage: aftercare import units FILE.csv|FILE.json [--dry-run]
  CSV: a header row naming the columns ${unitColumns.join(', ')}
  (serial, model and purchase_date are required; dates YYYY-MM-DD; plans separated by ";",
  each optionally with the day it was bought: care-plus@2025-03-01). JSON: an array of objects
  with the same keys.
`;
/** Large files report progress on stderr every this many rows. */
const progressEvery = 1000;

export const importUnitsCommand: CliCommand = async (args, io) => {
  const { flags, positionals } = parseArgs(args, ['dry-run']);
  // Called as `import units FILE` or, by a dispatcher that already consumed "units", `FILE`.
  const rest = positionals[0] === 'units' ? positionals.slice(1) : positionals;
  const unknownFlags = [...flags.keys()].filter((name) => name !== 'dry-run');
  if (rest.length !== 1 || unknownFlags.length > 0) {
    io.stderr(unknownFlags.length > 0 ? `unknown option --${unknownFlags[0]}\n${usage}` : usage);
    return 2;
  }
  const file = path.resolve(rest[0] ?? '');
  const shown = path.basename(file);
  const dryRun = flags.has('dry-run');

  const { config, rules } = loadWarrantyProject(io);

  let parsed;
  try {
    parsed = readUnitsFile(shown, readFileSync(file, 'utf8'), rules);
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
    const store = storage.units;
    const large = parsed.rows.length >= progressEvery;
    const summary = await store.importUnits(parsed.rows, {
      at: new Date(),
      dryRun,
      source: shown,
      onProgress: (done, total) => {
        if (large && (done % progressEvery === 0 || done === total))
          io.stderr(`${dryRun ? 'checked' : 'imported'} ${done}/${total} units\n`);
      },
    });
    const changed = summary.added + summary.updated;
    io.stdout(
      [
        `${shown}: ${parsed.total} row(s) read, ${parsed.rows.length} good, ${parsed.bad.length} bad`,
        `${dryRun ? 'dry run, nothing written; would change' : 'changed'}: ${changed} (added ${summary.added}, updated ${summary.updated}), unchanged ${summary.unchanged}`,
        `customers: added ${summary.customersAdded}, updated ${summary.customersUpdated}`,
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
