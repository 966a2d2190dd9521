/**
 * What a customer reads about a unit: status and dates only, in their language and calendar.
 * It is built from the engine's status alone, which holds no personal data, so a serial number
 * never reveals who owns the unit. When the unit is not covered: why, and what to do next.
 */
import type { Branch } from '../knowledge/knowledge';
import type { Locale } from '../message';
import { costKinds } from './rules';
import { formatList, renderMessage, renderReason } from './render';
import { localized, type WarrantyRules } from './rules';
import { displaySerial } from './serial';
import type { WarrantyStatus } from './types';

export interface CustomerTextOptions {
  readonly rules: WarrantyRules;
  readonly locale: Locale;
  /** The branch directory (knowledge/branches.yaml), for the phone number to call. */
  readonly branches: readonly Branch[];
}

export function formatCustomerStatus(status: WarrantyStatus, options: CustomerTextOptions): string {
  const { rules, locale } = options;
  const model = status.model ? rules.models[status.model] : undefined;
  const serial = displaySerial(status.serial, model);
  const say = (
    key: Parameters<typeof renderMessage>[1],
    params: Record<string, string | number> = {},
  ): string => renderMessage(rules, key, locale, params);
  const unit = { model: status.modelName ?? '', serial };
  const part =
    status.issue && status.parts.some((item) => item.part === status.issue) ? status.issue : null;

  switch (status.state) {
    case 'unknown-serial':
      return say('unknown-serial', { serial: status.serial });
    case 'needs-check':
      return paragraphs(
        say('needs-check', { serial }),
        options.branches.length > 0 ? `${say('options')}\n- ${branchOption(options)}` : '',
      );
    case 'excluded': {
      const excluded = status.reasons
        .filter((reason) => reason.code === 'excluded')
        .map((reason) => `- ${renderReason(rules, reason, locale)}`);
      return paragraphs(
        `${say('excluded', unit)}\n${excluded.join('\n')}`,
        nextSteps(status, options),
      );
    }
    case 'expired': {
      const until = status.until ?? '';
      const head = part
        ? say('not-covered-part', { ...unit, part, until })
        : say('not-covered', { ...unit, until });
      // The unit's cover ended, but a part's own longer period (motor, compressor) may not have.
      const stillCovered = part ? [] : status.parts.filter((item) => item.covered);
      return paragraphs(
        head,
        partLines(status, options, stillCovered).join('\n'),
        nextSteps(status, options),
      );
    }
    case 'covered':
      return coveredText(status, options, unit, part);
  }
}

function coveredText(
  status: WarrantyStatus,
  options: CustomerTextOptions,
  unit: { model: string; serial: string },
  part: string | null,
): string {
  const { rules, locale } = options;
  const say = (
    key: Parameters<typeof renderMessage>[1],
    params: Record<string, string | number> = {},
  ): string => renderMessage(rules, key, locale, params);
  const until = status.until ?? '';
  const head = part
    ? say('covered-part', { ...unit, part, until, daysLeft: status.daysLeft })
    : status.daysLeft === 0
      ? say('covered-last-day', { ...unit, until })
      : say('covered', { ...unit, until, daysLeft: status.daysLeft });
  // Why this date: the plan or the legal minimum that set it, and the parts with their own period.
  const why = status.reasons
    .filter(
      (reason) =>
        !part &&
        ((reason.code === 'plan' && reason.params.plan === status.coveredBy) ||
          reason.code === 'statutory'),
    )
    .map((reason) => renderReason(rules, reason, locale));
  const parts = part ? [] : partLines(status, options, status.parts);
  const costs = costKinds.filter((kind) => status.costs[kind]).map((kind) => say(`cost-${kind}`));
  const extras = [
    costs.length > 0 ? say('costs', { costs: formatList(costs, locale) }) : '',
    status.maintenance.discountPercent > 0
      ? say('maintenance-discount', { percent: status.maintenance.discountPercent })
      : '',
    status.maintenance.freeVisitsPerYear > 0
      ? say('maintenance-free', { visits: status.maintenance.freeVisitsPerYear })
      : '',
  ].filter((line) => line !== '');
  const terms = [
    status.proofOfPurchaseRequired
      ? say('proof', {
          documents: localized(rules.terms.proofDocuments, locale, rules.defaultLocale),
        })
      : '',
    status.transfersOnResale ? say('transfer') : '',
  ].filter((line) => line !== '');
  return paragraphs([head, ...why].join(' '), parts.join('\n'), extras.join(' '), terms.join(' '));
}

/** One line per part with its own period: covered until (with the months), or ended on, a date. */
function partLines(
  status: WarrantyStatus,
  options: CustomerTextOptions,
  parts: WarrantyStatus['parts'],
): string[] {
  const { rules, locale } = options;
  return parts.map((item) => {
    const months =
      rules.categories[status.category ?? '']?.parts.find((period) => period.part === item.part)
        ?.months ?? 0;
    return `- ${renderReason(rules, item.covered ? { code: 'part', params: { part: item.part, months, until: item.until } } : { code: 'part-expired', params: { part: item.part, until: item.until } }, locale)}`;
  });
}

/** Paid repair, a service plan (one the unit can still get, else maintenance and plans for new units), the branch to call. */
function nextSteps(status: WarrantyStatus, options: CustomerTextOptions): string {
  const { rules, locale } = options;
  const plans = Object.values(rules.plans).filter(
    (plan) =>
      !status.plans.includes(plan.id) &&
      (!plan.categories || plan.categories.includes(status.category ?? '')),
  );
  const name = (id: string): string =>
    localized(rules.plans[id]?.name ?? {}, locale, rules.defaultLocale);
  let planOption: string;
  if (plans.length > 0 && status.planDeadline && status.on <= status.planDeadline) {
    const offered = plans
      .map(
        (plan) =>
          `**${name(plan.id)}**: ${localized(plan.description, locale, rules.defaultLocale)}`,
      )
      .join(' ');
    planOption = renderMessage(rules, 'option-plan-available', locale, {
      deadline: status.planDeadline,
      plans: offered,
    });
  } else {
    const window = Math.max(0, ...Object.values(rules.plans).map((plan) => plan.buyWithinMonths));
    planOption = renderMessage(rules, 'option-plan-maintenance', locale, {
      plans: formatList(Object.keys(rules.plans).map(name), locale),
      months: window,
    });
  }
  const lines = [renderMessage(rules, 'option-paid-repair', locale), planOption];
  if (options.branches.length > 0) lines.push(branchOption(options));
  return `${renderMessage(rules, 'options', locale)}\n${lines.map((line) => `- ${line}`).join('\n')}`;
}

/** The repair centre, else the first branch that takes repairs, else the first branch. */
function repairBranch(branches: readonly Branch[]): Branch | undefined {
  return (
    branches.find((branch) => branch.kind === 'repair-centre') ??
    branches.find((branch) => branch.services.includes('repair')) ??
    branches[0]
  );
}

function branchOption(options: CustomerTextOptions): string {
  const branch = repairBranch(options.branches);
  if (!branch) return '';
  const pick = (text: Readonly<Record<string, string>>): string =>
    localized(text, options.locale, options.rules.defaultLocale);
  // A branch without opening hours leaves "()" behind; drop it.
  return renderMessage(options.rules, 'option-branch', options.locale, {
    branch: pick(branch.name),
    phone: branch.phone,
    hours: pick(branch.hours),
  }).replace(/\s*\(\s*\)/u, '');
}

function paragraphs(...blocks: string[]): string {
  return blocks.filter((block) => block.trim() !== '').join('\n\n');
}
