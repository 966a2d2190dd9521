/**
 * `aftercare db copy --to postgres://…`: a SQLite database with conversations, tickets, units,
 * service cases, the outbox and the audit log moves into an empty PostgreSQL database, counts equal; a second run
 * copies nothing and still reports equal counts; what was copied reads back through the
 * PostgreSQL stores, and new rows get ids after the copied ones. Bad input gets a clear answer.
 */
import path from 'node:path';
import {
  createPostgresCustomerUnits,
  createPostgresUnitStore,
} from '../../src/storage/postgres/unit-store';
import { createPool, type PostgresPool } from '../../src/storage/postgres/pool';
import { createPostgresReportFigures } from '../../src/storage/postgres/report-figures';
import { createPostgresStaffFaqNotes } from '../../src/storage/postgres/staff-faq-notes';
import { createPostgresTranscriptReader } from '../../src/storage/postgres/transcript-reader';
import { createSqliteConversationDays } from '../../src/storage/sqlite/conversation-days';
import { createSqliteReportFigures } from '../../src/storage/sqlite/report-figures';
import { createSqliteStaffFaqNotes } from '../../src/storage/sqlite/staff-faq-notes';
import { createSqliteSuggestionStore } from '../../src/storage/sqlite/suggestion-store';
import { createSqliteTranscriptReader } from '../../src/storage/sqlite/transcript-reader';
import type { TranscriptReader } from '../../src/gaps/transcript-line';
import type { ReportFiguresReader } from '../../src/insights/report';
import type { StaffFaqNotesReader } from '../../src/suggestions/learn';
import { createSqliteCaseStore } from '../../src/storage/sqlite/case-store';
import { createSqliteAuditLog } from '../../src/storage/sqlite/audit-log';
import { createSqliteConversationStore } from '../../src/storage/sqlite/conversation-store';
import { openDatabase } from '../../src/storage/sqlite/open-database';
import { queueHandoffJob } from '../../src/core/handoff/relay-outbox';
import { createSqliteOutboxStore } from '../../src/storage/sqlite/outbox-store';
import { createSqliteTicketStore } from '../../src/storage/sqlite/ticket-store';
import { createSqliteUnitStore } from '../../src/storage/sqlite/unit-store';
import { createTestDatabase, describePostgres } from '../helpers/postgres';
import { runAftercare, stackTraceLine } from '../helpers/run-cli';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

const at = new Date('2026-02-03T09:00:00.000Z');

