/**
 * After Resolve: the customer's 1–5 rating, an optional comment, and what follows from it.
 * 4–5 → an invitation to leave a review; 1–2 → the ticket goes back to staff, and the
 * customer's next message (the comment) is relayed into its thread.
 */
import type { Reply } from '../message';
import type { Turn } from '../pipeline/turn';
import { botReply, csatChoiceId, say } from './customer-replies';
import { queueStaffLine, queueStaffUpdate, type DeskContext } from './desk-context';
import type { Ticket } from './ticket';

/** How long after a rating the customer's next message counts as the comment. */
export const COMMENT_WINDOW_MS = 60 * 60 * 1000;

export async function ownTicket(
  context: DeskContext,
  turn: Turn,
  ticketId: string,
): Promise<Ticket | null> {
  const ticket = await context.tickets.get(ticketId);
  // A choice id names a ticket; only the customer of that ticket may answer for it.
  if (
    !ticket ||
    ticket.customer.channel !== turn.key.channel ||
    ticket.customer.conversationId !== turn.key.conversationId
  )
    return null;
  return ticket;
}

export async function rate(
  context: DeskContext,
  turn: Turn,
  ticket: Ticket,
  value: number | 'skip',
): Promise<Reply[]> {
  const { tickets } = context;
  const texts = turn.brain.texts;
  const at = turn.now;
  if (value === 'skip') {
    if (ticket.satisfaction.commentUntil === null) return [];
    await tickets.update(ticket.id, { commentUntil: null }, at);
    return [botReply(ticket, say(texts, ticket, 'csat-thanks'))];
  }
  // Rated once; an old keyboard pressed again changes nothing.
  if (ticket.status !== 'resolved' || ticket.satisfaction.score !== null) return [];
  const commentUntil = new Date(at.getTime() + COMMENT_WINDOW_MS);
  if (value <= 2) {
    await tickets.atomically(async () => {
      const reopened = await tickets.update(
        ticket.id,
        {
          status: 'open',
          satisfactionScore: value,
          commentUntil,
          resolvedAt: null,
          followUpDueAt: null,
        },
        at,
      );
      await tickets.addMessage(ticket.id, {
        author: 'system',
        text: `Customer rated ${value}/5; reopened`,
        at,
      });
      await queueStaffUpdate(context, reopened, at);
      await queueStaffLine(
        context,
        reopened,
        {
          kind: 'warning',
          text: `The customer rated ${value}/5: ticket reopened. Their comment follows here when they write one.`,
        },
        at,
      );
    });
    // The turn saves this state: from now on the customer's messages go to the thread.
    turn.state.handoffActive = true;
    context.outbox.kick();
    return [botReply(ticket, say(texts, ticket, 'csat-reopened'))];
  }
  await tickets.atomically(async () => {
    const rated = await tickets.update(ticket.id, { satisfactionScore: value, commentUntil }, at);
    await tickets.addMessage(ticket.id, {
      author: 'system',
      text: `Customer rated ${value}/5`,
      at,
    });
    await queueStaffUpdate(context, rated, at);
    await queueStaffLine(
      context,
      rated,
      { kind: 'event', text: `The customer rated ${value}/5.` },
      at,
    );
  });
  context.outbox.kick();
  const thanks =
    value >= 4 && context.reviewUrl
      ? say(texts, ticket, 'csat-review', { url: context.reviewUrl })
      : say(texts, ticket, 'csat-thanks');
  const invite = say(texts, ticket, 'csat-comment');
  return [
    botReply(ticket, `${thanks}\n\n${invite}`, [
      { id: csatChoiceId(ticket.id, 'skip'), label: say(texts, ticket, 'csat-no-comment') },
    ]),
  ];
}

/** Whether the ticket is waiting for the customer's comment at `at`. */
export function awaitsComment(ticket: Ticket, at: Date): boolean {
  const { score, comment, commentUntil } = ticket.satisfaction;
  return (
    score !== null &&
    comment === null &&
    commentUntil !== null &&
    commentUntil.getTime() > at.getTime()
  );
}

/** Stores the comment on the ticket and shows it to staff (call inside `tickets.atomically`). */
export async function storeComment(
  context: DeskContext,
  ticket: Ticket,
  text: string,
  at: Date,
): Promise<void> {
  await context.tickets.update(ticket.id, { satisfactionComment: text, commentUntil: null }, at);
  // A reopened ticket relays the customer's words anyway; a resolved one shows the comment as an event.
  if (ticket.status === 'resolved')
    await queueStaffLine(
      context,
      ticket,
      { kind: 'event', text: `Comment with the rating: ${text}` },
      at,
    );
}

/** The customer's message after a 3–5 rating, taken as the comment. */
export async function commentReplies(
  context: DeskContext,
  turn: Turn,
  ticket: Ticket,
): Promise<Reply[]> {
  await context.tickets.atomically(async () => {
    await context.tickets.addMessage(ticket.id, {
      author: 'customer',
      text: turn.text,
      at: turn.now,
    });
    await storeComment(context, ticket, turn.text, turn.now);
  });
  context.outbox.kick();
  return [botReply(ticket, say(turn.brain.texts, ticket, 'csat-comment-thanks'))];
}
