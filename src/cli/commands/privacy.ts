/**
 * Privacy requests on the command line (docs/privacy.md):
 *
 *   aftercare export --customer ID|--phone P|--channel-id CH:ID [--out FILE] [--as NAME]
 *   aftercare erase  --customer ID|--phone P|--channel-id CH:ID [--yes] [--as NAME]
 *
 * `export` writes everything held about the person as JSON; `erase` without --yes only says what
 * it would remove. Both are written to the audit log (`aftercare audit`) with who ran them.
 * Exit 0 done, 1 nothing held (or erase without --yes), 2 usage error.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config/load-config';
import { auditSubject, type PersonalData } from '../../core/privacy/ports';
import { openCliStorage } from '../open-cli-storage';
import { parseArgs, type CliCommand, type CliIo } from '../io';
import { cliActor, personSelector, selectorUsage } from '../person-selector';

const exportUsage = `usage: aftercare export ${selectorUsage} [--out FILE] [--as NAME]\n`;
const eraseUsage = `usage: aftercare erase ${selectorUsage} [--yes] [--as NAME]\n`;
const selectorFlags = ['customer', 'phone', 'channel-id', 'as'];

function parse(args: string[], io: CliIo, usage: string, extra: readonly string[]) {
  const { flags, positionals } = parseArgs(args, ['yes']);
  const unknown = [...flags.keys()].find((name) => ![...selectorFlags, ...extra].includes(name));
  const selector = personSelector(flags);
  if (unknown !== undefined || positionals.length > 0 || typeof selector === 'string') {
    io.stderr(
      `${unknown !== undefined ? `unknown option --${unknown}` : typeof selector === 'string' ? selector : `unexpected ${positionals[0]}`}\n${usage}`,
    );
    return null;
  }
  return { flags, selector };
}

const open = (io: CliIo) => openCliStorage(io, loadConfig({ rootDir: io.rootDir, env: io.env }));

/** Rows per part of an export, for the audit line and the dry run. */
function sizes(data: PersonalData): Record<string, number> {
  const messages = data.conversations.reduce(
    (sum, conversation) => sum + ((conversation.messages as unknown[] | undefined)?.length ?? 0),
    0,
  );
  return {
    customers: data.customers.length,
    units: data.units.length,
    conversations: data.conversations.length,
    messages,
    tickets: data.tickets.length,
    ratings: data.ratings.length,
    ...Object.fromEntries(Object.entries(data.more).map(([name, rows]) => [name, rows.length])),
  };
}

const customerIdsOf = (data: PersonalData): number[] =>
  data.customers.map((customer) => Number(customer.id));

export const exportCommand: CliCommand = async (args, io) => {
  const parsed = parse(args, io, exportUsage, ['out']);
  const out = parsed?.flags.get('out');
  if (!parsed || out === true) {
    if (parsed) io.stderr(exportUsage);
    return 2;
  }
  const storage = open(io);
  try {
    const data = await storage.privacy.exportPerson(parsed.selector);
    if (!data) {
      io.stderr('No data is held about this person (check the selector).\n');
      return 1;
    }
    const json = `${JSON.stringify({ exportedAt: new Date().toISOString(), ...data }, null, 2)}\n`;
    if (typeof out === 'string') {
      writeFileSync(path.resolve(io.rootDir, out), json);
      io.stderr(`wrote ${out}\n`);
    } else io.stdout(json);
    await storage.audit.record({
      actor: cliActor(io, parsed.flags),
      at: new Date(),
      action: 'export',
      subject: auditSubject(parsed.selector, customerIdsOf(data)),
      detail: { selector: parsed.selector.kind, counts: sizes(data) },
    });
    return 0;
  } finally {
    await storage.close();
  }
};

export const eraseCommand: CliCommand = async (args, io) => {
  const parsed = parse(args, io, eraseUsage, ['yes']);
  if (!parsed) return 2;
  const storage = open(io);
  try {
    const privacy = storage.privacy;
    const data = await privacy.exportPerson(parsed.selector);
    if (!data) {
      io.stderr('No data is held about this person (check the selector); nothing erased.\n');
      return 1;
    }
    if (parsed.flags.get('yes') !== true) {
      const found = Object.entries(sizes(data)).map(([part, count]) => `${part}: ${count}`);
      io.stdout(`Would erase ${found.join(', ')}.\n`);
      io.stderr('Nothing erased: run again with --yes to erase (export it first if asked to).\n');
      return 1;
    }
    const counts = await privacy.erasePerson(parsed.selector, {
      actor: cliActor(io, parsed.flags),
      at: new Date(),
    });
    io.stdout(
      `Erased: ${Object.entries(counts ?? {})
        .filter(([, count]) => count > 0)
        .map(([table, count]) => `${table} ${count}`)
        .join(', ')}.\n`,
    );
    return 0;
  } finally {
    await storage.close();
  }
};