/** A SQLite database as a company running the default for a while has one. */
async function seededSqlite(): Promise<string> {
  const file = path.join(makeTempDir('aftercare-copy-'), 'aftercare.db');
  const db = openDatabase(file);
  const conversations = createSqliteConversationStore(db);
  const locales = ['en', 'fa', 'vi', 'el', 'sr', 'ta'] as const;
  for (let index = 0; index < 30; index++) {
    const key = { channel: index % 2 ? 'telegram' : 'webchat', conversationId: `c${index}` };
    const locale = locales[index % locales.length] ?? 'en';
    await conversations.recordIncoming(
      key,
      {
        channel: key.channel,
        conversationId: key.conversationId,
        userId: `u${index}`,
        messageId: `m${index}`,
        text: 'Колико траје гаранција? گارانتی',
        receivedAt: at,
      } as Parameters<typeof conversations.recordIncoming>[1],
      locale,
    );
    await conversations.recordReplies(
      key,
      [
        {
          text: `answer ${index}`,
          locale,
          intent: 'warranty',
          faq: 'warranty-length',
          confidence: 0.9,
          kind: 'answer',
        },
      ] as unknown as Parameters<typeof conversations.recordReplies>[1],
      at,
    );
    await conversations.saveState(
      key,
      { locale, script: null, pending: null, fallbacks: 0, handoffActive: index % 3 === 0 },
      at,
    );
    await conversations.saveReference(key.channel, key.conversationId, { chatId: index });
  }
  const tickets = createSqliteTicketStore(db);
  for (let index = 0; index < 5; index++) {
    const ticket = await tickets.create({
      customer: { channel: 'telegram', conversationId: `c${index * 2 + 1}` },
      userId: `u${index}`,
      reference: { chatId: index },
      locale: 'fa',
      script: null,
      reason: 'requested',
      repair: index % 2 === 0,
      staffTarget: 'slack',
      at,
    });
    await tickets.addMessage(ticket.id, {
      author: 'customer',
      text: 'سلام',
      sourceId: `s${index}`,
      at,
    });
    await queueHandoffJob(createSqliteOutboxStore(db), {
      ticketId: ticket.id,
      lane: ticket.id,
      job: { kind: 'staff-post' },
      at,
    });
    if (index < 2)
      await tickets.update(
        ticket.id,
        { status: 'resolved', resolvedAt: at, followUpDueAt: at },
        at,
      );
  }
  await createSqliteOutboxStore(db).enqueue({
    queue: 'telegram',
    lane: 'c1',
    job: { text: 'x' },
    atMostOnce: true,
    at,
  });
  await createSqliteUnitStore(db).importUnits(
    [1, 2, 3].map((n) => ({
      line: n + 1,
      unit: {
        serial: `NV12250100${n}`,
        orderNumber: null,
        model: 'nova-12',
        purchaseDate: `2025-0${n}-14`,
        deliveryDate: null,
        region: null,
        plans: [{ plan: 'care-plus', boughtOn: '2025-01-20' }],
        exclusions: [],
      },
      customer: {
        name: 'Sara',
        phone: '0912-345-6701',
        email: 'sara@example.com',
        channelIds: { telegram: '501' },
      },
    })),
    { at, source: 'units.csv' },
  );
  await createSqliteAuditLog(db).record({
    actor: 'cli:root',
    at,
    action: 'lookup',
    subject: 'serial:NV122501001',
  });
  const cases = createSqliteCaseStore(db);
  const opened = await cases.openCase({
    kind: 'repair',
    status: 'received',
    customer: { channel: 'telegram', conversationId: 'c1' },
    userId: 'u1',
    reference: { chatId: 1 },
    locale: 'vi',
    script: null,
    by: 'bot',
    at,
  });
  if (!opened.ok) throw new Error('the case was not opened');
  await cases.addNote(opened.case.id, { text: 'màn hình bị sọc', by: 'bot', at });
  // A staff note that teaches a variant, the variant learned, and days the retention sweep kept.
  await tickets.addMessage('1', { author: 'note', text: '!faq warranty-period', at });
  await createSqliteSuggestionStore(db).record(await createSqliteStaffFaqNotes(db)(), 'staff');
  await createSqliteConversationDays(db).keep([
    {
      day: '2026-01-05',
      channel: 'telegram',
      locale: 'fa',
      conversations: 4,
      handedOff: 2,
      reasons: { requested: 1, complaint: 1 },
    },
    {
      day: '2026-01-06',
      channel: 'webchat',
      locale: 'el',
      conversations: 1,
      handedOff: 0,
      reasons: {},
    },
  ]);
  db.close();
  return file;
}

/** What the reports read, through a backend's readers: equal on both sides after a copy. */
async function readBack(readers: {
  figures: ReportFiguresReader;
  transcripts: TranscriptReader;
  notes: StaffFaqNotesReader;
}) {
  const lines = [];
  for await (const line of readers.transcripts.lines()) lines.push(line);
  return {
    figures: await readers.figures({ from: '2026-01-01', until: '2026-03-01' }),
    lines,
    notes: await readers.notes(),
  };
}

const pools: PostgresPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

