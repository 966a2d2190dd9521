/**
 * Ticket threads belong to people. A staff adapter (Slack, Teams) passes every message it gets
 * to the core like any other; this wrapper around the core's `handle` sends those of a ticket
 * thread, and presses of a ticket's Claim/Resolve buttons, to the desk instead, so the bot never
 * answers in a ticket thread. Messages from bots never get here (the adapters drop them).
 */
import type { HandleMessage } from '../channel';
import type { IncomingMessage, Reply } from '../message';
import type { TicketStore } from './ports';
import { staffOnlyText, type StaffAccess, type StaffIdentity } from './staff-access';
import type { StaffEvent, StaffInbox, StaffOutcome } from './staff-channel';
import { parseTicketAction, staffLineReply } from './ticket-card';

export interface StaffRouterOptions {
  readonly desk: StaffInbox & { readonly tickets: TicketStore };
  /** The staff channel's platform (`slack`, `teams`), the `channel` of its adapter's messages; null: none. */
  readonly target: string | null;
  /** Who may act in ticket threads; absent: everyone (the desk's own tests). */
  readonly access?: StaffAccess;
  /** Told of each refused action (the composition root logs and audits it). */
  readonly onRefused?: (identity: StaffIdentity, what: string) => Promise<void>;
}

export async function staffEventOf(
  message: IncomingMessage,
  options: StaffRouterOptions,
): Promise<StaffEvent | null> {
  if (options.target === null || message.channel !== options.target) return null;
  const author = { id: message.userId, name: message.userId };
  const action = message.choiceId ? parseTicketAction(message.choiceId) : null;
  if (action)
    return {
      kind: 'action',
      target: options.target,
      action: action.action,
      ticketId: action.ticketId,
      author,
    };
  if (!(await options.desk.tickets.byThread(options.target, message.conversationId))) return null;
  return {
    kind: 'reply',
    target: options.target,
    threadId: message.conversationId,
    messageId: message.messageId,
    author,
    fromBot: false,
    text: message.text,
  };
}

/** What the thread is told back: only when the action could not be done. */
function outcomeReplies(outcome: StaffOutcome): Reply[] {
  if (outcome.kind === 'already-resolved')
    return [staffLineReply({ kind: 'event', text: 'This ticket is already resolved.' })];
  if (outcome.kind === 'unknown-ticket')
    return [staffLineReply({ kind: 'warning', text: 'No such ticket here.' })];
  return [];
}

export function routeStaffMessages(
  handle: HandleMessage,
  options: StaffRouterOptions,
): HandleMessage {
  return async (message, delivery) => {
    const event = await staffEventOf(message, options);
    if (!event) return handle(message, delivery);
    const identity = { platform: event.target, userId: message.userId };
    if (options.access && !(await options.access.allows(identity))) {
      await options.onRefused?.(identity, event.kind === 'action' ? event.action : 'reply');
      return [staffLineReply({ kind: 'warning', text: staffOnlyText })];
    }
    return outcomeReplies(await options.desk.receive(event));
  };
}
