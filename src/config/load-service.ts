/**
 * Loads the service-case knowledge: knowledge/troubleshooting/*.yaml (one product category per
 * file) and knowledge/service/{booking,returns,messages}.yaml. Every problem in every file is
 * collected with its file:line:field before failing. Without a knowledge/service folder the bot
 * takes no fault reports, bookings or returns (null), as a knowledge tree without tickets has no
 * hand-off texts.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { serviceMessageKeys, type ServiceMessageKey } from '../core/cases/message-keys';
import type {
  BookingRules,
  ReturnRules,
  ServiceRules,
  SlotSchedule,
  Symptom,
} from '../core/cases/service-rules';
import type { LocalizedText } from '../core/knowledge/knowledge';
import type { WarrantyRules } from '../core/warranty/rules';
import { KnowledgeError, type Problem } from './located-error';
import { parseWithLines, type Located } from './parse-located';
import { checkRequiredMessages } from './required-messages';
import {
  bookingFileSchema,
  returnsFileSchema,
  serviceMessagesFileSchema,
  troubleshootingFileSchema,
} from './service-schema';

export interface ServiceDirs {
  readonly rootDir: string;
  readonly knowledgeDir: string;
  readonly locales: readonly string[];
}

export interface ServiceReferences {
  /** Categories and exclusions the files may name. */
  readonly warranty: Pick<WarrantyRules, 'categories' | 'exclusions'>;
  /** Ids of knowledge/branches.yaml. */
  readonly branchIds: readonly string[];
}

export interface LoadedService {
  readonly rules: ServiceRules | null;
  readonly warnings: readonly Problem[];
}

export function loadServiceRules(dirs: ServiceDirs, refs: ServiceReferences): LoadedService {
  const knowledgeDir = path.resolve(dirs.rootDir, dirs.knowledgeDir);
  const serviceDir = path.join(knowledgeDir, 'service');
  if (!existsSync(serviceDir)) return { rules: null, warnings: [] };
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const shown = (file: string): string => path.relative(dirs.rootDir, file) || file;
  const read = <S extends z.ZodTypeAny>(file: string, schema: S): Located<z.infer<S>> | null => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      problems.push({
        file: shown(file),
        line: null,
        field: '',
        message: `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); knowledge/service needs booking.yaml, returns.yaml and messages.yaml`,
      });
      return null;
    }
    try {
      return parseWithLines({ file: shown(file), text }, schema);
    } catch (error) {
      if (!(error instanceof KnowledgeError)) throw error;
      problems.push(...error.problems);
      return null;
    }
  };
  const missingLocales = (
    file: string,
    line: number,
    field: string,
    texts: Readonly<Record<string, unknown>>,
  ): void => {
    for (const locale of dirs.locales)
      if (texts[locale] === undefined)
        warnings.push({
          file,
          line,
          field: `${field}.${locale}`,
          message: `no "${locale}" text; customers writing ${locale} get the default locale's`,
        });
  };

  const symptoms = readSymptoms(knowledgeDir, read, shown, refs, problems, missingLocales);
  const booking = readBooking(path.join(serviceDir, 'booking.yaml'), read, shown, refs, problems);
  const returns = readReturns(
    path.join(serviceDir, 'returns.yaml'),
    read,
    shown,
    problems,
    missingLocales,
  );
  const messagesFile = path.join(serviceDir, 'messages.yaml');
  const messages = read(messagesFile, serviceMessagesFileSchema);
  if (messages)
    checkRequiredMessages(shown(messagesFile), messages, serviceMessageKeys, dirs.locales, {
      problems,
      warnings,
    });
  if (problems.length > 0) throw new KnowledgeError(problems);
  if (!booking || !returns || !messages) throw new Error('unreachable: problems were collected');
  return {
    rules: {
      symptoms,
      booking,
      returns,
      messages: messages.data as Record<ServiceMessageKey, LocalizedText>,
    },
    warnings,
  };
}

type Read = <S extends z.ZodTypeAny>(file: string, schema: S) => Located<z.infer<S>> | null;
type MissingLocales = (
  file: string,
  line: number,
  field: string,
  texts: Readonly<Record<string, unknown>>,
) => void;