describePostgres('aftercare db copy', () => {
  test('moves conversations, tickets and units; counts equal; a second run copies nothing', async () => {
    const file = await seededSqlite();
    const url = await createTestDatabase();
    const first = await runAftercare(['db', 'copy', '--to', url, '--from', file]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // Progress per table, then the comparison.
    expect(first.stdout).toMatch(/^ {2}messages: 60\/60$/m);
    expect(first.stdout).toMatch(/^conversations\s+30\s+30\s+30$/m);
    expect(first.stdout).toMatch(/^tickets\s+5\s+5\s+5$/m);
    expect(first.stdout).toMatch(/^units\s+3\s+3\s+3$/m);
    expect(first.stdout).toMatch(/^outbox\s+6\s+6\s+6$/m);
    expect(first.stdout).toMatch(/^service_cases\s+1\s+1\s+1$/m);
    expect(first.stdout).toMatch(/^service_case_notes\s+1\s+1\s+1$/m);
    expect(first.stdout).toMatch(/^report_days\s+2\s+2\s+2$/m);
    expect(first.stdout).toMatch(/^report_handoff_reasons\s+2\s+2\s+2$/m);
    expect(first.stdout).toMatch(/^suggestions\s+1\s+1\s+1$/m);
    expect(first.stdout).toMatch(/counts equal in all \d+ tables/);

    const again = await runAftercare(['db', 'copy', '--to', url, '--from', file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^messages\s+60\s+60\s+0$/m);
    expect(again.stdout).toMatch(/counts equal/);

    const pool = createPool(url);
    pools.push(pool);
    // The reports read the same figures, transcripts and staff notes from both databases.
    const sqlite = openDatabase(file);
    try {
      const fromSqlite = await readBack({
        figures: createSqliteReportFigures(sqlite),
        transcripts: createSqliteTranscriptReader(sqlite),
        notes: createSqliteStaffFaqNotes(sqlite),
      });
      expect(fromSqlite.figures.days).toHaveLength(2 + 6);
      expect(fromSqlite.lines).toHaveLength(60);
      expect(fromSqlite.notes).toHaveLength(1);
      expect(
        await readBack({
          figures: createPostgresReportFigures(pool),
          transcripts: createPostgresTranscriptReader(pool),
          notes: createPostgresStaffFaqNotes(pool),
        }),
      ).toEqual(fromSqlite);
    } finally {
      sqlite.close();
    }
    // Read back through the PostgreSQL stores: the unit, its owner and history, found by channel id.
    const record = await createPostgresUnitStore(pool).findRecord('NV122501002');
    expect(record?.unit.plans).toEqual([{ plan: 'care-plus', boughtOn: '2025-01-20' }]);
    expect(record?.customer?.channelIds).toEqual({ telegram: '501' });
    expect(record?.history[0]).toMatchObject({
      event: 'created',
      detail: 'imported from units.csv',
    });
    expect(record?.history[0]?.at.toISOString()).toBe(at.toISOString());
    const units = await createPostgresCustomerUnits(pool, { phoneChannels: ['voice'] }).unitsOf({
      channel: 'voice',
      userId: '+989123456701',
    });
    expect(units.map((unit) => unit.serial)).toEqual(['NV122501003', 'NV122501002', 'NV122501001']);
    // Text, times and flags survive the trip.
    const message = await pool.query("SELECT text, at FROM messages WHERE message_id = 'm7'");
    expect(message.rows[0]).toEqual({ text: 'Колико траје гаранција? گارانتی', at });
    const ticket = await pool.query('SELECT repair, status FROM tickets WHERE id = 1');
    expect(ticket.rows[0]).toEqual({ repair: true, status: 'resolved' });
    // New rows continue after the copied ids.
    const next = await pool.query<{ id: number }>(
      "INSERT INTO tickets (channel, conversation_id, user_id, locale, reason, status, created_at, updated_at) VALUES ('webchat', 'new', 'u', 'en', 'requested', 'open', now(), now()) RETURNING id",
    );
    expect(next.rows[0]?.id).toBe(6);
  });

  test('a target with other rows in it is reported, not hidden', async () => {
    const file = await seededSqlite();
    const url = await createTestDatabase();
    expect((await runAftercare(['db', 'copy', '--to', url, '--from', file])).code).toBe(0);
    const pool = createPool(url);
    pools.push(pool);
    await pool.query(
      "INSERT INTO audit_log (at, actor, action, subject) VALUES (now(), 'someone', 'lookup', 'customer:9')",
    );
    const result = await runAftercare(['db', 'copy', '--to', url, '--from', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^audit_log\s+1\s+2\s+0 {2}DIFFERENT$/m);
    expect(result.stderr).toMatch(/row counts differ for audit_log/);
  });

  test('bad input gets a clear answer', async () => {
    const notUrl = await runAftercare(['db', 'copy', '--to', 'mysql://x']);
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr).toMatch(/--to takes a PostgreSQL URL/);
    const noFile = await runAftercare([
      'db',
      'copy',
      '--to',
      'postgres://127.0.0.1:1/x',
      '--from',
      '/nonexistent/a.db',
    ]);
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toMatch(/no SQLite database at \/nonexistent\/a.db/);
    const unreachable = await runAftercare([
      'db',
      'copy',
      '--to',
      'postgres://aftercare:secret@127.0.0.1:1/x',
      '--from',
      await seededSqlite(),
    ]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(
      /error: PostgreSQL at postgres:\/\/aftercare:\*\*\*@127.0.0.1:1\/x/,
    );
    expect(unreachable.stderr).not.toMatch(/secret/);
    expect(unreachable.stderr).not.toMatch(stackTraceLine);
    expect((await runAftercare(['db', 'move'])).code).toBe(2);
  });
});
