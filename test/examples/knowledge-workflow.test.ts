/**
 * Issue 15, point 4: the CI workflow shipped for a knowledge repository runs on pull requests,
 * and the aftercare commands it runs pass on the shipped knowledge and fail on a broken edit.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { runAftercare } from '../helpers/run-cli';
import { repoRoot } from '../helpers/paths';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { steps: { run?: string }[] }>;
}

const workflow = parse(
  readFileSync(path.join(repoRoot, 'examples/github-actions-knowledge.yml'), 'utf8'),
) as Workflow;
/** The `npx aftercare …` steps, as argument lists. */
const aftercareSteps = Object.values(workflow.jobs)
  .flatMap((job) => job.steps)
  .flatMap((step) => (step.run?.startsWith('npx aftercare ') ? [step.run] : []))
  .map((run) => run.split(/\s+/).slice(2));

test('runs aftercare check --strict and aftercare test on every pull request', () => {
  expect(Object.keys(workflow.on)).toContain('pull_request');
  expect(aftercareSteps).toEqual([['check', '--strict'], ['test']]);
});

test('its steps pass on the shipped knowledge and fail when an edit breaks an answer', async () => {
  const rootDir = makeTempDir('aftercare-workflow-');
  for (const part of ['bot.config.json', 'knowledge', 'intents', 'conversations'])
    cpSync(path.join(repoRoot, part), path.join(rootDir, part), { recursive: true });
  for (const args of aftercareSteps) {
    const result = await runAftercare(args, { rootDir });
    expect({ args, code: result.code, stderr: result.stderr }).toEqual({
      args,
      code: 0,
      stderr: '',
    });
  }
  // The English answer of warranty-period rewritten: still valid knowledge, but not the answer
  // the conversations rely on.
  const period = path.join(rootDir, 'knowledge/faq/warranty-period.md');
  writeFileSync(
    period,
    readFileSync(period, 'utf8').replace(
      /## en\n[\s\S]*?\n## fa/,
      '## en\nAsk at the counter.\n\n## fa',
    ),
  );
  const codes = [];
  for (const args of aftercareSteps) codes.push((await runAftercare(args, { rootDir })).code);
  expect(codes).toEqual([0, 1]);
}, 120_000);
