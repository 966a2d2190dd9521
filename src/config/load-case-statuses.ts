/**
 * Loads knowledge/case-statuses.yaml: the statuses of service cases with their customer-facing
 * texts (src/core/cases/statuses.ts). Every problem is collected with its file:line:field before
 * failing; every configured locale needs a text, since the customer is told of each change in
 * their language. Without the file the bot keeps no cases (null).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { caseKinds } from '../core/cases/types';
import { caseMessageKeys, type CaseStatusRules } from '../core/cases/statuses';
import { idSchema } from './knowledge-schema';
import { KnowledgeError, type Problem } from './located-error';
import { parseWithLines } from './parse-located';

const text = z.string().trim().min(1, 'must not be empty');
const localizedText = z.record(
  z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{4})?$/, 'a locale key is a code such as "en" or "fa"'),
  text,
);

export const caseStatusesFileSchema = z
  .object({
    statuses: z
      .array(
        z
          .object({
            id: idSchema,
            label: text,
            kinds: z.array(z.enum(caseKinds as [string, ...string[]])).min(1),
            initial: z.boolean().default(false),
            final: z.boolean().default(false),
            next: z.array(idSchema).default([]),
            texts: localizedText,
          })
          .strict(),
      )
      .min(1, 'give at least one status'),
    messages: z.record(idSchema, localizedText),
  })
  .strict();

export const caseStatusesFile = 'case-statuses.yaml';

export interface CaseStatusDirs {
  readonly rootDir: string;
  readonly knowledgeDir: string;
  readonly locales: readonly string[];
}

export function loadCaseStatuses(dirs: CaseStatusDirs): CaseStatusRules | null {
  const file = path.join(path.resolve(dirs.rootDir, dirs.knowledgeDir), caseStatusesFile);
  if (!existsSync(file)) return null;
  const shown = path.relative(dirs.rootDir, file) || file;
  const located = parseWithLines(
    { file: shown, text: readFileSync(file, 'utf8') },
    caseStatusesFileSchema,
  );
  const { statuses, messages } = located.data;
  const problems: Problem[] = [];
  const problem = (pathParts: (string | number)[], field: string, message: string): void => {
    problems.push({ file: shown, line: located.lineOf(pathParts), field, message });
  };
  const ids = new Set<string>();
  for (const [index, status] of statuses.entries()) {
    if (ids.has(status.id))
      problem(
        ['statuses', index, 'id'],
        `statuses[${index}].id`,
        `status "${status.id}" appears twice; ids must be unique`,
      );
    ids.add(status.id);
  }
  for (const [index, status] of statuses.entries()) {
    for (const [n, next] of status.next.entries())
      if (!ids.has(next))
        problem(
          ['statuses', index, 'next', n],
          `statuses[${index}].next[${n}]`,
          `"${next}" is not a status of this file (${[...ids].join(', ')})`,
        );
    for (const locale of dirs.locales)
      if (status.texts[locale] === undefined)
        problem(
          ['statuses', index, 'texts'],
          `statuses[${index}].texts.${locale}`,
          `no "${locale}" text; customers writing ${locale} are told of this status in their language`,
        );
  }
  for (const kind of caseKinds) {
    const initial = statuses.filter((status) => status.initial && status.kinds.includes(kind));
    if (initial.length !== 1)
      problem(
        ['statuses'],
        'statuses',
        `${initial.length === 0 ? 'no' : 'more than one'} initial status for ${kind} cases; mark exactly one with "initial: true"`,
      );
  }
  for (const key of caseMessageKeys) {
    const texts = messages[key];
    if (texts === undefined) {
      problem(
        ['messages'],
        `messages.${key}`,
        'required message is missing; add it with a text per locale',
      );
      continue;
    }
    for (const locale of dirs.locales)
      if (texts[locale] === undefined)
        problem(['messages', key], `messages.${key}.${locale}`, `no "${locale}" text`);
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  return {
    statuses: statuses.map((status) => ({
      ...status,
      kinds: status.kinds as CaseStatusRules['statuses'][number]['kinds'],
    })),
    messages: messages as CaseStatusRules['messages'],
  };
}
