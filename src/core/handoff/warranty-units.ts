/** The customer's units for the ticket summary, from the warranty records when they exist. */
import type { WarrantyStatus } from '../warranty/types';
import type { CustomerUnits, UnitSummary } from './staff-channel';

export interface WarrantyUnitsOptions {
  /** Serials of the units a customer (channel + user id) owns. */
  readonly serialsOf: (
    channel: string,
    userId: string,
  ) => readonly string[] | Promise<readonly string[]>;
  /** Today's warranty status of a serial (WarrantyService.status). */
  readonly status: (serial: string) => Promise<WarrantyStatus>;
}

export function summarizeUnit(status: WarrantyStatus): UnitSummary {
  const detail =
    status.state === 'covered' && status.until
      ? `covered until ${status.until}`
      : status.until
        ? `${status.state} (until ${status.until})`
        : status.state;
  return {
    serial: status.serial,
    model: status.modelName ?? status.model ?? 'unknown model',
    detail,
  };
}

export function createWarrantyUnits(options: WarrantyUnitsOptions): CustomerUnits {
  return {
    async unitsOf({ channel, userId }) {
      const summaries: UnitSummary[] = [];
      for (const serial of await options.serialsOf(channel, userId))
        summaries.push(summarizeUnit(await options.status(serial)));
      return summaries;
    },
  };
}
