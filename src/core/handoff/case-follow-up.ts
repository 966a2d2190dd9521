/**
 * Closing a repair case (src/core/cases) starts the satisfaction question and the "is everything
 * working?" follow-up that resolved repair tickets get: a ticket is recorded for the case, already
 * resolved and marked as a repair, so the existing hooks answer its buttons and the follow-up is
 * sent when due. With a hand-off open in that conversation, that ticket is marked as a repair
 * instead: its follow-up starts when staff resolve it.
 */
import type { ConversationReference } from '../channel';
import type { Locale } from '../message';
import type { ConversationKey } from '../ports';
import { satisfactionQuestion } from './customer-replies';
import { addDays, queueForCustomer, type DeskContext } from './desk-context';
import type { Ticket } from './ticket';

export interface RepairFollowUpRequest {
  readonly key: ConversationKey;
  readonly userId: string;
  readonly reference: ConversationReference | null;
  readonly locale: Locale;
  readonly script: 'cyrillic' | 'latin' | null;
  readonly caseId: string;
  readonly at: Date;
}

export async function startRepairFollowUp(
  context: DeskContext,
  request: RepairFollowUpRequest,
): Promise<Ticket> {
  const { tickets } = context;
  const { at } = request;
  return tickets.atomically(async () => {
    const active = await tickets.activeFor(request.key);
    if (active) {
      const marked = await tickets.update(active.id, { repair: true }, at);
      await tickets.addMessage(active.id, {
        author: 'system',
        text: `Repair case ${request.caseId} closed; the follow-up starts when this ticket is resolved.`,
        at,
      });
      return marked;
    }
    const created = await tickets.create({
      customer: request.key,
      userId: request.userId,
      reference: request.reference,
      locale: request.locale,
      script: request.script,
      reason: 'requested',
      repair: true,
      staffTarget: null,
      at,
    });
    const resolved = await tickets.update(
      created.id,
      {
        status: 'resolved',
        resolvedAt: at,
        followUpDueAt: addDays(at, context.followUpDays),
        followUpSentAt: null,
      },
      at,
    );
    await tickets.addMessage(created.id, {
      author: 'system',
      text: `Repair case ${request.caseId} closed: satisfaction question sent, follow-up on ${resolved.followUp.dueAt?.toISOString().slice(0, 10) ?? ''}.`,
      at,
    });
    await queueForCustomer(
      context,
      resolved,
      [satisfactionQuestion(context.brain().texts, resolved)],
      at,
    );
    return resolved;
  });
}
