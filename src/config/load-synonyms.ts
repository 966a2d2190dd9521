/**
 * Loads knowledge/synonyms/<locale>.yaml: per language, a word and the words customers use for it
 * ("guarantee" for "warranty"). The matcher and `aftercare check`'s collision warnings read every
 * variant as its word. Errors name the file, the line and the field like the rest of the knowledge.
 * A missing folder means no synonyms.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { normalizeText } from '../core/language/normalize';
import type { Synonyms } from '../core/matching/synonyms';
import { fieldPath, type Problem } from './located-error';
import { parseWithLines } from './parse-located';

export const synonymsFileSchema = z
  .object({
    locale: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'a locale is a two- or three-letter code such as "fa"'),
    synonyms: z.record(
      z.string().min(1, 'a word cannot be empty'),
      z
        .array(z.string().min(1, 'a variant cannot be empty'))
        .min(1, 'list at least one variant, e.g. [guarantee]'),
    ),
  })
  .strict();

export interface SynonymsFiles {
  readonly synonyms: Synonyms;
  readonly problems: readonly Problem[];
  readonly warnings: readonly Problem[];
}

/**
 * Reads every file in `dir`. `shown` turns a path into the name used in messages; `collect` runs a
 * parse and records its KnowledgeError problems (returning null), as loadKnowledge does for all files.
 */
export function loadSynonyms(
  dir: string,
  locales: readonly string[],
  shown: (file: string) => string,
  collect: <T>(file: string, read: () => T) => T | null,
): SynonymsFiles {
  const synonyms: Record<string, Record<string, readonly string[]>> = {};
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  if (!existsSync(dir)) return { synonyms, problems, warnings };
  const names = readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name) && !name.startsWith('.'))
    .sort();
  for (const name of names) {
    const file = path.join(dir, name);
    const located = collect(file, () =>
      parseWithLines({ file: shown(file), text: readFileSync(file, 'utf8') }, synonymsFileSchema),
    );
    if (!located) continue;
    const { locale } = located.data;
    const problem = (field: (string | number)[], message: string): Problem => ({
      file: shown(file),
      line: located.lineOf(field),
      field: fieldPath(field),
      message,
    });
    if (name.replace(/\.ya?ml$/, '') !== locale) {
      problems.push(
        problem(
          ['locale'],
          `locale "${locale}" differs from the file name; name the file ${locale}.yaml`,
        ),
      );
      continue;
    }
    if (synonyms[locale] !== undefined) {
      problems.push(problem(['locale'], `a second synonyms file for "${locale}"; keep one`));
      continue;
    }
    if (!locales.includes(locale))
      warnings.push(
        problem(
          ['locale'],
          `"${locale}" is not a configured locale (${locales.join(', ')}); these synonyms are unused`,
        ),
      );
    const before = problems.length;
    checkGroups(located.data.synonyms, locale, problem, problems);
    if (problems.length === before) synonyms[locale] = located.data.synonyms;
  }
  return { synonyms, problems, warnings };
}

/** A variant under two words, a variant that is itself a word or part of its word, or one with no letters is ambiguous. */
function checkGroups(
  groups: Readonly<Record<string, readonly string[]>>,
  locale: string,
  problem: (field: (string | number)[], message: string) => Problem,
  problems: Problem[],
): void {
  const words = new Map<string, string>();
  for (const word of Object.keys(groups)) {
    const normal = normalizeText(word, locale);
    if (normal === '')
      problems.push(problem(['synonyms', word], `"${word}" has no letters or digits to match`));
    else words.set(normal, word);
  }
  const variantOf = new Map<string, string>();
  for (const [word, variants] of Object.entries(groups)) {
    variants.forEach((variant, index) => {
      const at = ['synonyms', word, index];
      const normal = normalizeText(variant, locale);
      const otherWord = words.get(normal);
      const earlier = variantOf.get(normal);
      if (normal === '')
        problems.push(problem(at, `"${variant}" has no letters or digits to match`));
      else if (otherWord === word)
        problems.push(problem(at, `"${variant}" is the word itself; remove it`));
      else if (` ${normalizeText(word, locale)} `.includes(` ${normal} `))
        problems.push(
          problem(
            at,
            `"${variant}" is part of "${word}" itself, which would then be read twice; remove it`,
          ),
        );
      else if (otherWord !== undefined)
        problems.push(
          problem(
            at,
            `"${variant}" is also a word of its own ("${otherWord}"); list its variants under one word`,
          ),
        );
      else if (earlier !== undefined && earlier !== word)
        problems.push(
          problem(
            at,
            `"${variant}" is already a variant of "${earlier}"; a variant can mean only one word`,
          ),
        );
      else variantOf.set(normal, word);
    });
  }
}
