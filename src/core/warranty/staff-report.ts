/**
 * The staff view of a unit: the full record (owner, plans, dates, history) and its status, as
 * channel-independent Markdown. `aftercare warranty SERIAL` prints it; Slack's `/warranty SERIAL`
 * shows the same text. Staff only: it contains the customer's personal data.
 */
import type { Locale } from '../message';
import { renderReason } from './render';
import { costKinds, localized, type WarrantyRules } from './rules';
import { displaySerial } from './serial';
import type { WarrantyService } from './service';
import type { UnitRecord, WarrantyStatus } from './types';

export interface StaffReportOptions {
  readonly rules: WarrantyRules;
  /** The language of the explanations; defaults to the rules' default locale. */
  readonly locale?: Locale;
}

const costLabels: Readonly<Record<(typeof costKinds)[number], string>> = {
  parts: 'parts',
  labour: 'labour',
  onSite: 'on-site visits',
};

export function formatStaffReport(
  status: WarrantyStatus,
  record: UnitRecord | undefined,
  options: StaffReportOptions,
): string {
  const { rules } = options;
  const locale = options.locale ?? rules.defaultLocale;
  if (!record) return `**Warranty ${status.serial}**: no unit with this serial is on record.`;
  const { unit, customer, history } = record;
  const model = rules.models[unit.model];
  const name = (text: Readonly<Record<string, string>> | undefined, fallback: string): string =>
    text ? localized(text, locale, rules.defaultLocale) : fallback;
  const region = unit.region ?? rules.defaultRegion;

  const verdict = status.covered
    ? `**covered** until ${status.until} (${status.daysLeft} days left), by ${status.coveredBy}`
    : `**${status.state}**${status.until ? `, cover ${status.state === 'expired' ? 'ended' : 'until'} ${status.until}` : ''}`;
  const head = [
    `**Warranty ${displaySerial(unit.serial, model)}**: ${model?.name ?? unit.model}, ${status.category ? name(rules.categories[status.category]?.name, status.category) : 'unknown category'}`,
    `Status on ${status.on}${status.issue ? ` for "${status.issue}"` : ''}: ${verdict}`,
  ].join('\n');

  const plans =
    unit.plans.length === 0
      ? 'none'
      : unit.plans
          .map((plan) => `${plan.plan} (bought ${plan.boughtOn ?? 'with the unit'})`)
          .join(', ');
  const unitLines = [
    `- Model: ${model?.name ?? '?'} (${unit.model})`,
    `- Purchased: ${unit.purchaseDate}; delivered: ${unit.deliveryDate ?? 'not recorded'}; order: ${unit.orderNumber ?? 'not recorded'}`,
    `- Region: ${name(rules.regions[region]?.name, region)} (${region})`,
    `- Plans: ${plans}`,
    `- Exclusions on record: ${unit.exclusions.length === 0 ? 'none' : unit.exclusions.join(', ')}`,
  ];

  const channelIds = customer
    ? Object.entries(customer.channelIds).map(([channel, id]) => `- ${channel}: ${id}`)
    : [];
  const customerLines = customer
    ? [
        `- Name: ${customer.name ?? '-'}`,
        `- Phone: ${customer.phone ?? '-'}`,
        `- Email: ${customer.email ?? '-'}`,
        ...channelIds,
      ]
    : ['- No customer on record'];

  const costs = costKinds.filter((kind) => status.costs[kind]).map((kind) => costLabels[kind]);
  const coverageLines = [
    `- Costs paid now: ${costs.length === 0 ? 'none' : costs.join(', ')}`,
    ...status.parts.map(
      (part) =>
        `- ${part.part}: ${part.covered ? `covered until ${part.until}` : `cover ended ${part.until}`} (${part.coveredBy})`,
    ),
    `- Maintenance: ${status.maintenance.discountPercent}% off, ${status.maintenance.freeVisitsPerYear} free visit(s) a year`,
    `- Plans can be bought until: ${status.planDeadline ?? '-'}`,
    `- Proof of purchase required: ${status.proofOfPurchaseRequired ? 'yes' : 'no'}; transfers on resale: ${status.transfersOnResale ? 'yes' : 'no'}`,
  ];

  const why = status.reasons.map((reason) => `- ${renderReason(rules, reason, locale)}`);
  const historyLines =
    history.length === 0
      ? ['- none']
      : history.map(
          (entry) =>
            `- ${entry.at.toISOString().slice(0, 16).replace('T', ' ')} ${entry.event}: ${entry.detail}`,
        );

  return [
    head,
    `**Unit**\n${unitLines.join('\n')}`,
    `**Customer**\n${customerLines.join('\n')}`,
    `**Coverage**\n${coverageLines.join('\n')}`,
    `**Why**\n${why.join('\n')}`,
    `**History**\n${historyLines.join('\n')}`,
  ].join('\n\n');
}

/**
 * The staff lookup as one function of a serial, e.g. the Slack adapter's `staffWarranty` option:
 * the record and today's status, formatted.
 */
export function createStaffWarrantyLookup(
  service: WarrantyService,
  options: StaffReportOptions,
): (serial: string) => Promise<string> {
  return async (serial) =>
    formatStaffReport(await service.status(serial), await service.record(serial), options);
}
