/** knowledge/case-statuses.yaml: the shipped file loads; mistakes are named with file:line:field. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCaseStatuses } from '../../src/config/load-case-statuses';
import { KnowledgeError } from '../../src/config/located-error';
import { initialStatus, nextStatuses } from '../../src/core/cases/statuses';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

const root = path.resolve(__dirname, '../..');
const locales = ['en', 'fa', 'vi', 'el', 'sr', 'ta'];
afterAll(removeTempDirs);

const withFile = (text: string) => {
  const dir = makeTempDir('aftercare-statuses-');
  mkdirSync(path.join(dir, 'knowledge'));
  writeFileSync(path.join(dir, 'knowledge', 'case-statuses.yaml'), text);
  return () => loadCaseStatuses({ rootDir: dir, knowledgeDir: 'knowledge', locales });
};

const problemsOf = (load: () => unknown): string[] => {
  try {
    load();
  } catch (error) {
    if (error instanceof KnowledgeError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a KnowledgeError');
};

test('the shipped statuses load with a text in all six languages', () => {
  const rules = loadCaseStatuses({ rootDir: root, knowledgeDir: 'knowledge', locales })!;
  expect(initialStatus(rules, 'repair').id).toBe('received');
  expect(initialStatus(rules, 'return').id).toBe('received');
  expect(nextStatuses(rules, 'repair', 'received').map((status) => status.id)).toEqual([
    'diagnosing',
    'cancelled',
  ]);
  expect(nextStatuses(rules, 'return', 'received').map((status) => status.id)).toEqual([
    'approved',
    'rejected',
    'cancelled',
  ]);
  for (const status of rules.statuses)
    for (const locale of locales) expect(status.texts[locale]).toBeTruthy();
  expect(rules.statuses.filter((status) => status.final).map((status) => status.id)).toEqual([
    'closed',
    'refunded',
    'exchanged',
    'rejected',
    'cancelled',
  ]);
});

test('without the file the bot keeps no cases', () => {
  const dir = makeTempDir('aftercare-statuses-');
  expect(loadCaseStatuses({ rootDir: dir, knowledgeDir: 'knowledge', locales })).toBeNull();
});

test('an unknown next status, a missing locale and a missing message are named with their lines', () => {
  const shipped = readFileSync(path.join(root, 'knowledge', 'case-statuses.yaml'), 'utf8');
  const broken = shipped
    .replace('next: [ready-for-pickup, closed]', 'next: [ready-for-pickup, done]')
    .replace(/\n {6}ta: "பழுதுபார்ப்பு \{case\}: உங்கள் சாதனம் இப்போது பழுதுபார்க்கப்படுகிறது."/, '')
    .replace(/ {2}case-not-found:[\s\S]*$/, '');
  const problems = problemsOf(withFile(broken));
  const lineOf = (needle: string) =>
    broken.split('\n').findIndex((line) => line.includes(needle)) + 1;
  expect(problems).toEqual(
    expect.arrayContaining([
      `knowledge/case-statuses.yaml:${lineOf('next: [ready-for-pickup, done]')}: statuses[3].next[1]: "done" is not a status of this file (received, diagnosing, waiting-for-parts, repairing, ready-for-pickup, closed, approved, refunded, exchanged, rejected, cancelled)`,
      expect.stringMatching(/statuses\[3\]\.texts\.ta: no "ta" text/),
      expect.stringMatching(/messages\.case-not-found: required message is missing/),
    ]),
  );
});

test('two initial statuses for one kind are refused', () => {
  const shipped = readFileSync(path.join(root, 'knowledge', 'case-statuses.yaml'), 'utf8');
  const broken = shipped.replace(
    'kinds: [repair]\n    next: [waiting',
    'kinds: [repair]\n    initial: true\n    next: [waiting',
  );
  expect(problemsOf(withFile(broken))).toEqual([
    expect.stringMatching(/statuses: more than one initial status for repair cases/),
  ]);
});