function readSymptoms(
  knowledgeDir: string,
  read: Read,
  shown: (file: string) => string,
  refs: ServiceReferences,
  problems: Problem[],
  missingLocales: MissingLocales,
): Symptom[] {
  const dir = path.join(knowledgeDir, 'troubleshooting');
  if (!existsSync(dir)) return [];
  const symptoms: Symptom[] = [];
  const exclusions = new Set(refs.warranty.exclusions.map((exclusion) => exclusion.id));
  for (const name of readdirSync(dir)
    .filter((file) => /\.ya?ml$/.test(file) && !file.startsWith('.'))
    .sort()) {
    const file = path.join(dir, name);
    const located = read(file, troubleshootingFileSchema);
    if (!located) continue;
    const { category } = located.data;
    const where = shown(file);
    if (name.replace(/\.ya?ml$/, '') !== category)
      problems.push({
        file: where,
        line: located.lineOf(['category']),
        field: 'category',
        message: `category "${category}" differs from the file name; name the file ${category}.yaml`,
      });
    if (!refs.warranty.categories[category])
      problems.push({
        file: where,
        line: located.lineOf(['category']),
        field: 'category',
        message: `"${category}" is not a category of knowledge/warranty/products.yaml (${Object.keys(refs.warranty.categories).join(', ')})`,
      });
    const seen = new Set<string>();
    for (const [index, symptom] of located.data.symptoms.entries()) {
      const at = (field: string): number => located.lineOf(['symptoms', index, field]);
      if (seen.has(symptom.id))
        problems.push({
          file: where,
          line: at('id'),
          field: `symptoms[${index}].id`,
          message: `symptom "${symptom.id}" appears twice in this file; ids must be unique`,
        });
      seen.add(symptom.id);
      if (symptom.exclusion !== undefined && !exclusions.has(symptom.exclusion))
        problems.push({
          file: where,
          line: at('exclusion'),
          field: `symptoms[${index}].exclusion`,
          message: `"${symptom.exclusion}" is not an exclusion of knowledge/warranty/exclusions.yaml (${[...exclusions].join(', ')})`,
        });
      if (symptom.safety && Object.keys(symptom.steps).length === 0)
        problems.push({
          file: where,
          line: at('safety'),
          field: `symptoms[${index}].steps`,
          message: 'a safety symptom needs its safety advice in "steps", per locale',
        });
      missingLocales(where, at('phrases'), `symptoms[${index}].phrases`, symptom.phrases);
      if (Object.keys(symptom.steps).length > 0)
        missingLocales(where, at('steps'), `symptoms[${index}].steps`, symptom.steps);
      symptoms.push({
        id: symptom.id,
        category,
        phrases: symptom.phrases,
        steps: symptom.steps,
        technician: symptom.technician,
        safety: symptom.safety,
        exclusion: symptom.exclusion ?? null,
      });
    }
  }
  return symptoms;
}

