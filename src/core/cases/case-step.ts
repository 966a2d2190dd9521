/** What every step of the case dialogs works with (case-dialog.ts, repair-booking.ts, return-flow.ts). */
import type { RespondSettings } from '../pipeline/respond';
import type { Turn } from '../pipeline/turn';
import type { CustomerUnitsStore } from '../warranty/customer-units';
import type { WarrantyRules } from '../warranty/rules';
import type { Unit } from '../warranty/types';
import type { CaseBookings } from './case-bookings';
import type { ServiceRules, Symptom } from './service-rules';

export const CASE_INTENT = 'service-case';

type Awaitable<T> = T | Promise<T>;

export interface CaseDialogOptions {
  /** The current rules; functions so that a knowledge reload swaps them between turns. */
  readonly rules: () => ServiceRules | null;
  readonly warranty: () => WarrantyRules;
  readonly units: {
    findUnit(serial: string): Awaitable<Unit | undefined>;
    findUnitsByOrder(order: string): Awaitable<readonly Unit[]>;
  };
  /** The units on the record of the customer writing; without it the unit is always asked for. */
  readonly ownedUnits?: Pick<CustomerUnitsStore, 'unitsOf'>;
  readonly bookings: CaseBookings;
  /** The zone of slot times and of "today" (bot.config.json businessHours.timeZone). */
  readonly timeZone: string;
}

/** Everything a step works with. */
export interface CaseStep {
  readonly turn: Turn;
  readonly settings: RespondSettings;
  readonly options: CaseDialogOptions;
  readonly rules: ServiceRules;
  readonly warranty: WarrantyRules;
}

export const symptomKey = (symptom: Symptom): string => `${symptom.category}/${symptom.id}`;

export function symptomOf(rules: ServiceRules, key: string | undefined): Symptom | undefined {
  return rules.symptoms.find((symptom) => symptomKey(symptom) === key);
}
