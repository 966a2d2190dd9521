/**
 * `aftercare import cases` and `aftercare cases` through the real dispatcher, on a SQLite file in a
 * temp folder: the shipped examples/cases.csv imports, a second import changes nothing, bad rows are
 * listed with their lines and the good ones imported in the same run, `cases --json` lists them,
 * `cases show` and `cases update` work, and a status change queues the customer's notice.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../src/storage/sqlite/open-database';
import { createSqliteOutboxStore } from '../../src/storage/sqlite/outbox-store';
import { runAftercare } from '../helpers/run-cli';
import { repoRoot } from '../helpers/paths';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

const setup = () => {
  const dir = makeTempDir('aftercare-cases-cli-');
  const env = { AFTERCARE_DB: path.join(dir, 'cases.db') };
  return { dir, env, run: (...argv: string[]) => runAftercare(argv, { env }) };
};
const example = path.join(repoRoot, 'examples', 'cases.csv');

test('examples/cases.csv imports; the second import changes nothing; cases --json lists them', async () => {
  const { run } = setup();
  const first = await run('import', 'cases', example);
  expect(first).toMatchObject({ code: 0, stderr: '' });
  expect(first.stdout).toContain('13 row(s) read, 13 good, 0 bad');
  expect(first.stdout).toContain('changed: 13 (added 13, updated 0), unchanged 0');
  const listedBefore = await run('cases', '--json');
  const second = await run('import', 'cases', example);
  expect(second.stdout).toContain('changed: 0 (added 0, updated 0), unchanged 13');
  const listed = await run('cases', '--json');
  expect(listed.stdout).toBe(listedBefore.stdout);
  const cases = JSON.parse(listed.stdout) as { id: string; status: string; kind: string }[];
  expect(cases).toHaveLength(13);
  expect(new Set(cases.map((item) => item.status))).toEqual(
    new Set([
      'received',
      'diagnosing',
      'waiting-for-parts',
      'repairing',
      'ready-for-pickup',
      'closed',
      'cancelled',
      'approved',
      'refunded',
      'exchanged',
      'rejected',
    ]),
  );
  const received = JSON.parse((await run('cases', '--status', 'received', '--json')).stdout) as {
    id: string;
  }[];
  expect(received.map((item) => item.id)).toEqual(['R-2612-0108', 'R-2611-0101', 'RMA-2611-0201']);
});

test('bad rows are listed with their lines; the good rows of the file are imported', async () => {
  const { dir, run } = setup();
  const file = path.join(dir, 'mixed.csv');
  writeFileSync(
    file,
    [
      'id,kind,status,opened_at,locale,channel,conversation_id',
      'R-2611-0001,repair,diagnosing,2026-11-20T08:00:00Z,fa,telegram,42',
      'RMA-2611-0002,repair,received,2026-11-20,en,,',
      'R-2611-0003,repair,refunded,2026-11-20,en,,',
      'R-2611-0004,repair,received,yesterday,xx,telegram,',
      'R-2611-0001,repair,received,2026-11-21,en,,',
      'RMA-2611-0005,exchange,approved,2026-11-22 09:30,el,,',
    ].join('\n'),
  );
  const result = await run('import', 'cases', file);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain('6 row(s) read, 2 good, 4 bad');
  const lines = result.stderr.split('\n');
  expect(lines).toEqual(
    expect.arrayContaining([
      'error: mixed.csv:3: id: a repair case number starts with R-',
      expect.stringMatching(
        /^error: mixed\.csv:4: status: "refunded" is not a status of repair cases/,
      ),
      expect.stringMatching(
        /^error: mixed\.csv:5: opened_at: a date is YYYY-MM-DD.*; locale: one of the configured locales en, fa, vi, el, sr, ta$/,
      ),
      'error: mixed.csv:6: id: R-2611-0001 already appears on line 2; keep one row per case',
    ]),
  );
  const listed = JSON.parse((await run('cases', '--json')).stdout) as { id: string }[];
  expect(listed.map((item) => item.id).sort()).toEqual(['R-2611-0001', 'RMA-2611-0005']);
});

test('a file that is not a table changes nothing', async () => {
  const { dir, run } = setup();
  const file = path.join(dir, 'broken.json');
  writeFileSync(file, '{"id": "R-2611-0001"}');
  const result = await run('import', 'cases', file);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('broken.json:1: a JSON cases file is an array of objects');
  expect(result.stderr).toContain('Nothing was imported.');
  expect((await run('cases')).stdout).toBe('No cases.\n');
});

test('cases show and cases update: the change is recorded and the notice queued for the bot', async () => {
  const { env, run } = setup();
  await run('import', 'cases', example);
  const shown = await run('cases', 'show', 'r-2611-0101');
  expect(shown.stdout).toContain('Repair R-2611-0101 · Received');
  expect(shown.stdout).toContain('import:cases.csv');
  const updated = await run(
    'cases',
    'update',
    'R-2611-0101',
    '--status',
    'diagnosing',
    '--note',
    'on the bench',
    '--as',
    'maryam',
  );
  expect(updated).toMatchObject({ code: 0 });
  expect(updated.stdout).toContain('R-2611-0101: received → diagnosing; the customer is told.');
  const after = JSON.parse((await run('cases', 'show', 'R-2611-0101', '--json')).stdout) as {
    status: string;
    history: { status: string; by: string; note: string | null }[];
  };
  expect(after.status).toBe('diagnosing');
  expect(after.history.at(-1)).toMatchObject({
    status: 'diagnosing',
    by: 'cli:maryam',
    note: 'on the bench',
  });
  const db = openDatabase(env.AFTERCARE_DB);
  const jobs = await createSqliteOutboxStore(db).due('cases', new Date(Date.now() + 60_000), 10);
  db.close();
  expect(jobs.map((job) => job.job)).toEqual([
    {
      kind: 'customer',
      caseId: 'R-2611-0101',
      replies: [
        expect.objectContaining({ locale: 'fa', text: expect.stringContaining('عیب‌یابی') }),
      ],
    },
  ]);
  const wrong = await run('cases', 'update', 'R-2611-0101', '--status', 'refunded');
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toContain('"refunded" is not a status of R-2611-0101; use one of received');
  expect((await run('cases', 'update', 'R-2699-0001', '--status', 'closed')).stderr).toContain(
    'No case R-2699-0001.',
  );
  expect((await run('cases', 'update', 'R-2611-0101')).code).toBe(2);
});

test('an imported status change is queued for the customer; a dry run and --quiet queue nothing', async () => {
  const { dir, env, run } = setup();
  await run('import', 'cases', example);
  const source = readFileSync(example, 'utf8');
  const moved = path.join(dir, 'moved.csv');
  // R-2611-0101 (Telegram, Persian) and R-2611-0104 (no conversation) move on.
  writeFileSync(
    moved,
    source
      .replace('R-2611-0101,repair,received,', 'R-2611-0101,repair,diagnosing,')
      .replace('R-2611-0104,repair,repairing,', 'R-2611-0104,repair,ready-for-pickup,'),
  );
  const queued = async () => {
    const db = openDatabase(env.AFTERCARE_DB);
    const jobs = await createSqliteOutboxStore(db).due('cases', new Date(Date.now() + 60_000), 10);
    db.close();
    return jobs.map((job) => job.job);
  };
  const dry = await run('import', 'cases', moved, '--dry-run');
  expect(dry.stdout).toContain('would change: 2 (added 0, updated 2)');
  expect(dry.stdout).toContain('would tell: 1');
  expect(await queued()).toEqual([]);

  const real = await run('import', 'cases', moved);
  expect(real).toMatchObject({ code: 0, stderr: '' });
  expect(real.stdout).toContain('customers told of a new status: 1');
  expect(await queued()).toEqual([
    {
      kind: 'customer',
      caseId: 'R-2611-0101',
      replies: [
        expect.objectContaining({ locale: 'fa', text: expect.stringContaining('عیب‌یابی') }),
      ],
    },
  ]);

  const back = await run('import', 'cases', example, '--quiet');
  expect(back.stdout).toContain('changed: 2 (added 0, updated 2)');
  expect(back.stdout).not.toContain('told');
  expect(await queued()).toHaveLength(1);
  expect((await run('import', 'cases', example, '--loud')).code).toBe(2);
});

test('an export that knows a case only by number, kind and status keeps its conversation, language and slot', async () => {
  const { dir, env, run } = setup();
  await run('import', 'cases', example);
  const before = JSON.parse((await run('cases', 'show', 'R-2611-0101', '--json')).stdout) as Record<
    string,
    unknown
  >;
  const file = path.join(dir, 'svc.csv');
  writeFileSync(
    file,
    ['id,kind,status,opened_at', 'R-2611-0101,repair,repairing,2026-11-30T08:10:00Z'].join('\n'),
  );
  const imported = await run('import', 'cases', file);
  expect(imported).toMatchObject({ code: 0, stderr: '' });
  expect(imported.stdout).toContain('customers told of a new status: 1');
  const after = JSON.parse((await run('cases', 'show', 'R-2611-0101', '--json')).stdout) as Record<
    string,
    unknown
  >;
  for (const key of [
    'locale',
    'channel',
    'conversationId',
    'userId',
    'serial',
    'category',
    'symptom',
    'appointment',
    'externalRef',
    'description',
  ])
    expect([key, after[key]]).toEqual([key, before[key]]);
  expect(after.status).toBe('repairing');
  const db = openDatabase(env.AFTERCARE_DB);
  const jobs = await createSqliteOutboxStore(db).due('cases', new Date(Date.now() + 60_000), 10);
  db.close();
  // In Persian, as the customer wrote: the blank locale did not turn the case into English.
  expect(jobs.map((job) => job.job)).toEqual([
    {
      kind: 'customer',
      caseId: 'R-2611-0101',
      replies: [expect.objectContaining({ locale: 'fa', text: expect.stringContaining('تعمیر') })],
    },
  ]);
  expect((await run('import', 'cases', file)).stdout).toContain('unchanged 1');
});
