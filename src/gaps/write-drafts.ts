/**
 * `aftercare gaps --write DIR`: one draft per cluster in the knowledge format, for an admin to
 * review in a pull request. A cluster close to an existing entry becomes new questions in a copy
 * of that entry's file; any other one a new entry skeleton. Nothing in knowledge/ is touched.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { addFaqQuestions } from '../config/add-faq-questions';
import type { GapCluster } from './cluster';

export interface DraftOptions {
  /** knowledge/faq of the project, where the nearest entries' files are. */
  readonly faqDir: string;
  readonly outDir: string;
  /** A cluster at least this close to an entry gets variants of it instead of a new entry. */
  readonly variantScore: number;
}

export function writeDrafts(clusters: readonly GapCluster[], options: DraftOptions): string[] {
  const faqOut = path.join(options.outDir, 'faq');
  mkdirSync(faqOut, { recursive: true });
  const drafts = new Map<string, string>();
  clusters.forEach((cluster, index) => {
    const nearest = cluster.nearest;
    const entryFile =
      nearest && nearest.id.startsWith('faq:') && nearest.score >= options.variantScore
        ? fileOfEntry(options.faqDir, nearest.id.slice(4))
        : null;
    const name = entryFile ? path.basename(entryFile) : '';
    const source = entryFile ? (drafts.get(name) ?? readFileSync(entryFile, 'utf8')) : '';
    // Questions in a language the entry has no answer for would not pass the check.
    if (entryFile && new RegExp(`^## ${cluster.locale}\\s*$`, 'm').test(source)) {
      drafts.set(name, addFaqQuestions(source, cluster.locale, cluster.examples).text);
    } else {
      const id = `gap-${cluster.locale.toLowerCase()}-${index + 1}`;
      drafts.set(`${id}.md`, skeleton(id, cluster));
    }
  });
  for (const [name, text] of drafts) writeFileSync(path.join(faqOut, name), text);
  return [...drafts.keys()].map((name) => path.join(faqOut, name));
}

function skeleton(id: string, cluster: GapCluster): string {
  const questions = cluster.examples.map((example) => `    - ${JSON.stringify(example)}`);
  return [
    '---',
    `# Draft from \`aftercare gaps\`: ${cluster.count} unanswered question(s), ${cluster.firstSeen.slice(0, 10)} to ${cluster.lastSeen.slice(0, 10)}.`,
    `# Nearest existing: ${cluster.nearest ? `${cluster.nearest.id} (${cluster.nearest.score})` : 'none'}. Rename the id and file, write the answer.`,
    `id: ${id}`,
    'questions:',
    `  ${cluster.locale}:`,
    ...questions,
    '---',
    '',
    `## ${cluster.locale}`,
    'TODO: write the answer to these questions.',
    '',
  ].join('\n');
}

/** The file of the FAQ entry `id`: `<id>.md`, or the file whose front matter says so. */
export function fileOfEntry(faqDir: string, id: string): string | null {
  const direct = path.join(faqDir, `${id}.md`);
  if (existsSync(direct)) return direct;
  for (const name of readdirSync(faqDir)) {
    const file = path.join(faqDir, name);
    if (
      name.endsWith('.md') &&
      new RegExp(`^id:\\s*${id}\\s*$`, 'm').test(readFileSync(file, 'utf8'))
    )
      return file;
  }
  return null;
}
