/** A service case as staff see it in Slack or Teams (English), with buttons for the next statuses. */
import type { Choice, Reply } from '../message';
import { languageLabel } from '../handoff/ticket-card';
import { findStatus, nextStatuses, type CaseStatusModel } from './statuses';
import type { ServiceCase } from './types';

/** Button ids on a case post: `case-status:<case number>:<status>`. */
export const caseStatusActionId = (caseId: string, status: string): string =>
  `case-status:${caseId}:${status}`;

export function parseCaseStatusAction(
  choiceId: string,
): { readonly caseId: string; readonly status: string } | null {
  const match = /^case-status:((?:R|RMA)-\d{4}-\d{4,}):([a-z0-9-]+)$/.exec(choiceId);
  return match ? { caseId: match[1]!, status: match[2]! } : null;
}

const kindLabels: Readonly<Record<ServiceCase['kind'], string>> = {
  repair: 'Repair',
  return: 'Return',
  exchange: 'Exchange',
};

const label = (model: CaseStatusModel, status: string): string =>
  findStatus(model, status)?.label ?? status;

/** The summary lines of a case, Markdown, for the staff channel and `aftercare cases show`. */
export function caseSummaryLines(serviceCase: ServiceCase, model: CaseStatusModel): string[] {
  const lines = [
    `**${kindLabels[serviceCase.kind]} ${serviceCase.id}** · ${label(model, serviceCase.status)}`,
  ];
  const unit = [serviceCase.category, serviceCase.serial ?? serviceCase.orderNumber]
    .filter((part) => part !== null)
    .join(' · ');
  const facts = [
    unit ? `**Unit:** ${unit}` : null,
    serviceCase.symptom ? `**Symptom:** ${serviceCase.symptom}` : null,
    `**Language:** ${languageLabel(serviceCase.locale)}`,
    serviceCase.customer ? `**Channel:** ${serviceCase.customer.channel}` : null,
    serviceCase.appointment
      ? `**Appointment:** ${serviceCase.appointment.mode} at ${serviceCase.appointment.branch}, ${serviceCase.appointment.start.toISOString().replace('T', ' ').slice(0, 16)} UTC`
      : null,
    serviceCase.externalRef ? `**Service system:** ${serviceCase.externalRef}` : null,
  ].filter((line): line is string => line !== null);
  lines.push(facts.join('\n'));
  if (serviceCase.description)
    lines.push(`**Customer's words:** ${serviceCase.description.replace(/\s*\n+\s*/g, ' ')}`);
  return lines;
}

/** The case post: summary and one button per next status of its kind. */
export function caseCardReply(serviceCase: ServiceCase, model: CaseStatusModel): Reply {
  const choices: Choice[] = nextStatuses(model, serviceCase.kind, serviceCase.status).map(
    (next) => ({ id: caseStatusActionId(serviceCase.id, next.id), label: next.label }),
  );
  const lines = caseSummaryLines(serviceCase, model);
  if (choices.length > 0)
    lines.push('Press a button to move the case on; the customer is told in their language.');
  return {
    kind: 'answer',
    text: lines.join('\n\n'),
    locale: 'en',
    choices,
    intent: null,
    faq: null,
    confidence: 1,
  };
}
