/** Unit records, their owners, and the status the engine computes for a unit on a day. */
import type { CalendarDate } from './calendar-date';
import type { ReasonCode } from './message-keys';
import type { Costs } from './rules';

/** A plan on a unit; `boughtOn` null means bought with the unit. */
export interface UnitPlan {
  readonly plan: string;
  readonly boughtOn: CalendarDate | null;
}

export interface Unit {
  /** Canonical form: capitals, no spaces or dashes (see `canonicalSerial`). */
  readonly serial: string;
  /** The order (invoice) it was sold on, canonical like a serial; several units may share one. */
  readonly orderNumber: string | null;
  /** A model id from knowledge/warranty/products.yaml. */
  readonly model: string;
  readonly purchaseDate: CalendarDate;
  readonly deliveryDate: CalendarDate | null;
  /** A region id from regions.yaml; null for the default region. */
  readonly region: string | null;
  /** In the order they were added: plans stack in this order. */
  readonly plans: readonly UnitPlan[];
  /** Exclusion ids recorded for this unit (a technician found liquid damage, ...). */
  readonly exclusions: readonly string[];
  readonly customerId: number | null;
}

/** The customer information file: who owns a unit and how to reach them. Staff eyes only. */
export interface Customer {
  readonly id: number;
  readonly name: string | null;
  readonly phone: string | null;
  readonly email: string | null;
  /** Ids on messaging channels, e.g. `{ telegram: "123456789" }`. */
  readonly channelIds: Readonly<Record<string, string>>;
}

export interface UnitHistoryEntry {
  readonly at: Date;
  /** `created`, `updated`, ... */
  readonly event: string;
  readonly detail: string;
}

/** Everything staff see about a unit. */
export interface UnitRecord {
  readonly unit: Unit;
  readonly customer: Customer | null;
  readonly history: readonly UnitHistoryEntry[];
}

export interface Reason {
  readonly code: ReasonCode;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface PartStatus {
  readonly part: string;
  readonly covered: boolean;
  readonly until: CalendarDate;
  readonly coveredBy: string;
}

/**
 * - `covered`: covered on the day asked about;
 * - `expired`: the period is over;
 * - `excluded`: an exclusion applies (liquid damage, consumables, ...);
 * - `unknown-serial`: no unit with this serial;
 * - `needs-check`: the record cannot be trusted as it is (future purchase date, unknown model,
 *   a serial that does not fit its model); a person has to look.
 */
export type WarrantyState = 'covered' | 'expired' | 'excluded' | 'unknown-serial' | 'needs-check';

export interface WarrantyStatus {
  readonly serial: string;
  readonly model: string | null;
  readonly modelName: string | null;
  readonly category: string | null;
  readonly region: string | null;
  /** The day the status is for, in the configured time zone. */
  readonly on: CalendarDate;
  /** The first day of the period. */
  readonly startsOn: CalendarDate | null;
  readonly state: WarrantyState;
  readonly covered: boolean;
  /** The last day covered (inclusive); for an `issue`, that issue's last day. */
  readonly until: CalendarDate | null;
  /** Days from `on` to `until` while covered (0 on the last day); 0 when not covered. */
  readonly daysLeft: number;
  /** What sets `until`: a category id (`phone`), a part (`phone/battery`), a plan id, or `statutory-<region>`. */
  readonly coveredBy: string | null;
  readonly issue: string | null;
  readonly parts: readonly PartStatus[];
  /** Costs paid today for the issue asked about (or the unit). */
  readonly costs: Costs;
  readonly maintenance: { readonly discountPercent: number; readonly freeVisitsPerYear: number };
  /** The plans counted in `until`, in stacking order. */
  readonly plans: readonly string[];
  /** The last day a plan can still be bought for this unit. */
  readonly planDeadline: CalendarDate | null;
  readonly proofOfPurchaseRequired: boolean;
  readonly transfersOnResale: boolean;
  readonly reasons: readonly Reason[];
}
