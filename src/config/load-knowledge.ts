/**
 * Loads and validates everything under intents/ and knowledge/. Every problem in every file is
 * collected before failing, so an admin fixes them in one pass.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type {
  Branch,
  FaqEntry,
  Intent,
  Knowledge,
  MessageCatalog,
} from '../core/knowledge/knowledge';
import { requiredMessageKeys } from '../core/knowledge/message-keys';
import { branchesFileSchema, intentSchema, messagesFileSchema } from './knowledge-schema';
import { KnowledgeError, type Problem } from './located-error';
import { parseFaq } from './load-faq';
import { parseLocated, parseWithLines } from './parse-located';
import { loadSynonyms } from './load-synonyms';
import { checkRequiredMessages } from './required-messages';

export interface KnowledgeDirs {
  /** Project root; file names in messages are relative to it. */
  readonly rootDir: string;
  readonly knowledgeDir: string;
  readonly intentsDir: string;
  readonly locales: readonly string[];
}

export interface LoadedKnowledge {
  readonly knowledge: Knowledge;
  /** Not fatal: a configured locale missing somewhere, an answer in an unconfigured locale. */
  readonly warnings: readonly Problem[];
}

export function loadKnowledge(dirs: KnowledgeDirs): LoadedKnowledge {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const shown = (file: string): string => path.relative(dirs.rootDir, file) || file;
  const collect = <T>(file: string, read: () => T): T | null => {
    try {
      return read();
    } catch (error) {
      if (error instanceof KnowledgeError) problems.push(...error.problems);
      else
        problems.push({
          file: shown(file),
          line: null,
          field: '',
          message: `cannot read: ${(error as Error).message}`,
        });
      return null;
    }
  };
  const knowledgeDir = path.resolve(dirs.rootDir, dirs.knowledgeDir);
  const intentsDir = path.resolve(dirs.rootDir, dirs.intentsDir);

  // Where each file's id is, for problems about the id (not always line 1 or 2: keys may be in any order).
  const idLines = new Map<string, number>();
  const faqs: FaqEntry[] = [];
  for (const file of listFiles(path.join(knowledgeDir, 'faq'), ['.md'])) {
    const loaded = collect(file, () =>
      parseFaq(shown(file), readFileSync(file, 'utf8'), dirs.locales),
    );
    if (!loaded) continue;
    warnings.push(...loaded.warnings);
    idLines.set(shown(file), loaded.idLine);
    expectIdMatchesFile(loaded.entry.id, file, shown(file), loaded.idLine, problems);
    faqs.push(loaded.entry);
  }

  const intents: Intent[] = [];
  for (const file of listFiles(intentsDir, ['.yaml', '.yml'])) {
    const located = collect(file, () =>
      parseWithLines({ file: shown(file), text: readFileSync(file, 'utf8') }, intentSchema),
    );
    if (!located) continue;
    const intent = located.data;
    idLines.set(shown(file), located.lineOf(['id']));
    expectIdMatchesFile(intent.id, file, shown(file), located.lineOf(['id']), problems);
    checkIntentLocales(intent, shown(file), located.lineOf, dirs.locales, problems, warnings);
    intents.push({ ...intent, source: shown(file) });
  }

  const branchesFile = path.join(knowledgeDir, 'branches.yaml');
  let branches: Branch[] = [];
  if (existsSync(branchesFile)) {
    const parsed = collect(branchesFile, () =>
      parseLocated(
        { file: shown(branchesFile), text: readFileSync(branchesFile, 'utf8') },
        branchesFileSchema,
      ),
    );
    branches = parsed?.branches ?? [];
  }

  const messagesFile = path.join(knowledgeDir, 'messages.yaml');
  let messages: MessageCatalog = {};
  const locatedMessages = collect(messagesFile, () =>
    parseWithLines(
      { file: shown(messagesFile), text: readFileSync(messagesFile, 'utf8') },
      messagesFileSchema,
    ),
  );
  if (locatedMessages) {
    const parsedMessages = locatedMessages.data;
    messages = parsedMessages;
    checkRequiredMessages(shown(messagesFile), locatedMessages, requiredMessageKeys, dirs.locales, {
      problems,
      warnings,
    });
  }

  const synonyms = loadSynonyms(path.join(knowledgeDir, 'synonyms'), dirs.locales, shown, collect);
  problems.push(...synonyms.problems);
  warnings.push(...synonyms.warnings);

  checkReferences(faqs, intents, idLines, problems);
  if (problems.length > 0) throw new KnowledgeError(problems);
  return {
    knowledge: { faqs, intents, branches, messages, synonyms: synonyms.synonyms },
    warnings,
  };
}

function listFiles(dir: string, extensions: readonly string[]): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter(
      (name) => extensions.some((extension) => name.endsWith(extension)) && !name.startsWith('.'),
    )
    .sort()
    .map((name) => path.join(dir, name));
}

function expectIdMatchesFile(
  id: string,
  file: string,
  shownFile: string,
  idLine: number,
  problems: Problem[],
): void {
  const base = path.basename(file).replace(/\.(md|ya?ml)$/, '');
  if (base !== id) {
    problems.push({
      file: shownFile,
      line: idLine,
      field: 'id',
      message: `id "${id}" differs from the file name "${base}"; rename one so they match`,
    });
  }
}

function checkIntentLocales(
  intent: {
    id: string;
    action: string;
    utterances: Record<string, readonly string[]>;
    responses: Record<string, string>;
  },
  file: string,
  lineOf: (path: readonly (string | number)[]) => number,
  locales: readonly string[],
  problems: Problem[],
  warnings: Problem[],
): void {
  const needsResponse =
    intent.action === 'reply' || intent.action === 'handoff' || intent.action === 'complaint';
  for (const locale of Object.keys(intent.utterances)) {
    if (needsResponse && intent.responses[locale] === undefined) {
      problems.push({
        file,
        line: lineOf(['responses']),
        field: `responses.${locale}`,
        message: `action "${intent.action}" needs a "${locale}" response; add responses: ${locale}: ...`,
      });
    }
  }
  for (const locale of locales) {
    if (intent.utterances[locale] === undefined) {
      warnings.push({
        file,
        line: lineOf(['utterances']),
        field: `utterances.${locale}`,
        message: `no "${locale}" utterances; customers writing ${locale} will not reach this intent`,
      });
    }
  }
}

function checkReferences(
  faqs: readonly FaqEntry[],
  intents: readonly Intent[],
  idLines: ReadonlyMap<string, number>,
  problems: Problem[],
): void {
  const seen = new Map<string, string>();
  for (const item of [...faqs, ...intents]) {
    const earlier = seen.get(item.id);
    if (earlier)
      problems.push({
        file: item.source,
        line: idLines.get(item.source) ?? null,
        field: 'id',
        message: `id "${item.id}" is already used by ${earlier}; ids must be unique across FAQ entries and intents`,
      });
    seen.set(item.id, item.source);
  }
  for (const faq of faqs) {
    for (const followUp of faq.followUps) {
      if (!seen.has(followUp))
        problems.push({
          file: faq.source,
          line: faq.followUpsLine ?? null,
          field: 'followUps',
          message: `"${followUp}" is neither an FAQ entry nor an intent; fix the id or remove it`,
        });
    }
  }
}
