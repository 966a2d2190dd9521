/**
 * `aftercare export`, `erase`, `report` and `audit` as an operator runs them: the real command
 * (bin/aftercare.js, a child process) on a database with Sara's and Bob's history; usage errors
 * and the rest in-process through the same dispatcher (runCli), which is quicker.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { runCli } from '../../src/cli/main';
import { openDatabase } from '../../src/storage/sqlite/open-database';
import { repoRoot } from '../helpers/paths';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import { SARA, seedHistory, startPrivacyWorld, tablesHolding } from '../privacy/support/world';

jest.setTimeout(300_000);
afterAll(removeTempDirs);

let dbPath: string;
beforeAll(async () => {
  const world = await startPrivacyWorld();
  await seedHistory(world);
  dbPath = world.dbPath;
  await world.close();
});

async function inProcess(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    rootDir: repoRoot,
    env: { AFTERCARE_DB: dbPath, USER: 'dpo' },
  });
  return { code, stdout, stderr };
}

async function aftercare(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [path.join(repoRoot, 'bin', 'aftercare.js'), ...args],
      { cwd: repoRoot, env: { ...process.env, AFTERCARE_DB: dbPath, USER: 'dpo' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

test('usage errors name the problem and exit 2', async () => {
  const none = await inProcess('export');
  expect(none.code).toBe(2);
  expect(none.stderr).toContain('give exactly one of --customer ID | --phone P');
  const bad = await inProcess('erase', '--channel-id', 'telegram');
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--channel-id is CHANNEL:ID, e.g. telegram:4201');
  expect((await inProcess('report', '--format', 'pdf')).code).toBe(2);
  expect((await inProcess('report', '--since', 'yesterday')).stderr).toMatch(/YYYY-MM-DD/);
  expect((await inProcess('audit', '--since', 'May')).code).toBe(2);
});

test('report, export, erase without and with --yes, report again, audit', async () => {
  const report = await aftercare(
    'report',
    '--since',
    '2026-03-01',
    '--until',
    '2026-03-03',
    '--format',
    'json',
  );
  expect(report.code).toBe(0);
  const before = JSON.parse(report.stdout) as { totals: Record<string, number> };
  expect(before.totals).toMatchObject({ conversations: 2, handedOff: 1, tickets: 1 });
  const markdown = await inProcess('report', '--since', '2026-03-01', '--until', '2026-03-03');
  expect(markdown.stdout).toContain('# Aftercare report 2026-03-01 to 2026-03-03');
  expect(markdown.stdout).toMatch(/\| conversations \| 2 \|/);

  const out = path.join(makeTempDir('aftercare-export-'), 'sara.json');
  const exported = await aftercare('export', '--phone', '+98-912-555-0199', '--out', out);
  expect(exported).toMatchObject({ code: 0, stdout: '' });
  const file = JSON.parse(readFileSync(out, 'utf8')) as { customers: { name: string }[] };
  expect(file.customers[0]!.name).toBe(SARA.name);

  const dryRun = await aftercare('erase', '--customer', '1');
  expect(dryRun.code).toBe(1);
  expect(dryRun.stdout).toMatch(/^Would erase customers: 1, units: 1, conversations: 1/);
  expect(dryRun.stderr).toContain('run again with --yes');

  const erased = await aftercare('erase', '--customer', '1', '--yes', '--as', 'privacy-officer');
  expect(erased.code).toBe(0);
  expect(erased.stdout).toMatch(/^Erased: .*customers 1/);
  const db = openDatabase(dbPath);
  try {
    expect(tablesHolding(db, [SARA.name, SARA.email, SARA.telegram, ...SARA.words])).toEqual([]);
  } finally {
    db.close();
  }
  expect((await inProcess('export', '--customer', '1')).code).toBe(1);
  const after = JSON.parse(
    (
      await aftercare(
        'report',
        '--since',
        '2026-03-01',
        '--until',
        '2026-03-03',
        '--format',
        'json',
      )
    ).stdout,
  ) as { totals: Record<string, number> };
  expect(after.totals).toEqual(before.totals);

  const audit = await aftercare('audit');
  expect(audit.code).toBe(0);
  const lines = audit.stdout.trim().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(
    / export +cli:dpo +customer:1 +\(customers 1, units 1, conversations 1, messages \d+, tickets 1, ratings 1, cases 1\)$/,
  );
  expect(lines[1]).toMatch(/ erase +cli:privacy-officer +customer:1 +\(.*customers 1/);
  expect(audit.stdout).not.toContain('912');
  const json = JSON.parse(
    (await aftercare('audit', '--since', '2099-01-01', '--json')).stdout,
  ) as unknown[];
  expect(json).toEqual([]);
});
