/**
 * `aftercare test`: the shipped conversations pass against the shipped knowledge, and an admin's
 * edit that breaks an answer a conversation relies on fails naming the conversation file and line.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runAftercare } from '../helpers/run-cli';
import { repoRoot } from '../helpers/paths';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

/** A copy of the project's knowledge, intents, config and conversations to edit freely. */
function projectCopy(): string {
  const rootDir = makeTempDir('aftercare-conversations-');
  for (const part of ['bot.config.json', 'knowledge', 'intents', 'conversations'])
    cpSync(path.join(repoRoot, part), path.join(rootDir, part), { recursive: true });
  return rootDir;
}

/** The 1-based line of the first line of `file` containing `text`. */
function lineOf(file: string, text: string): number {
  return (
    readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(text)) + 1
  );
}

test('the shipped conversations pass in all six languages', async () => {
  const result = await runAftercare(['test']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  for (const locale of ['en', 'fa', 'vi', 'el', 'sr', 'ta'])
    expect(result.stdout).toContain(`ok   conversations/${locale}.yaml: did you mean (${locale})`);
  expect(result.stdout).toMatch(/\b0 failed\n$/);
}, 60_000);

test('a deleted FAQ entry and a changed answer fail, naming file and line', async () => {
  const rootDir = projectCopy();
  rmSync(path.join(rootDir, 'knowledge/faq/leave-review.md'));
  const periodFile = path.join(rootDir, 'knowledge/faq/warranty-period.md');
  writeFileSync(
    periodFile,
    readFileSync(periodFile, 'utf8').replace(
      /## en\n[\s\S]*?\n## fa/,
      '## en\nAsk at the counter.\n\n## fa',
    ),
  );
  const result = await runAftercare(['test', 'conversations/en.yaml'], { rootDir });
  expect(result.code).toBe(1);
  const en = path.join(rootDir, 'conversations/en.yaml');
  const reviewLine = lineOf(en, '- name: leave-review (en)') + 2;
  const periodLine = lineOf(en, '- name: warranty-period (en)') + 2;
  expect(result.stderr).toContain(
    `FAIL conversations/en.yaml:${reviewLine}: "leave-review (en)", turn 1\n  faq: expected leave-review, got (none)`,
  );
  expect(result.stderr).toContain(
    `FAIL conversations/en.yaml:${periodLine}: "warranty-period (en)", turn 1\n  text must contain`,
  );
  expect(result.stderr).toContain('| Ask at the counter.');
  expect(result.stdout).toMatch(/\b[1-9]\d* failed\n$/);
}, 60_000);

test('a malformed conversation file and a missing file are explained, not thrown', async () => {
  const rootDir = projectCopy();
  writeFileSync(
    path.join(rootDir, 'conversations/bad.yaml'),
    'conversations:\n  - name: typo\n    turns:\n      - usr: hello\n',
  );
  const bad = await runAftercare(['test', 'conversations/bad.yaml'], { rootDir });
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('conversations/bad.yaml:4');
  expect(bad.stderr).toContain('usr');
  const missing = await runAftercare(['test', 'nowhere.yaml'], { rootDir });
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('no such file');
});
