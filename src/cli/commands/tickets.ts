/**
 * `aftercare tickets`: the hand-off queue for staff on the command line.
 *
 *   aftercare tickets [--status open|claimed|resolved] [--limit N] [--json]   list, newest first
 *   aftercare tickets show ID [--json]                                       one ticket and its transcript
 *   aftercare tickets reply ID "text" [--as NAME]                            answer the customer
 *   aftercare tickets resolve ID [--as NAME]                                 end the hand-off
 *
 * `reply` and `resolve` record the action in the database; the running bot sends what they queued
 * on its next tick (within seconds), so they work with no staff channel configured at all.
 */
import { loadConfig, type ResolvedConfig } from '../../config/load-config';
import { loadKnowledge } from '../../config/load-knowledge';
import { createBrain } from '../../core/brain';
import { createTicketDesk, type TicketDesk } from '../../core/handoff/ticket-desk';
import {
  isTestTicket,
  ticketStatuses,
  type Ticket,
  type TicketStatus,
} from '../../core/handoff/ticket';
import type { TicketStore } from '../../core/handoff/ports';
import { systemClock } from '../../core/ports';
import { silentLogger } from '../../logger';
import { openCliStorage } from '../open-cli-storage';
import type { Storage } from '../../storage/open-storage';
import { parseArgs, type CliCommand, type CliIo } from '../io';

const usage = [
  'usage: aftercare tickets [--status open|claimed|resolved] [--limit N] [--json]',
  '       aftercare tickets show ID [--json]',
  '       aftercare tickets reply ID "text" [--as NAME]',
  '       aftercare tickets resolve ID [--as NAME]',
].join('\n');

const pad = (text: string, width: number): string =>
  text.length >= width ? text : text + ' '.repeat(width - text.length);
const minute = (at: Date | null): string =>
  at ? at.toISOString().slice(0, 16).replace('T', ' ') : '';

function ticketJson(ticket: Ticket): Record<string, unknown> {
  return {
    id: ticket.id,
    status: ticket.status,
    channel: ticket.customer.channel,
    test: isTestTicket(ticket),
    conversationId: ticket.customer.conversationId,
    locale: ticket.locale,
    reason: ticket.reason,
    assignee: ticket.assignee,
    repair: ticket.repair,
    staff: ticket.staff,
    createdAt: ticket.createdAt.toISOString(),
    claimedAt: ticket.claimedAt?.toISOString() ?? null,
    resolvedAt: ticket.resolvedAt?.toISOString() ?? null,
    satisfaction: ticket.satisfaction.score,
    comment: ticket.satisfaction.comment,
    followUpDueAt: ticket.followUp.dueAt?.toISOString() ?? null,
    followUpSentAt: ticket.followUp.sentAt?.toISOString() ?? null,
  };
}

function table(tickets: readonly Ticket[]): string {
  const header = `${pad('ID', 6)}${pad('STATUS', 10)}${pad('CHANNEL', 10)}${pad('LANG', 6)}${pad('REASON', 22)}${pad('OPENED (UTC)', 18)}${pad('ASSIGNEE', 14)}${pad('RATING', 8)}TEST`;
  const rows = tickets.map((ticket) =>
    `${pad(`#${ticket.id}`, 6)}${pad(ticket.status, 10)}${pad(ticket.customer.channel, 10)}${pad(ticket.locale, 6)}${pad(ticket.reason, 22)}${pad(minute(ticket.createdAt), 18)}${pad(ticket.assignee ?? '-', 14)}${pad(String(ticket.satisfaction.score ?? '-'), 8)}${isTestTicket(ticket) ? 'test (CLI)' : ''}`.trimEnd(),
  );
  return [header, ...rows].join('\n');
}

/** The desk for a process that only records: no staff channel, nothing sent from here. */
function recordingDesk(config: ResolvedConfig, storage: Storage, rootDir: string): TicketDesk {
  const loaded = loadKnowledge({
    rootDir,
    knowledgeDir: config.knowledgeDir,
    intentsDir: config.intentsDir,
    locales: config.locales,
  });
  // Only the texts are needed (the satisfaction question): no matcher is trained.
  const brain = createBrain(loaded.knowledge, {
    locales: config.locales,
    defaultLocale: config.defaultLocale,
    createMatcher: () => ({ match: () => [] }),
  });
  const conversations = storage.conversations;
  return createTicketDesk({
    tickets: storage.tickets,
    outbox: storage.outbox,
    conversations,
    references: conversations,
    staff: null,
    deliver: () => Promise.reject(new Error('the CLI does not send; the running bot does')),
    brain: () => brain,
    businessHours: config.businessHours,
    clock: systemClock,
    logger: silentLogger,
    reviewUrl: config.handoff.reviewUrl ?? null,
    followUpDays: config.handoff.followUpDays,
    defaultLocale: config.defaultLocale,
    autoSend: false,
  });
}

