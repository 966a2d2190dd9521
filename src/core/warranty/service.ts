/**
 * Warranty lookups by serial: finds the unit in the store and asks the engine. What the CLI,
 * the Slack command and the ticket summary call (the dialog, whose rules may be reloaded between
 * turns, asks the engine itself).
 */
import type { Clock } from '../ports';
import type { CalendarDate } from './calendar-date';
import { warrantyStatus } from './engine';
import type { UnitStore } from './ports';
import type { WarrantyRules } from './rules';
import { canonicalSerial } from './serial';
import type { UnitRecord, WarrantyStatus } from './types';

export interface WarrantyServiceOptions {
  readonly rules: WarrantyRules;
  readonly units: Pick<UnitStore, 'findUnit' | 'findRecord'>;
  readonly clock: Clock;
  /** The zone whose calendar decides "today" (bot.config.json businessHours.timeZone). */
  readonly timeZone: string;
}

export interface WarrantyService {
  /** The status of the unit with this serial (any spacing, case or digits) today or `on`. */
  status(
    serial: string,
    options?: { on?: Date | CalendarDate; issue?: string },
  ): Promise<WarrantyStatus>;
  /** The full record for staff, or undefined for an unknown serial. */
  record(serial: string): Promise<UnitRecord | undefined>;
}

export function createWarrantyService({
  rules,
  units,
  clock,
  timeZone,
}: WarrantyServiceOptions): WarrantyService {
  return {
    async status(serial, options = {}) {
      const canonical = canonicalSerial(serial);
      return warrantyStatus(await units.findUnit(canonical), rules, {
        on: options.on ?? clock.now(),
        timeZone,
        serial: canonical,
        ...(options.issue === undefined ? {} : { issue: options.issue }),
      });
    },
    record(serial) {
      return units.findRecord(canonicalSerial(serial));
    },
  };
}
