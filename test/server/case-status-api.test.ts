/**
 * `POST /api/cases/{id}/status` answer by answer, as the service system meets them, on a real
 * server on 127.0.0.1 with the case desk on a real SQLite file: 403 while the key is unset, 401
 * without the right key, 415 and 413 for a body that is not JSON or too large, 400 with the
 * fields, 404, 422 with the allowed statuses, 200 with the change recorded as `api:<by>` with its
 * note and the customer's notice queued in the same step; the same push again changes nothing.
 */
import path from 'node:path';
import { loadCaseStatuses } from '../../src/config/load-case-statuses';
import { createCaseDesk, type CaseDesk } from '../../src/core/cases/case-desk';
import type { CaseStatusRules } from '../../src/core/cases/statuses';
import { silentLogger } from '../../src/logger';
import { mountCaseStatusApi } from '../../src/server/case-status-api';
import { createHttpServer, type HttpServer } from '../../src/server/http-server';
import { createSqliteCaseStore } from '../../src/storage/sqlite/case-store';
import { openDatabase, type SqliteDatabase } from '../../src/storage/sqlite/open-database';
import { createSqliteOutboxStore } from '../../src/storage/sqlite/outbox-store';
import { repoRoot } from '../helpers/paths';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

const KEY = 'svc-key-0123456789abcdef';
const at = new Date('2026-12-07T10:00:00Z');
let db: SqliteDatabase;
let desk: CaseDesk;
let on: HttpServer;
let off: HttpServer;
let onUrl: string;
let offUrl: string;
let caseId: string;

beforeAll(async () => {
  db = openDatabase(path.join(makeTempDir('aftercare-case-api-'), 'cases.db'));
  const rules = loadCaseStatuses({
    rootDir: repoRoot,
    knowledgeDir: 'knowledge',
    locales: ['en', 'fa', 'vi', 'el', 'sr', 'ta'],
  }) as CaseStatusRules;
  desk = createCaseDesk({
    cases: createSqliteCaseStore(db),
    outbox: createSqliteOutboxStore(db),
    rules: () => rules,
    staff: null,
    deliver: () => Promise.resolve(),
    followUpRepair: null,
    clock: { now: () => at },
    logger: silentLogger,
    timeZone: 'Asia/Tehran',
    defaultLocale: 'en',
    autoSend: false,
  });
  const opened = await desk.open({
    kind: 'repair',
    customer: { channel: 'telegram', conversationId: '42' },
    userId: '42',
    reference: null,
    locale: 'vi',
    script: null,
    serial: 'NV1226011001',
    by: 'bot',
    at,
  });
  if (!opened.ok) throw new Error('the case did not open');
  caseId = opened.case.id;
  on = createHttpServer(silentLogger);
  mountCaseStatusApi(on, { apiKey: KEY, desk, maxBodyBytes: 1024, logger: silentLogger });
  onUrl = await on.listen(0, '127.0.0.1');
  off = createHttpServer(silentLogger);
  mountCaseStatusApi(off, { apiKey: null, desk, maxBodyBytes: 1024, logger: silentLogger });
  offUrl = await off.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await on.close();
  await off.close();
  db.close();
  removeTempDirs();
});

const push = (
  id: string,
  body: string,
  { key = KEY as string | null, type = 'application/json', base = () => onUrl } = {},
) =>
  fetch(`${base()}/api/cases/${id}/status`, {
    method: 'POST',
    headers: {
      'content-type': type,
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
    },
    body,
  });
const json = (body: unknown) => JSON.stringify(body);

test('every refusal says why, and nothing changes', async () => {
  const off403 = await push(caseId, json({ status: 'repairing' }), { base: () => offUrl });
  expect(off403.status).toBe(403);
  expect(await off403.json()).toEqual({
    error: 'the case API is off; set AFTERCARE_CASES_API_KEY',
  });
  const noKey = await push(caseId, json({ status: 'repairing' }), { key: null });
  expect(noKey.status).toBe(401);
  expect(noKey.headers.get('www-authenticate')).toBe('Bearer');
  expect((await push(caseId, json({ status: 'repairing' }), { key: 'wrong' })).status).toBe(401);
  expect((await push(caseId, 'status=repairing', { type: 'text/plain' })).status).toBe(415);
  expect((await push(caseId, json({ status: 'repairing', note: 'x'.repeat(2000) }))).status).toBe(
    413,
  );
  const bad = await push(caseId, json({ status: 'Repairing!', extra: 1 }));
  expect(bad.status).toBe(400);
  const fields = ((await bad.json()) as { issues: { field: string }[] }).issues.map(
    (issue) => issue.field,
  );
  expect(fields).toEqual(expect.arrayContaining(['status', '(body)']));
  expect((await push(caseId, '{"status":')).status).toBe(400);
  expect((await push('R-2699-9999', json({ status: 'repairing' }))).status).toBe(404);
  const wrongKind = await push(caseId, json({ status: 'refunded' }));
  expect(wrongKind.status).toBe(422);
  expect(((await wrongKind.json()) as { allowed: string[] }).allowed).toContain('repairing');
  expect((await desk.cases.getCase(caseId))?.history).toHaveLength(1);
  expect(
    await createSqliteOutboxStore(db).due('cases', new Date(at.getTime() + 60_000), 10),
  ).toEqual([]);
});

test('a push is recorded as api:<by> with its note and queues the notice; the same push again changes nothing', async () => {
  const pushed = await push(
    caseId.toLowerCase(),
    json({ status: 'repairing', note: 'Board replaced', by: 'svc.system' }),
  );
  expect(pushed.status).toBe(200);
  expect(await pushed.json()).toEqual({ id: caseId, status: 'repairing', changed: true });
  expect((await desk.cases.getCase(caseId))?.history.at(-1)).toMatchObject({
    status: 'repairing',
    by: 'api:svc.system',
    note: 'Board replaced',
  });
  const queued = async () =>
    (await createSqliteOutboxStore(db).due('cases', new Date(at.getTime() + 60_000), 10)).map(
      (job) => job.job,
    );
  expect(await queued()).toEqual([
    {
      kind: 'customer',
      caseId,
      replies: [expect.objectContaining({ locale: 'vi', text: expect.stringContaining(caseId) })],
    },
  ]);
  const again = await push(caseId, json({ status: 'repairing' }));
  expect(await again.json()).toEqual({ id: caseId, status: 'repairing', changed: false });
  expect(await queued()).toHaveLength(1);
});
