/**
 * The service-case rules as the core reads them: fault symptoms per product category
 * (knowledge/troubleshooting), where and when repairs are booked (knowledge/service/booking.yaml),
 * the return rules (knowledge/service/returns.yaml) and the texts (knowledge/service/messages.yaml).
 * Loaded and validated by src/config/load-service.ts. Plain data.
 */
import type { LocalizedList, LocalizedText } from '../knowledge/knowledge';
import type { Weekday } from '../business-hours';
import type { PeriodStart } from '../warranty/rules';
import type { ServiceMessageKey } from './message-keys';

export interface Symptom {
  readonly id: string;
  readonly category: string;
  /** How customers say it, per locale. */
  readonly phrases: LocalizedList;
  /** Self-help steps (or, for a safety symptom, the safety advice) per locale; empty when none. */
  readonly steps: LocalizedText;
  readonly technician: boolean;
  readonly safety: boolean;
  /** An exclusion id (liquid-damage) that makes the repair paid. */
  readonly exclusion: string | null;
}

export interface SlotSchedule {
  readonly days: readonly Weekday[];
  readonly hours: readonly { readonly from: string; readonly to: string }[];
  readonly slotMinutes: number;
  readonly capacity: number;
  readonly holidays: readonly string[];
}

export type VisitMode = 'carry-in' | 'on-site';

export interface BranchSchedule {
  readonly branch: string;
  readonly carryIn: SlotSchedule | null;
  readonly onSite: SlotSchedule | null;
}

export interface City {
  readonly id: string;
  readonly names: LocalizedText;
  readonly aliases: readonly string[];
  /** Nearest first. */
  readonly branches: readonly string[];
}

export interface BookingRules {
  readonly currency: string;
  readonly fees: Readonly<Record<string, { readonly diagnosis: number; readonly visit: number }>>;
  readonly onSite: readonly string[];
  readonly daysAhead: number;
  readonly offer: number;
  readonly cities: readonly City[];
  readonly branches: Readonly<Record<string, BranchSchedule>>;
}

export type ReturnKind = 'return' | 'exchange';

export interface ReturnRule {
  readonly id: string;
  readonly kinds: readonly ReturnKind[];
  readonly conditions: readonly string[];
  readonly days: number;
  readonly from: PeriodStart;
}

export interface ReturnRules {
  readonly requests: Readonly<Record<ReturnKind, LocalizedList>>;
  readonly conditions: readonly { readonly id: string; readonly label: LocalizedText }[];
  readonly rules: readonly ReturnRule[];
  readonly refusals: Readonly<Record<string, LocalizedText>>;
  readonly nextSteps: Readonly<Record<ReturnKind, LocalizedText>>;
}

export interface ServiceRules {
  /** In file order (categories by file name, symptoms as written). */
  readonly symptoms: readonly Symptom[];
  readonly booking: BookingRules;
  readonly returns: ReturnRules;
  readonly messages: Readonly<Record<ServiceMessageKey, LocalizedText>>;
}
