/**
 * What staff do to a ticket: reply (relayed to the customer), write a private note, claim,
 * resolve, mark as a repair. Each action is one transaction with the messages it causes, so
 * the staff platform is acknowledged only after all of it is stored.
 */
import {
  addDays,
  queueForCustomer,
  queueStaffLine,
  queueStaffUpdate,
  setHandoffActive,
  type DeskContext,
} from './desk-context';
import { relayedReply, satisfactionQuestion } from './customer-replies';
import type { StaffEvent, StaffMember, StaffOutcome } from './staff-channel';
import type { Ticket } from './ticket';

/** A thread message that is a command rather than words for the customer. */
type ThreadCommand = 'resolve' | 'claim' | 'repair' | 'note' | 'faq' | null;

/**
 * `//` starts a private note (never relayed). Commands are `/resolve`, `/claim`, `/repair`; Slack
 * keeps a leading "/" for its own slash commands, so `!resolve` works the same everywhere.
 */
export function threadCommand(text: string): ThreadCommand {
  const trimmed = text.trim();
  if (trimmed.startsWith('//')) return 'note';
  // `!faq ID` points the customer's question at an FAQ entry: kept as a note, learned from by
  // `aftercare suggestions`, never relayed.
  if (/^[/!]faq\s+[a-z0-9-]+\s*$/i.test(trimmed)) return 'faq';
  const command = /^[/!](resolve|claim|repair)\b/i.exec(trimmed)?.[1]?.toLowerCase();
  return (command as ThreadCommand) ?? null;
}

export async function receiveStaffEvent(
  context: DeskContext,
  event: StaffEvent,
): Promise<StaffOutcome> {
  const { tickets } = context;
  const ticket =
    event.kind === 'reply'
      ? await tickets.byThread(event.target, event.threadId)
      : await tickets.get(event.ticketId);
  if (!ticket || ticket.staff?.target !== event.target) return { kind: 'unknown-ticket' };
  if (event.kind === 'action')
    return event.action === 'claim'
      ? claimTicket(context, ticket, event.author)
      : resolveTicket(context, ticket, event.author);
  // The bot's own posts (and other bots') come back as thread messages: never relayed.
  if (event.fromBot) return { kind: 'ignored' };
  const at = context.clock.now();
  switch (threadCommand(event.text)) {
    case 'resolve':
      return resolveTicket(context, ticket, event.author);
    case 'claim':
      return claimTicket(context, ticket, event.author);
    case 'repair':
      return tickets.atomically(async () => {
        const updated = await tickets.update(ticket.id, { repair: true }, at);
        await tickets.addMessage(ticket.id, {
          author: 'system',
          text: `Marked as a repair by ${event.author.name}`,
          at,
        });
        await queueStaffUpdate(context, updated, at);
        return { kind: 'marked-repair' } as const;
      });
    case 'note':
    case 'faq': {
      const trimmed = event.text.trim();
      const recorded = await tickets.addMessage(ticket.id, {
        author: 'note',
        authorName: event.author.name,
        text: trimmed.startsWith('//')
          ? trimmed.slice(2).trim()
          : `!faq ${trimmed.slice(5).trim()}`,
        sourceId: event.messageId,
        at,
      });
      return { kind: recorded ? 'noted' : 'ignored' };
    }
    case null:
      return relayStaffReply(context, ticket, event.author, event.text, event.messageId);
  }
}

/** Staff words → the customer's channel, through the outbox. A first reply claims an open ticket. */
export async function relayStaffReply(
  context: DeskContext,
  ticket: Ticket,
  author: StaffMember,
  text: string,
  messageId: string | null,
): Promise<StaffOutcome> {
  const { tickets, clock } = context;
  const at = clock.now();
  const relayed = await tickets.atomically(async () => {
    if (
      !(await tickets.addMessage(ticket.id, {
        author: 'staff',
        authorName: author.name,
        text,
        sourceId: messageId,
        at,
      }))
    )
      return false;
    await queueForCustomer(context, ticket, [relayedReply(ticket, text, author.name)], at);
    if (ticket.status === 'open') {
      const claimed = await tickets.update(
        ticket.id,
        { status: 'claimed', assignee: author.name, claimedAt: at },
        at,
      );
      await queueStaffUpdate(context, claimed, at);
    }
    return true;
  });
  if (!relayed) return { kind: 'ignored' };
  context.outbox.kick();
  return { kind: 'relayed' };
}

export async function claimTicket(
  context: DeskContext,
  ticket: Ticket,
  by: StaffMember,
): Promise<StaffOutcome> {
  if (ticket.status === 'resolved') return { kind: 'already-resolved' };
  const at = context.clock.now();
  const { tickets } = context;
  await tickets.atomically(async () => {
    const claimed = await tickets.update(
      ticket.id,
      { status: 'claimed', assignee: by.name, claimedAt: at },
      at,
    );
    await tickets.addMessage(ticket.id, { author: 'system', text: `Claimed by ${by.name}`, at });
    await queueStaffUpdate(context, claimed, at);
    await queueStaffLine(context, claimed, { kind: 'event', text: `Claimed by ${by.name}.` }, at);
  });
  context.outbox.kick();
  return { kind: 'claimed' };
}

/**
 * Ends the hand-off: the bot answers the customer again, the satisfaction question goes out in
 * the customer's language, and a repair ticket gets its follow-up scheduled.
 */
export async function resolveTicket(
  context: DeskContext,
  ticket: Ticket,
  by: StaffMember,
): Promise<StaffOutcome> {
  if (ticket.status === 'resolved') return { kind: 'already-resolved' };
  const at = context.clock.now();
  const { tickets } = context;
  const texts = context.brain().texts;
  await tickets.atomically(async () => {
    const resolved = await tickets.update(
      ticket.id,
      {
        status: 'resolved',
        resolvedAt: at,
        assignee: ticket.assignee ?? by.name,
        followUpDueAt: ticket.repair ? addDays(at, context.followUpDays) : null,
        followUpSentAt: null,
        commentUntil: null,
      },
      at,
    );
    await tickets.addMessage(ticket.id, { author: 'system', text: `Resolved by ${by.name}`, at });
    await setHandoffActive(context, resolved, false, at);
    await queueForCustomer(context, resolved, [satisfactionQuestion(texts, resolved)], at);
    await queueStaffUpdate(context, resolved, at);
    const followUp = resolved.followUp.dueAt
      ? ` Follow-up "is everything working?" on ${resolved.followUp.dueAt.toISOString().slice(0, 10)}.`
      : '';
    await queueStaffLine(
      context,
      resolved,
      {
        kind: 'event',
        text: `Resolved by ${by.name}. The bot answers the customer again; satisfaction question sent.${followUp}`,
      },
      at,
    );
  });
  context.logger.info({ ticketId: ticket.id, by: by.id }, 'ticket resolved');
  context.outbox.kick();
  return { kind: 'resolved' };
}