async function show(io: CliIo, tickets: TicketStore, id: string, json: boolean): Promise<number> {
  const ticket = await tickets.get(id);
  if (!ticket) {
    io.stderr(`No ticket #${id}. \`aftercare tickets\` lists them.\n`);
    return 1;
  }
  const messages = await tickets.messages(id);
  if (json) {
    io.stdout(
      `${JSON.stringify({ ...ticketJson(ticket), messages: messages.map((message) => ({ author: message.author, name: message.authorName, text: message.text, at: message.at.toISOString() })) }, null, 2)}\n`,
    );
    return 0;
  }
  io.stdout(`${table([ticket])}\n\n`);
  for (const message of messages)
    io.stdout(
      `${minute(message.at)}  ${pad(message.authorName ?? message.author, 12)} ${message.text}\n`,
    );
  return 0;
}

export const ticketsCommand: CliCommand = async (args, io) => {
  const { flags, positionals } = parseArgs(args, ['json']);
  const [action = 'list', id, ...words] = positionals;
  const status = flags.get('status');
  const limit = flags.get('limit');
  const as = flags.get('as');
  const unknown = [...flags.keys()].find(
    (name) => !['status', 'limit', 'json', 'as'].includes(name),
  );
  const badStatus =
    status !== undefined && (status === true || !ticketStatuses.includes(status as TicketStatus));
  const badLimit = limit !== undefined && (limit === true || !/^\d+$/.test(limit));
  const needsId = ['show', 'reply', 'resolve'].includes(action);
  if (
    unknown ||
    badStatus ||
    badLimit ||
    !['list', ...(needsId ? [action] : [])].includes(action) ||
    (needsId && !/^\d+$/.test(id ?? '')) ||
    (action === 'reply' && words.join(' ').trim() === '') ||
    as === true
  ) {
    io.stderr(
      `${unknown ? `unknown option --${unknown}\n` : badStatus ? `--status must be one of ${ticketStatuses.join(', ')}\n` : ''}${usage}\n`,
    );
    return 2;
  }

  // A broken config or knowledge file is reported by runCli, like for every command.
  const config = loadConfig({ rootDir: io.rootDir, env: io.env });
  const storage = openCliStorage(io, config);
  try {
    const tickets = storage.tickets;
    const json = flags.has('json');
    if (action === 'list') {
      const listed = await tickets.list({
        ...(typeof status === 'string' ? { status: status as TicketStatus } : {}),
        limit: typeof limit === 'string' ? Number(limit) : 100,
      });
      io.stdout(
        json
          ? `${JSON.stringify(listed.map(ticketJson), null, 2)}\n`
          : listed.length === 0
            ? 'No tickets.\n'
            : `${table(listed)}\n`,
      );
      return 0;
    }
    if (action === 'show') return await show(io, tickets, id!, json);
    const desk = recordingDesk(config, storage, io.rootDir);
    const by = { id: 'cli', name: typeof as === 'string' ? as : (io.env.USER ?? 'staff') };
    const outcome =
      action === 'reply'
        ? await desk.reply(id!, words.join(' ').trim(), by)
        : await desk.resolve(id!, by);
    const messages: Record<string, string> = {
      relayed: `Queued for the customer of ticket #${id}; the running bot sends it within seconds.\n`,
      resolved: `Ticket #${id} resolved; the bot answers the customer again and asks for a rating.\n`,
      ignored: `Nothing to do for ticket #${id}.\n`,
    };
    if (outcome.kind === 'unknown-ticket') {
      io.stderr(`No ticket #${id}. \`aftercare tickets\` lists them.\n`);
      return 1;
    }
    if (outcome.kind === 'already-resolved') {
      io.stderr(`Ticket #${id} is already resolved.\n`);
      return 1;
    }
    io.stdout(messages[outcome.kind] ?? `${outcome.kind}\n`);
    return 0;
  } finally {
    await storage.close();
  }
};
