/**
 * Opening a ticket: the conversation's last lines copied in, the staff post queued, all in one
 * transaction. A conversation has at most one active ticket; asking again returns it.
 */
import type { Brain } from '../brain';
import { localeProfile } from '../language/locale-profile';
import type { HandoffRequest } from '../pipeline/ports';
import type { TranscriptEntry } from '../ports';
import type { DeskContext } from './desk-context';
import { queueStaffJob } from './relay-outbox';
import type { Ticket } from './ticket';

/** Conversation lines copied into a new ticket when the desk's options do not say. */
export const defaultTranscriptLines = 12;

export async function openTicket(
  context: DeskContext,
  request: HandoffRequest,
  transcriptLines: number,
): Promise<Ticket> {
  const { tickets, conversations, staff } = context;
  const existing = await tickets.activeFor(request.key);
  if (existing) return existing;
  const transcript = await conversations.transcript(request.key, transcriptLines);
  const state = await conversations.loadState(request.key);
  const ticket = await tickets.atomically(async () => {
    const previous = await tickets.latestFor(request.key);
    const created = await tickets.create({
      customer: request.key,
      userId: request.userId,
      reference: await context.references.loadReference(
        request.key.channel,
        request.key.conversationId,
      ),
      locale: request.locale,
      script: localeProfile(request.locale).scripts ? state.script : null,
      reason: request.reason,
      repair: aboutRepair(context.brain(), transcript),
      staffTarget: staff?.target ?? null,
      at: request.at,
    });
    for (const entry of transcript) {
      await tickets.addMessage(created.id, {
        author: entry.direction === 'in' ? 'customer' : 'bot',
        text: entry.text,
        at: entry.at,
      });
    }
    const note = previous ? followUpNote(previous) : null;
    if (note)
      await tickets.addMessage(created.id, { author: 'system', text: note, at: request.at });
    await queueStaffJob(context.jobs, created, { kind: 'staff-post' }, request.at);
    return created;
  });
  context.logger.info(
    {
      ticketId: ticket.id,
      channel: request.key.channel,
      conversationId: request.key.conversationId,
      reason: request.reason,
      locale: request.locale,
    },
    'ticket opened',
  );
  context.outbox.kick();
  return ticket;
}

/**
 * The line for the ticket that follows a follow-up answered "problem". It is read from the
 * stored answer of the conversation's previous ticket, so it survives a restart between the
 * answer and the new ticket.
 */
function followUpNote(previous: Ticket): string | null {
  return previous.status === 'resolved' && previous.followUp.answer === 'problem'
    ? `Follow-up of ticket #${previous.id}: the customer reports a problem after the repair.`
    : null;
}

/** A ticket about a repair gets the follow-up: the conversation touched an FAQ entry tagged `repair`. */
function aboutRepair(brain: Brain, transcript: readonly TranscriptEntry[]): boolean {
  return transcript.some(
    (entry) => entry.faq !== null && (brain.faqs.get(entry.faq)?.tags.includes('repair') ?? false),
  );
}
