/**
 * How a period grows beyond the category's months: plans stacked in order (each only if bought in
 * time), part classes with a period of their own, and what the plans add to costs and maintenance.
 */
import { addMonths, type CalendarDate } from './calendar-date';
import type { CategoryRule, Costs, PlanRule, RegionRule, WarrantyRules } from './rules';
import type { PartStatus, Reason, Unit, WarrantyStatus } from './types';

/** Plans add their months in the unit's order, each only if it was bought in time. */
export function stackPlans(
  unit: Unit,
  category: CategoryRule,
  rules: WarrantyRules,
  on: CalendarDate,
  start: CalendarDate,
  reasons: Reason[],
): { months: number; lastPlan: string | null; plans: PlanRule[] } {
  let months = category.months;
  let lastPlan: string | null = null;
  const plans: PlanRule[] = [];
  for (const owned of unit.plans) {
    const plan = rules.plans[owned.plan];
    if (!plan) {
      reasons.push({ code: 'unknown-plan', params: { plan: owned.plan } });
      continue;
    }
    const boughtOn = owned.boughtOn ?? unit.purchaseDate;
    const deadline = addMonths(unit.purchaseDate, plan.buyWithinMonths);
    if (plan.categories && !plan.categories.includes(category.id)) {
      reasons.push({
        code: 'plan-not-for-category',
        params: { plan: plan.id, category: category.id },
      });
    } else if (boughtOn > deadline) {
      reasons.push({ code: 'plan-late', params: { plan: plan.id, boughtOn, deadline } });
    } else if (boughtOn > on) {
      reasons.push({ code: 'plan-not-started', params: { plan: plan.id, boughtOn } });
    } else {
      months += plan.addsMonths;
      lastPlan = plan.id;
      plans.push(plan);
      reasons.push({
        code: 'plan',
        params: { plan: plan.id, months: plan.addsMonths, until: addMonths(start, months) },
      });
    }
  }
  return { months, lastPlan, plans };
}

/**
 * A part with a shorter period than its category (a battery) keeps it, whatever the plans; the
 * statutory minimum lifts it when the region says so. A part with a longer one (a motor) is
 * covered at least as long as the unit.
 */
export function partStatus(
  period: CategoryRule['parts'][number],
  category: CategoryRule,
  region: RegionRule | undefined,
  start: CalendarDate,
  unitUntil: CalendarDate,
  on: CalendarDate,
): PartStatus {
  const own = addMonths(start, period.months);
  let until = own;
  let coveredBy = `${category.id}/${period.part}`;
  if (period.months >= category.months && unitUntil > own) {
    until = unitUntil;
    coveredBy = category.id;
  } else if (
    region?.includesParts &&
    region.statutoryMonths &&
    region.statutoryMonths > period.months
  ) {
    until = addMonths(start, region.statutoryMonths);
    coveredBy = `statutory-${region.id}`;
  }
  return { part: period.part, covered: on <= until, until, coveredBy };
}

export function withPlanCosts(base: Costs, plans: readonly PlanRule[]): Costs {
  const extra = new Set(plans.flatMap((plan) => plan.alsoCovers));
  return {
    parts: base.parts || extra.has('parts'),
    labour: base.labour || extra.has('labour'),
    onSite: base.onSite || extra.has('onSite'),
  };
}

export function maintenanceOf(plans: readonly PlanRule[]): WarrantyStatus['maintenance'] {
  return {
    discountPercent: Math.max(0, ...plans.map((plan) => plan.maintenance.discountPercent)),
    freeVisitsPerYear: Math.max(0, ...plans.map((plan) => plan.maintenance.freeVisitsPerYear)),
  };
}

export function planDeadline(unit: Unit, rules: WarrantyRules): CalendarDate | null {
  const windows = Object.values(rules.plans).map((plan) => plan.buyWithinMonths);
  return windows.length === 0 ? null : addMonths(unit.purchaseDate, Math.max(...windows));
}
