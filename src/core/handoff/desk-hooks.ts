/**
 * The ticket desk's TurnHooks: the comment after a rating (unless the customer asks a confident
 * new question), and the satisfaction and follow-up buttons.
 */
import { handOff } from '../pipeline/handoff';
import type { TurnHooks } from '../pipeline/ports';
import { parseHandoffChoice } from './customer-replies';
import type { DeskContext } from './desk-context';
import { answerFollowUp } from './follow-up';
import { awaitsComment, commentReplies, ownTicket, rate } from './satisfaction';

export function createDeskHooks(context: DeskContext): TurnHooks {
  const { tickets } = context;
  return {
    async beforeText(turn, settings, matches) {
      const ticket = await tickets.latestFor(turn.key);
      if (!ticket || ticket.status !== 'resolved' || !awaitsComment(ticket, turn.now)) return null;
      // A confident new question is answered, not filed as a comment.
      const top = matches()[0];
      if (top && top.score >= settings.thresholds.answer) {
        await tickets.update(ticket.id, { commentUntil: null }, turn.now);
        return null;
      }
      return commentReplies(context, turn, ticket);
    },
    async pressed(turn, choiceId, settings) {
      const choice = parseHandoffChoice(choiceId);
      if (!choice) return null;
      const ticket = await ownTicket(context, turn, choice.ticketId);
      if (!ticket) return [];
      if (choice.kind === 'csat') return rate(context, turn, ticket, choice.value);
      // "Problem" is stored with the ticket; the new ticket's note is read from it (open-ticket.ts).
      const answered = await answerFollowUp(context, turn, ticket, choice.answer);
      if (answered) return answered;
      return handOff(turn, settings, 'complaint', 1);
    },
  };
}
