/**
 * `npx aftercare test` as CI runs it, a process of its own: a failing conversation makes it exit 1
 * after printing the summary, once the storage (and the SQLite file's checkpoint worker) closed.
 * In process the test runner keeps the event loop alive; only a child process shows an early exit.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../helpers/paths';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

jest.setTimeout(120_000);
afterAll(removeTempDirs);

test('a failing conversation exits 1 with the summary, a passing one exits 0', () => {
  const dir = makeTempDir('aftercare-exit-code-');
  const run = () =>
    spawnSync(process.execPath, [path.join(repoRoot, 'bin/aftercare.js'), 'test', '--dir', dir], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      encoding: 'utf8',
    });
  writeFileSync(
    path.join(dir, 'hours.yaml'),
    `conversations:
  - name: hours
    turns:
      - user: 'What are your opening hours?'
        expect: { faq: repair-cost }
`,
  );
  const failing = run();
  expect(failing.stdout + failing.stderr).toContain('1 conversation(s), 1 turn(s), 1 failed');
  expect(failing.status).toBe(1);

  writeFileSync(
    path.join(dir, 'hours.yaml'),
    `conversations:
  - name: hours
    turns:
      - user: 'What are your opening hours?'
        expect: { faq: opening-hours }
`,
  );
  const passing = run();
  expect(passing.stdout + passing.stderr).toContain('1 conversation(s), 1 turn(s), 0 failed');
  expect(passing.status).toBe(0);
});
