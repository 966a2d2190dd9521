/**
 * The storage port for "whose units are these?": the customer behind a channel user, and the
 * units on that customer's record, so a caller or a known chat user hears about their units
 * without typing a serial. Async, so that a PostgreSQL backend can implement it; SQLite does
 * (src/storage/sqlite/customer-units.ts) and both pass test/storage/customer-units.contract.ts.
 */
import type { Unit } from './types';

/** Who is writing or calling: the channel and its user id (the caller's number on voice and SMS). */
export interface ChannelCustomer {
  readonly channel: string;
  readonly userId: string;
}

export interface CustomerUnitsStore {
  /**
   * The id of the customer record this channel user belongs to, or null: by the channel id on
   * the record, and on phone channels by the phone number on the record. The hook other
   * customer-facing lookups (service cases) use to find "this customer's" records.
   */
  customerOf(who: ChannelCustomer): Promise<number | null>;
  /** The units on that customer's record, newest purchase first (at most `limit`, default 10). */
  unitsOf(who: ChannelCustomer, limit?: number): Promise<readonly Unit[]>;
}
