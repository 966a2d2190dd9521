/**
 * Loads the sentiment word lists in knowledge/sentiment/<locale>.yaml (see its README), with
 * file:line errors like the rest of the knowledge. A missing folder means no lists: English
 * still has natural's analyser.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { WordList } from '../core/sentiment/sentiment';
import { KnowledgeError, type Problem } from './located-error';
import { parseLocated } from './parse-located';

export const wordListSchema = z
  .object({
    locale: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'a locale is a two- or three-letter code such as "fa"'),
    foldDiacritics: z.boolean().default(true),
    negationsBefore: z.array(z.string().min(1)).default([]),
    negationsAfter: z.array(z.string().min(1)).default([]),
    terms: z.record(z.string().min(1), z.number().min(-5).max(5)),
  })
  .strict();

export interface SentimentDirs {
  readonly rootDir: string;
  readonly knowledgeDir: string;
}

export function loadSentimentWordLists(dirs: SentimentDirs): WordList[] {
  const dir = path.resolve(dirs.rootDir, dirs.knowledgeDir, 'sentiment');
  if (!existsSync(dir)) return [];
  const problems: Problem[] = [];
  const lists: WordList[] = [];
  for (const name of readdirSync(dir)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()) {
    const file = path.join(dir, name);
    const shown = path.relative(dirs.rootDir, file) || file;
    try {
      const list = parseLocated({ file: shown, text: readFileSync(file, 'utf8') }, wordListSchema);
      if (name.replace(/\.ya?ml$/, '') !== list.locale) {
        problems.push({
          file: shown,
          line: 1,
          field: 'locale',
          message: `locale "${list.locale}" differs from the file name; name the file ${list.locale}.yaml`,
        });
        continue;
      }
      lists.push(list);
    } catch (error) {
      if (!(error instanceof KnowledgeError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new KnowledgeError(problems);
  return lists;
}
