/**
 * A knowledge tree in a temp folder: the small valid fixture (test/fixtures/knowledge-ok) plus
 * the files a test adds or replaces, so each case breaks exactly one thing.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadKnowledge, type LoadedKnowledge } from '../../src/config/load-knowledge';
import { KnowledgeError, type Problem } from '../../src/config/located-error';
import { fixture, repoRoot } from './paths';
import { makeTempDir } from './temp-dir';

/** The locales the fixture is written in. */
export const fixtureLocales = ['en', 'fa'] as const;

export interface TreeOptions {
  /** The fixture to start from: `knowledge-ok` (default) or `knowledge-broken`. */
  readonly base?: 'knowledge-ok' | 'knowledge-broken';
  /** Also copy the project's bot.config.json, so the folder can be an app's root. */
  readonly withConfig?: boolean;
}

/** Copies a fixture to a temp folder, then writes `files` (path relative to the root -> content). */
export function knowledgeTree(
  files: Readonly<Record<string, string>> = {},
  options: TreeOptions = {},
): string {
  const rootDir = makeTempDir('aftercare-knowledge-');
  cpSync(fixture(options.base ?? 'knowledge-ok'), rootDir, { recursive: true });
  if (options.withConfig)
    cpSync(path.join(repoRoot, 'bot.config.json'), path.join(rootDir, 'bot.config.json'));
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(rootDir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return rootDir;
}

export function loadTree(
  rootDir: string,
  locales: readonly string[] = fixtureLocales,
): LoadedKnowledge {
  return loadKnowledge({ rootDir, knowledgeDir: 'knowledge', intentsDir: 'intents', locales });
}

/** The problems loading `rootDir` reports; fails the test when it loads cleanly. */
export function problemsOf(
  rootDir: string,
  locales: readonly string[] = fixtureLocales,
): readonly Problem[] {
  try {
    loadTree(rootDir, locales);
  } catch (error) {
    if (error instanceof KnowledgeError) return error.problems;
    throw error;
  }
  throw new Error(`expected ${rootDir} to fail to load, but it loaded`);
}

/** The shipped project's content (config, knowledge, intents) in a temp folder, for a test to edit as an admin would. */
export function shippedProjectCopy(prefix = 'aftercare-project-'): string {
  const dir = makeTempDir(prefix);
  for (const item of ['bot.config.json', 'knowledge', 'intents'])
    cpSync(path.join(repoRoot, item), path.join(dir, item), { recursive: true });
  return dir;
}
