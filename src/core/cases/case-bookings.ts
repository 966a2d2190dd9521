/**
 * What the customer-side case dialogs need of case storage, described on their side: how many
 * bookings each slot of a branch already has, and opening a case, which for a repair with an
 * appointment must refuse atomically when the slot is full (two customers pressing the last free
 * slot at once: one gets it, the other is offered the next). The composition root implements it on
 * the CaseStore (src/core/cases, SQLite in src/storage/sqlite).
 */
import type { Locale } from '../message';
import type { ConversationKey } from '../ports';
import type { ChannelCustomer } from '../warranty/customer-units';
import type { VisitMode } from './service-rules';

export type CaseKind = 'repair' | 'return' | 'exchange';

export interface Appointment {
  readonly branch: string;
  readonly mode: VisitMode;
  readonly start: Date;
  readonly end: Date;
}

export interface CaseOpening {
  readonly kind: CaseKind;
  readonly serial: string;
  readonly customer: ChannelCustomer;
  readonly conversation: ConversationKey;
  readonly locale: Locale;
  /** For Serbian: the script the customer writes in. */
  readonly script: 'cyrillic' | 'latin' | null;
  /** `washing-machine/leaking`; null for a return. */
  readonly symptom: string | null;
  /** For staff: what the customer was told (cost, return rule). */
  readonly summary: string;
  readonly appointment: Appointment | null;
  readonly at: Date;
}

export type OpenedCase =
  | { readonly ok: true; readonly number: string }
  | { readonly ok: false; readonly reason: 'slot-full' };

export interface BookedSlot {
  readonly number: string;
  readonly appointment: Appointment;
}

export interface CaseBookings {
  /** Active bookings per slot start (ISO string) of a branch between two instants. */
  bookedCounts(
    branch: string,
    mode: VisitMode,
    from: Date,
    to: Date,
  ): Promise<ReadonlyMap<string, number>>;
  /** Opens the case; with an appointment, only while the slot has fewer than `capacity` bookings. */
  open(opening: CaseOpening, capacity?: number): Promise<OpenedCase>;
  /** The open case of this conversation booked at `start`, if any (a slot button pressed again). */
  bookedAt(conversation: ConversationKey, start: Date): Promise<BookedSlot | null>;
}
