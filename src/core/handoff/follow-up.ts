/**
 * "Is everything working?" a configured number of days after a repair ticket is resolved. The
 * due time is stored with the ticket, so a restart loses nothing; each follow-up is claimed once
 * in a transaction (even with two processes ticking) and queued as an at-most-once message, so
 * it is never sent twice.
 */
import type { Reply } from '../message';
import type { Turn } from '../pipeline/turn';
import { botReply, followUpQuestion, say } from './customer-replies';
import { queueForCustomer, queueStaffLine, type DeskContext } from './desk-context';
import type { Ticket } from './ticket';

const BATCH = 50;

/** Queues every follow-up that is due; returns how many. */
export async function queueDueFollowUps(context: DeskContext): Promise<number> {
  const { tickets, clock } = context;
  const now = clock.now();
  let queued = 0;
  for (const ticket of await tickets.dueFollowUps(now, BATCH)) {
    const claimed = await tickets.atomically(async () => {
      if (!(await tickets.claimFollowUp(ticket.id, now))) return false;
      const question = followUpQuestion(context.brain().texts, ticket);
      await tickets.addMessage(ticket.id, { author: 'bot', text: question.text, at: now });
      await queueForCustomer(context, ticket, [question], now, true);
      return true;
    });
    if (claimed) queued += 1;
  }
  if (queued > 0) context.logger.info({ queued }, 'follow-ups queued');
  return queued;
}

/** `ok`: glad to hear it. `problem` is handled by the caller: it hands off again. */
export async function answerFollowUp(
  context: DeskContext,
  turn: Turn,
  ticket: Ticket,
  answer: 'ok' | 'problem',
): Promise<Reply[] | null> {
  if (ticket.followUp.sentAt === null || ticket.followUp.answer !== null) return [];
  const { tickets } = context;
  await tickets.atomically(async () => {
    await tickets.update(ticket.id, { followUpAnswer: answer }, turn.now);
    const text =
      answer === 'ok'
        ? 'Follow-up: the customer says everything works.'
        : 'Follow-up: the customer reports a problem; a new ticket follows.';
    await tickets.addMessage(ticket.id, { author: 'system', text, at: turn.now });
    await queueStaffLine(
      context,
      ticket,
      { kind: answer === 'ok' ? 'event' : 'warning', text },
      turn.now,
    );
  });
  context.outbox.kick();
  return answer === 'ok'
    ? [botReply(ticket, say(turn.brain.texts, ticket, 'follow-up-glad'))]
    : null;
}
