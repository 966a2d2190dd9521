/**
 * Loads knowledge/answer-rejected.yaml: per locale, the phrases that say an answer missed the
 * question. Optional (no file: no phrases); file:line errors like the rest of the knowledge.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseLocated } from './parse-located';

export const rejectionPhrasesSchema = z
  .object({
    phrases: z.record(
      z.string().regex(/^[a-z]{2,3}$/, 'a locale is a two- or three-letter code such as "fa"'),
      z.array(z.string().trim().min(3)).min(1),
    ),
  })
  .strict();

export type RejectionPhrases = Readonly<Record<string, readonly string[]>>;

export const REJECTION_PHRASES_FILE = 'answer-rejected.yaml';

export function loadRejectionPhrases(dirs: {
  readonly rootDir: string;
  readonly knowledgeDir: string;
}): RejectionPhrases {
  const file = path.resolve(dirs.rootDir, dirs.knowledgeDir, REJECTION_PHRASES_FILE);
  if (!existsSync(file)) return {};
  const shown = path.relative(dirs.rootDir, file) || file;
  return parseLocated({ file: shown, text: readFileSync(file, 'utf8') }, rejectionPhrasesSchema)
    .phrases;
}
