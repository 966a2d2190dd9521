/**
 * Staff work cases where they work tickets. Around the core's `handle` (after the ticket router):
 * a press of a case post's status button moves the case (the customer is told, the post is
 * re-rendered); words in a case's thread are kept as its notes, never answered by the bot. The
 * staff access rule of tickets and /warranty applies: an outsider is refused and reported.
 */
import type { HandleMessage } from '../channel';
import type { Reply } from '../message';
import { staffOnlyText, type StaffAccess, type StaffIdentity } from '../handoff/staff-access';
import { staffLineReply } from '../handoff/ticket-card';
import { parseCaseStatusAction } from './case-card';
import type { CaseDesk, CaseChangeOutcome } from './case-desk';

export interface CaseStaffRouterOptions {
  readonly desk: Pick<CaseDesk, 'cases' | 'changeStatus' | 'rules'>;
  /** The staff channel's platform (`slack`, `teams`); null: none. */
  readonly target: string | null;
  readonly access?: StaffAccess;
  readonly onRefused?: (identity: StaffIdentity, what: string) => Promise<void>;
}

export const staffActor = (identity: StaffIdentity): string =>
  `staff:${identity.platform}:${identity.userId}`;

/** What a person who changed a status is told (the CLI prints the same). */
export function changeOutcomeText(
  caseId: string,
  status: string,
  outcome: CaseChangeOutcome,
): string {
  switch (outcome.outcome) {
    case 'changed':
      return `${outcome.case.id}: ${outcome.previousStatus} → ${status}; the customer is told.`;
    case 'unchanged':
      return `${outcome.case.id} is already ${status}; nothing sent.`;
    case 'not-found':
      return `No case ${caseId}.`;
    case 'unknown-status':
      return `"${status}" is not a status of ${caseId}; use one of ${outcome.allowed.join(', ')}.`;
  }
}

export function routeCaseStaffMessages(
  handle: HandleMessage,
  options: CaseStaffRouterOptions,
): HandleMessage {
  return async (message, delivery) => {
    if (
      options.target === null ||
      message.channel !== options.target ||
      options.desk.rules() === null
    )
      return handle(message, delivery);
    const action = message.choiceId ? parseCaseStatusAction(message.choiceId) : null;
    const thread = action
      ? null
      : await options.desk.cases.findByStaffThread(options.target, message.conversationId);
    if (action === null && thread === null) return handle(message, delivery);
    const identity = { platform: options.target, userId: message.userId };
    if (options.access && !(await options.access.allows(identity))) {
      await options.onRefused?.(identity, action ? 'case-status' : 'case-note');
      return [staffLineReply({ kind: 'warning', text: staffOnlyText })];
    }
    if (action === null) {
      const text = message.text.trim();
      if (text !== '' && thread !== null)
        await options.desk.cases.addNote(thread.id, {
          text,
          by: staffActor(identity),
          at: message.receivedAt,
        });
      return [];
    }
    const outcome = await options.desk.changeStatus(action.caseId, {
      status: action.status,
      by: staffActor(identity),
    });
    // On the case's own post the post itself is re-rendered (and the thread told): no answer,
    // which would replace its new buttons. Elsewhere (/case's private card) a line says what happened.
    const onPost =
      outcome.outcome === 'changed' && outcome.case.staff?.threadId === message.conversationId;
    const replies: Reply[] = onPost
      ? []
      : [
          staffLineReply({
            kind:
              outcome.outcome === 'changed' || outcome.outcome === 'unchanged'
                ? 'event'
                : 'warning',
            text: changeOutcomeText(action.caseId, action.status, outcome),
          }),
        ];
    return replies;
  };
}
