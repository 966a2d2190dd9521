/**
 * `aftercare audit [--since YYYY-MM-DD] [--json]`: who looked at, exported or erased customer
 * data, and who was refused, oldest first (the audit_log table).
 */
import { loadConfig } from '../../config/load-config';
import { openCliStorage } from '../open-cli-storage';
import { parseArgs, type CliCommand } from '../io';

const usage = 'usage: aftercare audit [--since YYYY-MM-DD] [--json]\n';

export const auditCommand: CliCommand = async (args, io) => {
  const { flags, positionals } = parseArgs(args, ['json']);
  const unknown = [...flags.keys()].find((name) => !['since', 'json'].includes(name));
  const since = flags.get('since');
  if (
    unknown !== undefined ||
    positionals.length > 0 ||
    since === true ||
    (since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(since))
  ) {
    io.stderr(unknown !== undefined ? `unknown option --${unknown}\n${usage}` : usage);
    return 2;
  }
  const storage = openCliStorage(io, loadConfig({ rootDir: io.rootDir, env: io.env }));
  try {
    const entries = await storage.audit.list(
      since === undefined ? {} : { since: new Date(`${since}T00:00:00Z`) },
    );
    if (flags.has('json')) {
      io.stdout(`${JSON.stringify(entries, null, 2)}\n`);
      return 0;
    }
    if (entries.length === 0) {
      io.stdout('No audit entries.\n');
      return 0;
    }
    for (const entry of entries) {
      const counts = entry.detail.counts as Record<string, number> | undefined;
      const detail = counts
        ? Object.entries(counts)
            .filter(([, count]) => count > 0)
            .map(([table, count]) => `${table} ${count}`)
            .join(', ')
        : '';
      io.stdout(
        `${entry.at.toISOString().slice(0, 19).replace('T', ' ')}  ${entry.action.padEnd(9)} ${entry.actor.padEnd(22)} ${entry.subject}${detail ? `  (${detail})` : ''}\n`,
      );
    }
    return 0;
  } finally {
    await storage.close();
  }
};
