/**
 * The status model of service cases: which statuses there are, for which kinds, which may follow
 * which (the staff buttons), which close the case, and what the customer is told in each locale.
 * Data, not code: loaded from knowledge/case-statuses.yaml and checked by `aftercare check`.
 */
import type { Locale } from '../message';
import type { CaseKind } from './types';

export interface CaseStatusDefinition {
  /** e.g. `received`, `diagnosing`, `waiting-for-parts`, `repairing`, `ready-for-pickup`, `closed`. */
  readonly id: string;
  /** Staff-facing name (Slack, CLI). */
  readonly label: string;
  /** Kinds that use this status. */
  readonly kinds: readonly CaseKind[];
  /** The status a new case of these kinds starts in (one per kind). */
  readonly initial: boolean;
  /** A final status closes the case (closedAt); closing a repair starts its follow-up. */
  readonly final: boolean;
  /** The statuses offered next (staff buttons); any status of the kind may still be set. */
  readonly next: readonly string[];
  /**
   * What the customer is told, per locale (every configured locale; `sr` in Cyrillic with an
   * `sr-Latn` variant allowed). `{case}` stands for the case number, `{date}` for the appointment
   * in the customer's calendar.
   */
  readonly texts: Readonly<Record<Locale, string>>;
}

export interface CaseStatusModel {
  readonly statuses: readonly CaseStatusDefinition[];
}

export function findStatus(model: CaseStatusModel, id: string): CaseStatusDefinition | undefined {
  return model.statuses.find((status) => status.id === id);
}

export function statusesFor(model: CaseStatusModel, kind: CaseKind): CaseStatusDefinition[] {
  return model.statuses.filter((status) => status.kinds.includes(kind));
}

export function initialStatus(model: CaseStatusModel, kind: CaseKind): CaseStatusDefinition {
  const initial = statusesFor(model, kind).find((status) => status.initial);
  if (initial === undefined) throw new Error(`no initial case status for kind ${kind}`);
  return initial;
}

/** The next statuses for the staff buttons, those of the case's kind only. */
export function nextStatuses(
  model: CaseStatusModel,
  kind: CaseKind,
  current: string,
): CaseStatusDefinition[] {
  const definition = findStatus(model, current);
  if (definition === undefined) return [];
  return definition.next
    .map((id) => findStatus(model, id))
    .filter(
      (next): next is CaseStatusDefinition => next !== undefined && next.kinds.includes(kind),
    );
}

/** The texts around a status, from the `messages` of knowledge/case-statuses.yaml. */
export const caseMessageKeys = ['case-updated', 'case-appointment', 'case-not-found'] as const;

export type CaseMessageKey = (typeof caseMessageKeys)[number];

/** The status model and its texts, as loaded (src/config/load-case-statuses.ts). */
export interface CaseStatusRules extends CaseStatusModel {
  readonly messages: Readonly<Record<CaseMessageKey, Readonly<Record<Locale, string>>>>;
}
