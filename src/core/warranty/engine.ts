/**
 * The warranty engine: given a unit, the rules and a day, is it covered, until when, by what,
 * and why. Pure: the day comes in as an argument (an instant read in `timeZone`, or a date).
 *
 * Periods are counted in calendar months from the start date, clamped to the end of a shorter
 * month, and include their last day: bought 31 January with one month of cover means covered
 * through 28/29 February, not on 1 March.
 */
import { addMonths, daysBetween, todayIn, type CalendarDate } from './calendar-date';
import { maintenanceOf, partStatus, planDeadline, stackPlans, withPlanCosts } from './periods';
import type { Costs, WarrantyRules } from './rules';
import { fits } from './serial';
import type { Reason, Unit, WarrantyState, WarrantyStatus } from './types';

export interface StatusOptions {
  /** The moment asked about (read as a date in `timeZone`) or a calendar date. */
  readonly on: Date | CalendarDate;
  /** IANA zone that decides which day an instant falls on, e.g. "Asia/Tehran". */
  readonly timeZone: string;
  /** A part class (`battery`), a category id, or an exclusion/consumable (`liquid-damage`, `filter`). */
  readonly issue?: string;
  /** The serial asked about; echoed when `unit` is undefined. */
  readonly serial?: string;
}

const noCosts: Costs = { parts: false, labour: false, onSite: false };

export function warrantyStatus(
  unit: Unit | undefined,
  rules: WarrantyRules,
  options: StatusOptions,
): WarrantyStatus {
  const on = typeof options.on === 'string' ? options.on : todayIn(options.on, options.timeZone);
  const issue = options.issue ?? null;
  if (!unit) {
    const serial = options.serial ?? '';
    return blank(
      serial,
      on,
      issue,
      'unknown-serial',
      [{ code: 'unknown-serial', params: { serial } }],
      rules,
    );
  }
  const model = rules.models[unit.model];
  const category = model ? rules.categories[model.category] : undefined;
  if (!model || !category) {
    return {
      ...blank(
        unit.serial,
        on,
        issue,
        'needs-check',
        [{ code: 'unknown-model', params: { model: unit.model } }],
        rules,
      ),
      model: unit.model,
    };
  }

  const reasons: Reason[] = [];
  const checks: Reason[] = [];
  if (!fits(unit.serial, model)) {
    checks.push({
      code: 'serial-mismatch',
      params: { serial: unit.serial, model: model.name, example: model.serial.example },
    });
  }
  if (unit.purchaseDate > on)
    checks.push({ code: 'purchase-in-future', params: { purchaseDate: unit.purchaseDate } });

  let start = unit.purchaseDate;
  if (category.from === 'delivery') {
    if (unit.deliveryDate) start = unit.deliveryDate;
    else reasons.push({ code: 'no-delivery-date', params: { purchaseDate: unit.purchaseDate } });
  }
  reasons.push({
    code:
      category.from === 'delivery' && unit.deliveryDate
        ? 'manufacturer-from-delivery'
        : 'manufacturer-from-purchase',
    params: {
      category: category.id,
      months: category.months,
      start,
      until: addMonths(start, category.months),
    },
  });

  const stacked = stackPlans(unit, category, rules, on, start, reasons);
  const contractUntil = addMonths(start, stacked.months);
  let until = contractUntil;
  let coveredBy = stacked.lastPlan ?? category.id;
  const region = rules.regions[unit.region ?? rules.defaultRegion];
  const statutoryUntil = region?.statutoryMonths ? addMonths(start, region.statutoryMonths) : null;
  if (region && statutoryUntil && statutoryUntil > until) {
    until = statutoryUntil;
    coveredBy = `statutory-${region.id}`;
    reasons.push({
      code: 'statutory',
      params: { region: region.id, months: region.statutoryMonths ?? 0, until },
    });
  }

  const unitCovered = on <= until;
  const planRunning = on <= contractUntil;
  const parts = category.parts.map((period) =>
    partStatus(period, category, region, start, until, on),
  );
  let costs: Costs = unitCovered
    ? withPlanCosts(category.covers, planRunning ? stacked.plans : [])
    : noCosts;
  let state: WarrantyState = unitCovered ? 'covered' : 'expired';
  let answerUntil = until;
  let answerBy = coveredBy;

  const partAsked = issue ? parts.find((part) => part.part === issue) : undefined;
  const exclusion = issue
    ? rules.exclusions.find((item) => item.id === issue || item.issues.includes(issue))
    : undefined;
  if (partAsked) {
    const period = category.parts.find((item) => item.part === partAsked.part);
    answerUntil = partAsked.until;
    answerBy = partAsked.coveredBy;
    state = partAsked.covered ? 'covered' : 'expired';
    costs = partAsked.covered && period ? period.covers : noCosts;
    reasons.push({
      code: partAsked.covered ? 'part' : 'part-expired',
      params: { part: partAsked.part, months: period?.months ?? 0, until: partAsked.until },
    });
  } else if (issue && !exclusion && issue !== category.id && !rules.parts[issue]) {
    reasons.push({ code: 'unknown-issue', params: { issue } });
  }
  if (state === 'expired' && !partAsked) reasons.push({ code: 'expired', params: { until } });

  const found = [...unit.exclusions, ...(exclusion ? [exclusion.id] : [])];
  if (found.length > 0) {
    state = 'excluded';
    for (const id of new Set(found)) reasons.push({ code: 'excluded', params: { exclusion: id } });
  }
  if (checks.length > 0) {
    state = 'needs-check';
    reasons.unshift(...checks);
  }
  const covered = state === 'covered';
  return {
    serial: unit.serial,
    model: model.id,
    modelName: model.name,
    category: category.id,
    region: region?.id ?? null,
    on,
    startsOn: start,
    state,
    covered,
    until: answerUntil,
    daysLeft: covered ? daysBetween(on, answerUntil) : 0,
    coveredBy: answerBy,
    issue,
    parts,
    costs: covered ? costs : noCosts,
    maintenance:
      planRunning && covered
        ? maintenanceOf(stacked.plans)
        : { discountPercent: 0, freeVisitsPerYear: 0 },
    plans: stacked.plans.map((plan) => plan.id),
    planDeadline: planDeadline(unit, rules),
    proofOfPurchaseRequired: rules.terms.proofOfPurchaseRequired,
    transfersOnResale: rules.terms.transfersOnResale,
    reasons,
  };
}

function blank(
  serial: string,
  on: CalendarDate,
  issue: string | null,
  state: WarrantyState,
  reasons: Reason[],
  rules: WarrantyRules,
): WarrantyStatus {
  return {
    serial,
    model: null,
    modelName: null,
    category: null,
    region: null,
    on,
    startsOn: null,
    state,
    covered: false,
    until: null,
    daysLeft: 0,
    coveredBy: null,
    issue,
    parts: [],
    costs: noCosts,
    maintenance: { discountPercent: 0, freeVisitsPerYear: 0 },
    plans: [],
    planDeadline: null,
    proofOfPurchaseRequired: rules.terms.proofOfPurchaseRequired,
    transfersOnResale: rules.terms.transfersOnResale,
    reasons,
  };
}
