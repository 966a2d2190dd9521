/**
 * Service cases (issue 13): a repair, a return or an exchange that the bot opens, the staff work
 * and the customer follows. Pure types; the storage port is in ./ports.ts, the status model in
 * ./statuses.ts.
 */
import type { ConversationReference } from '../channel';
import type { Locale } from '../message';
import type { ConversationKey } from '../ports';

export type CaseKind = 'repair' | 'return' | 'exchange';

export const caseKinds: readonly CaseKind[] = ['repair', 'return', 'exchange'];

/** A booked slot: carry-in at a branch, or a technician's visit. */
export interface CaseAppointment {
  /** Branch id from the directory (knowledge/branches). */
  readonly branch: string;
  readonly mode: 'carry-in' | 'on-site';
  readonly start: Date;
  readonly end: Date;
}

/**
 * Who did something to a case: `bot` (the dialog), `customer`, `staff:<platform user id>`,
 * `cli`, `api` (the service system's HTTP push) or `import:<file name>`.
 */
export type CaseActor = string;

/** One line of a case's status history; the first is the status it was opened with. */
export interface CaseStatusChange {
  readonly status: string;
  readonly at: Date;
  readonly by: CaseActor;
  readonly note: string | null;
}

export interface CaseNote {
  readonly text: string;
  readonly at: Date;
  readonly by: CaseActor;
}

export interface ServiceCase {
  /** The case number, e.g. `R-2612-0042` (repair) or `RMA-2612-0007` (return, exchange). */
  readonly id: string;
  readonly kind: CaseKind;
  /** The current status id (the last line of `history`). */
  readonly status: string;
  /** The conversation that opened it; null for a case imported without one. */
  readonly customer: ConversationKey | null;
  /** The platform user id of the customer on that channel; null when unknown. */
  readonly userId: string | null;
  /** How to reach the customer's conversation later (status updates); opaque to the core. */
  readonly reference: ConversationReference | null;
  /** Customer-facing language and Serbian script of every message about this case. */
  readonly locale: Locale;
  readonly script: 'cyrillic' | 'latin' | null;
  /** The customer record in the unit store, when known. */
  readonly customerId: string | null;
  /** The unit's serial, when identified. */
  readonly serial: string | null;
  readonly orderNumber: string | null;
  /** Product category, e.g. `washing-machine`. */
  readonly category: string | null;
  /** Symptom id from knowledge/troubleshooting (e.g. `leaking`), or a reason for a return. */
  readonly symptom: string | null;
  /** The customer's own words or the staff summary; customer text, log only at debug. */
  readonly description: string | null;
  readonly appointment: CaseAppointment | null;
  /** Oldest first; never empty. */
  readonly history: readonly CaseStatusChange[];
  /** Oldest first. */
  readonly notes: readonly CaseNote[];
  /** The staff channel post: `slack`/`teams` and the thread id once posted. */
  readonly staff: { readonly target: string; readonly threadId: string | null } | null;
  /** The id in the company's own service system (imports, HTTP pushes); null when none. */
  readonly externalRef: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** When it reached a final status; null while open. */
  readonly closedAt: Date | null;
}

/** Case-number prefix per kind: repairs `R-`, returns and exchanges `RMA-`. */
export const caseNumberPrefix = (kind: CaseKind): 'R' | 'RMA' => (kind === 'repair' ? 'R' : 'RMA');

/**
 * Matches a case number anywhere in a message: any letter case, surrounding punctuation allowed,
 * the groups joined by a dash, a space or nothing (as a speech recogniser or a hurried customer
 * writes it: `R 2611 0102`, `rma26110204`), and the letters also in Cyrillic or Greek capitals
 * that look the same (`Р-2611-0105` typed on a Serbian keyboard, `Ρ` on a Greek one).
 */
export const caseNumberPattern =
  /(?<![\p{L}\p{N}])([RРΡ](?:[MМΜ][AАΑ])?)[\s-]?(\d{4})[\s-]?(\d{4,})(?![\p{L}\p{N}])/iu;

/** The prefix a matched `caseNumberPattern` group stands for, lookalike letters read as Latin. */
export function casePrefixOf(letters: string): 'R' | 'RMA' {
  return letters.length > 1 ? 'RMA' : 'R';
}

/** `R-2612-0042` → `{prefix, period, serial}`; null when it is not a case number. */
export function parseCaseNumber(
  text: string,
): { readonly prefix: 'R' | 'RMA'; readonly period: string; readonly sequence: number } | null {
  const match = /^(R|RMA)-(\d{4})-(\d{4,})$/i.exec(text.trim());
  if (match === null) return null;
  return {
    prefix: match[1]!.toUpperCase() as 'R' | 'RMA',
    period: match[2]!,
    sequence: Number(match[3]),
  };
}

/** The canonical spelling: upper case prefix, at least four digits. */
export function formatCaseNumber(prefix: 'R' | 'RMA', period: string, sequence: number): string {
  return `${prefix}-${period}-${String(sequence).padStart(4, '0')}`;
}

/** YYMM of `at` in `timeZone` (IANA; UTC when unset): the period part of a case number. */
export function casePeriod(at: Date, timeZone = 'UTC'): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: '2-digit',
    month: '2-digit',
  }).formatToParts(at);
  const year = parts.find((part) => part.type === 'year')!.value;
  const month = parts.find((part) => part.type === 'month')!.value;
  return `${year}${month}`;
}
