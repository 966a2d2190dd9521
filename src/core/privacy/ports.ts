/**
 * Privacy requests and the audit trail, described by the core: which person a request is about,
 * what is exported, erased or expired, and the log of who looked at customer data. SQLite
 * implements them (src/storage/sqlite/privacy-store.ts, audit-log.ts); every method returns a
 * Promise so that a shared database can implement the same ports.
 */

/** Whose data: a customer record, everyone with that phone number, or one channel identity. */
export type PersonSelector =
  | { readonly kind: 'customer'; readonly customerId: number }
  | { readonly kind: 'phone'; readonly phone: string }
  | { readonly kind: 'channel-id'; readonly channel: string; readonly userId: string };

/** Everything held about one person, as `aftercare export` writes it. */
export interface PersonalData {
  readonly customers: readonly Record<string, unknown>[];
  /** The person's ids on messaging channels (`telegram:4201`, `sms:+98…`). */
  readonly channelIds: readonly { readonly channel: string; readonly userId: string }[];
  readonly units: readonly Record<string, unknown>[];
  readonly conversations: readonly Record<string, unknown>[];
  readonly tickets: readonly Record<string, unknown>[];
  readonly ratings: readonly Record<string, unknown>[];
  /** Sections other stores add (service cases): name → rows. */
  readonly more: Readonly<Record<string, readonly Record<string, unknown>[]>>;
}

/** Rows removed or anonymised, per table. */
export type TableCounts = Readonly<Record<string, number>>;

export interface PrivacyStore {
  /** Null when nothing at all is held about the person. */
  exportPerson(selector: PersonSelector): Promise<PersonalData | null>;
  /**
   * Removes the person from every table in one transaction and writes the audit line in it;
   * tickets stay, anonymised, so the report's aggregates do not change. Null: nothing held.
   */
  erasePerson(selector: PersonSelector, audit: AuditActor): Promise<TableCounts | null>;
  /**
   * Deletes transcripts (and anonymises closed tickets) older than `cutoff`, first adding the
   * days it deletes to the report's daily aggregates; writes the audit line.
   */
  applyRetention(cutoff: Date, audit: AuditActor): Promise<TableCounts>;
}

export type AuditAction = 'lookup' | 'export' | 'erase' | 'retention' | 'refused';

/** Who acts, and when. */
export interface AuditActor {
  readonly actor: string;
  readonly at: Date;
}

export interface NewAuditEntry extends AuditActor {
  readonly action: AuditAction;
  /** What was looked at: `serial:NV12…`, `customer:42`; never a name, phone or message text. */
  readonly subject: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

export interface AuditEntry extends NewAuditEntry {
  readonly id: number;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface AuditLog {
  record(entry: NewAuditEntry): Promise<void>;
  /** Oldest first. */
  list(filter?: { readonly since?: Date; readonly limit?: number }): Promise<AuditEntry[]>;
}

/** How a selector is written in an audit line: ids only, never the phone number itself. */
export function auditSubject(selector: PersonSelector, customerIds: readonly number[]): string {
  if (customerIds.length > 0) return customerIds.map((id) => `customer:${id}`).join(',');
  if (selector.kind === 'channel-id') return `channel:${selector.channel}`;
  return selector.kind === 'phone'
    ? 'phone:(no customer record)'
    : `customer:${selector.customerId}`;
}