function readBooking(
  file: string,
  read: Read,
  shown: (file: string) => string,
  refs: ServiceReferences,
  problems: Problem[],
): BookingRules | null {
  const located = read(file, bookingFileSchema);
  if (!located) return null;
  const data = located.data;
  const where = shown(file);
  const categories = Object.keys(refs.warranty.categories);
  const unknownCategory = (id: string, at: readonly (string | number)[], field: string): void => {
    if (!categories.includes(id))
      problems.push({
        file: where,
        line: located.lineOf(at),
        field,
        message: `"${id}" is not a category of knowledge/warranty/products.yaml (${categories.join(', ')})`,
      });
  };
  for (const id of Object.keys(data.fees)) unknownCategory(id, ['fees', id], `fees.${id}`);
  for (const category of categories)
    if (!data.fees[category])
      problems.push({
        file: where,
        line: located.lineOf(['fees']),
        field: `fees.${category}`,
        message: `no fees for "${category}"; customers must be told the cost before booking`,
      });
  data.onSite.forEach((id, index) => unknownCategory(id, ['onSite', index], `onSite[${index}]`));
  for (const id of Object.keys(data.branches))
    if (!refs.branchIds.includes(id))
      problems.push({
        file: where,
        line: located.lineOf(['branches', id]),
        field: `branches.${id}`,
        message: `"${id}" is not a branch of knowledge/branches.yaml (${refs.branchIds.join(', ')})`,
      });
  for (const [index, city] of data.cities.entries()) {
    city.branches.forEach((id, position) => {
      if (!refs.branchIds.includes(id))
        problems.push({
          file: where,
          line: located.lineOf(['cities', index, 'branches', position]),
          field: `cities[${index}].branches[${position}]`,
          message: `"${id}" is not a branch of knowledge/branches.yaml`,
        });
    });
    if (!city.branches.some((id) => data.branches[id]?.carryIn))
      problems.push({
        file: where,
        line: located.lineOf(['cities', index, 'branches']),
        field: `cities[${index}].branches`,
        message: `none of these branches has a carryIn schedule under "branches"; add one`,
      });
    if (data.onSite.length > 0 && !city.branches.some((id) => data.branches[id]?.onSite))
      problems.push({
        file: where,
        line: located.lineOf(['cities', index, 'branches']),
        field: `cities[${index}].branches`,
        message: `none of these branches has an onSite schedule under "branches"; add one`,
      });
  }
  const schedule = (
    value: z.infer<typeof bookingFileSchema>['branches'][string]['carryIn'],
  ): SlotSchedule | null => (value ? { ...value } : null);
  return {
    currency: data.currency,
    fees: Object.fromEntries(
      Object.entries(data.fees).map(([id, fee]) => [
        id,
        { diagnosis: fee.diagnosis, visit: fee.visit },
      ]),
    ),
    onSite: data.onSite,
    daysAhead: data.daysAhead,
    offer: data.offer,
    cities: data.cities,
    branches: Object.fromEntries(
      Object.entries(data.branches).map(([branch, value]) => [
        branch,
        { branch, carryIn: schedule(value.carryIn), onSite: schedule(value.onSite) },
      ]),
    ),
  };
}

function readReturns(
  file: string,
  read: Read,
  shown: (file: string) => string,
  problems: Problem[],
  missingLocales: MissingLocales,
): ReturnRules | null {
  const located = read(file, returnsFileSchema);
  if (!located) return null;
  const data = located.data;
  const where = shown(file);
  const conditions = data.conditions.map((condition) => condition.id);
  for (const [index, rule] of data.rules.entries())
    rule.conditions.forEach((id, position) => {
      if (!conditions.includes(id))
        problems.push({
          file: where,
          line: located.lineOf(['rules', index, 'conditions', position]),
          field: `rules[${index}].conditions[${position}]`,
          message: `"${id}" is not one of the conditions (${conditions.join(', ')})`,
        });
    });
  for (const id of Object.keys(data.refusals))
    if (!conditions.includes(id))
      problems.push({
        file: where,
        line: located.lineOf(['refusals', id]),
        field: `refusals.${id}`,
        message: `"${id}" is not one of the conditions (${conditions.join(', ')})`,
      });
  for (const [index, condition] of data.conditions.entries()) {
    missingLocales(
      where,
      located.lineOf(['conditions', index, 'label']),
      `conditions[${index}].label`,
      condition.label,
    );
    // A condition no rule accepts for some kind needs a reason to give the customer.
    const takenByAll = (['return', 'exchange'] as const).every((kind) =>
      data.rules.some(
        (rule) => rule.kinds.includes(kind) && rule.conditions.includes(condition.id),
      ),
    );
    if (!takenByAll && !data.refusals[condition.id])
      problems.push({
        file: where,
        line: located.lineOf(['conditions', index, 'id']),
        field: `refusals.${condition.id}`,
        message: `no rule accepts "${condition.id}" for every kind: add refusals.${condition.id} with the reason customers are told`,
      });
  }
  for (const kind of ['return', 'exchange'] as const) {
    missingLocales(
      where,
      located.lineOf(['requests', kind]),
      `requests.${kind}`,
      data.requests[kind],
    );
    missingLocales(
      where,
      located.lineOf(['nextSteps', kind]),
      `nextSteps.${kind}`,
      data.nextSteps[kind],
    );
  }
  return data;
}
