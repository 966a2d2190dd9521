/**
 * The case dialogs' bookings (case-bookings.ts) on the CaseStore port: a new case starts in its
 * kind's initial status, carries the conversation's reference (for status messages later), and a
 * booked appointment is counted against the slot's capacity in the store's transaction.
 */
import type { ReferenceStore } from '../channel';
import type { Logger } from '../ports';
import type { CaseBookings } from './case-bookings';
import type { CaseStore } from './ports';
import type { CaseKind } from './types';

export interface StoreBookingsOptions {
  readonly store: Pick<CaseStore, 'openCase' | 'bookedCounts' | 'listCases'>;
  /** Sync today, async once the storage ports are (either works). */
  readonly references: {
    loadReference(
      channel: string,
      conversationId: string,
    ):
      | ReturnType<ReferenceStore['loadReference']>
      | Promise<ReturnType<ReferenceStore['loadReference']>>;
  };
  /** The status a new case of a kind starts in (the status model's initial one). */
  readonly initialStatus: (kind: CaseKind) => string;
  /** The zone of the case number's YYMM. */
  readonly timeZone: string;
  /** Case ids, kinds and slots; never customer text. */
  readonly logger?: Logger;
}

export function createStoreBookings(options: StoreBookingsOptions): CaseBookings {
  return {
    bookedCounts: (branch, mode, from, to) => options.store.bookedCounts(branch, mode, from, to),
    async bookedAt(conversation, start) {
      const open = await options.store.listCases({ customer: conversation, openOnly: true });
      const found = open.find(
        (serviceCase) => serviceCase.appointment?.start.getTime() === start.getTime(),
      );
      return found?.appointment ? { number: found.id, appointment: found.appointment } : null;
    },
    async open(opening, capacity) {
      const { conversation } = opening;
      const [category = null, symptom = null] = opening.symptom?.split('/') ?? [];
      const result = await options.store.openCase(
        {
          kind: opening.kind,
          status: options.initialStatus(opening.kind),
          customer: conversation,
          userId: opening.customer.userId,
          reference: await options.references.loadReference(
            conversation.channel,
            conversation.conversationId,
          ),
          locale: opening.locale,
          script: opening.script,
          serial: opening.serial,
          category,
          symptom,
          description: opening.summary,
          appointment: opening.appointment,
          by: 'bot',
          at: opening.at,
        },
        { timeZone: options.timeZone, ...(capacity !== undefined ? { capacity } : {}) },
      );
      const slot = opening.appointment
        ? {
            branch: opening.appointment.branch,
            mode: opening.appointment.mode,
            start: opening.appointment.start.toISOString(),
          }
        : {};
      if (!result.ok) {
        options.logger?.info({ kind: opening.kind, ...slot, capacity }, 'case slot full');
        return result;
      }
      options.logger?.info(
        { caseId: result.case.id, kind: opening.kind, channel: conversation.channel, ...slot },
        'case opened',
      );
      return { ok: true, number: result.case.id };
    },
  };
}
