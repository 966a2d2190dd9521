/**
 * A ticket waiting for a person: what the bot tells its customer, and when. Each notice is kept
 * as a system line of the ticket, so staff see what the customer was told and a restart or a
 * second process does not repeat it.
 */
import { isOpen, nextOpening, type BusinessHours } from '../business-hours';
import type { WaitingNotice } from '../pipeline/ports';
import type { Ticket, TicketMessage } from './ticket';

export interface WaitingPolicy {
  readonly acknowledgeEveryMs: number;
  readonly claimTimeoutMs: number;
  readonly businessHours: BusinessHours;
}

export const defaultAcknowledgeEveryMs = 5 * 60_000;
export const defaultClaimTimeoutMs = 15 * 60_000;

const noticeLines: Readonly<Record<WaitingNotice, string>> = {
  ack: 'The bot told the customer their message is in this ticket.',
  claimed: 'The bot told the customer who has this ticket.',
  timeout: 'Nobody claimed this ticket in time: the bot gave the customer the phone number.',
};

/** The system line recording a notice. */
export const noticeLine = (notice: WaitingNotice): string => noticeLines[notice];

function noticeOf(message: TicketMessage): WaitingNotice | null {
  if (message.author !== 'system') return null;
  const found = (Object.keys(noticeLines) as WaitingNotice[]).find(
    (notice) => noticeLines[notice] === message.text,
  );
  return found ?? null;
}

/**
 * The notice due for a customer message (or, with `proactive`, for the desk's timer, which only
 * sends the claim timeout). Null: nothing to say.
 */
export function dueNotice(
  ticket: Ticket,
  messages: readonly TicketMessage[],
  now: Date,
  policy: WaitingPolicy,
  proactive = false,
): WaitingNotice | null {
  const told = messages.flatMap((message) => {
    const notice = noticeOf(message);
    return notice ? [{ notice, at: message.at }] : [];
  });
  if (ticket.status === 'claimed') {
    if (proactive) return null;
    const claimedAt = ticket.claimedAt?.getTime() ?? 0;
    // A person who has written to the customer has said so themselves.
    if (messages.some((message) => message.author === 'staff')) return null;
    return told.some((entry) => entry.notice === 'claimed' && entry.at.getTime() >= claimedAt)
      ? null
      : 'claimed';
  }
  if (ticket.status !== 'open') return null;
  if (
    ticket.staff !== null &&
    !told.some((entry) => entry.notice === 'timeout') &&
    claimTimedOut(ticket.createdAt, now, policy)
  )
    return 'timeout';
  if (proactive) return null;
  const last = told.at(-1);
  return last && now.getTime() - last.at.getTime() < policy.acknowledgeEveryMs ? null : 'ack';
}

/**
 * Unclaimed for the timeout counted from when business hours began for the ticket (its opening,
 * or the next opening after it), and business hours now.
 */
function claimTimedOut(createdAt: Date, now: Date, policy: WaitingPolicy): boolean {
  if (!isOpen(now, policy.businessHours)) return false;
  const start = nextOpening(createdAt, policy.businessHours);
  return start !== null && now.getTime() - start.getTime() >= policy.claimTimeoutMs;
}
