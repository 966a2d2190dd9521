/**
 * May this unit be returned or exchanged? Decided by the return rules as data
 * (knowledge/service/returns.yaml): the first rule for the kind and the condition decides, counted
 * in days from the purchase or the delivery date. A refusal says why.
 */
import { daysBetween, type CalendarDate } from '../warranty/calendar-date';
import type { PeriodStart } from '../warranty/rules';
import type { Unit } from '../warranty/types';
import type { ReturnKind, ReturnRule, ReturnRules } from './service-rules';

export type ReturnDecision =
  | { readonly accepted: true; readonly rule: ReturnRule; readonly days: number }
  | {
      readonly accepted: false;
      readonly reason: 'too-late';
      readonly limit: number;
      readonly days: number;
      readonly from: PeriodStart;
    }
  | { readonly accepted: false; readonly reason: 'condition'; readonly condition: string };

export function returnDecision(
  unit: Pick<Unit, 'purchaseDate' | 'deliveryDate'>,
  kind: ReturnKind,
  condition: string,
  rules: ReturnRules,
  today: CalendarDate,
): ReturnDecision {
  const fitting = rules.rules.filter(
    (rule) => rule.kinds.includes(kind) && rule.conditions.includes(condition),
  );
  if (fitting.length === 0) return { accepted: false, reason: 'condition', condition };
  let late: ReturnDecision | null = null;
  for (const rule of fitting) {
    const start =
      rule.from === 'delivery' ? (unit.deliveryDate ?? unit.purchaseDate) : unit.purchaseDate;
    const days = daysBetween(start, today);
    if (days <= rule.days) return { accepted: true, rule, days };
    late ??= { accepted: false, reason: 'too-late', limit: rule.days, days, from: rule.from };
  }
  return late as ReturnDecision;
}
