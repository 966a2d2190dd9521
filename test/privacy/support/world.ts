/**
 * The real app on a temp SQLite file with a manual clock, and two customers with a history:
 * Sara (a customer record with units, a Telegram id, a conversation in English and Persian, a
 * hand-off ticket with a staff reply and a rating, a learned question variant, a reply waiting in
 * the outbox) and Bob (a web chat conversation in Vietnamese), who must stay untouched.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createApp, type App } from '../../../src/app';
import type { BotConfig } from '../../../src/config/config-schema';
import type { SqliteDatabase } from '../../../src/storage/sqlite/open-database';
import { createSqliteCaseStore } from '../../../src/storage/sqlite/case-store';
import { createSqliteOutboxStore } from '../../../src/storage/sqlite/outbox-store';
import { createSqliteTicketStore } from '../../../src/storage/sqlite/ticket-store';
import { createSqliteUnitStore } from '../../../src/storage/sqlite/unit-store';
import { silentLogger } from '../../../src/logger';
import { manualClock, type ManualClock } from '../../core/handoff/support/fakes';
import { repoRoot } from '../../helpers/paths';
import { makeTempDir } from '../../helpers/temp-dir';

export const SARA = {
  name: 'Sara Quokkaberg',
  phone: '+98 912 555 0199',
  email: 'sara.quokkaberg@example.com',
  telegram: '777001234',
  words: ['my quokka blender hums', 'پارسا قوکا مخلوط کن'],
};
export const BOB = { webchat: 'w-bob-5521', words: 'bảo hành máy giặt bao lâu' };

export interface PrivacyWorld {
  readonly app: App;
  readonly clock: ManualClock;
  readonly dbPath: string;
  readonly configPath: string;
  close(): Promise<void>;
}

export async function startPrivacyWorld(
  options: {
    start?: string;
    privacy?: Partial<BotConfig['privacy']>;
    env?: Record<string, string>;
  } = {},
): Promise<PrivacyWorld> {
  const dir = makeTempDir('aftercare-privacy-');
  const config = JSON.parse(
    readFileSync(path.join(repoRoot, 'bot.config.json'), 'utf8'),
  ) as BotConfig;
  const configPath = path.join(dir, 'bot.config.json');
  writeFileSync(
    configPath,
    JSON.stringify({ ...config, privacy: { retentionDays: null, ...options.privacy } }),
  );
  const dbPath = path.join(dir, 'aftercare.db');
  const clock = manualClock(options.start ?? '2026-03-02T06:30:00Z');
  const app = createApp({
    rootDir: repoRoot,
    configPath,
    dbPath,
    env: { AFTERCARE_PORT: '0', ...options.env },
    clock,
    logger: silentLogger,
    channels: 'none',
  });
  return { app, clock, dbPath, configPath, close: () => app.close() };
}

let sequence = 0;
export async function say(
  app: App,
  who: { channel: string; id: string },
  text: string,
): Promise<void> {
  sequence++;
  await app.handle({
    channel: who.channel,
    conversationId: who.id,
    userId: who.id,
    messageId: `m-${sequence}`,
    text,
    receivedAt: app.clock.now(),
  });
}

/** Sara's and Bob's history, as the bot and its staff would have made it. */
export async function seedHistory(world: PrivacyWorld): Promise<{ ticketId: string }> {
  const { app, clock } = world;
  await createSqliteUnitStore(app.db).importUnits(
    [
      {
        line: 2,
        unit: {
          serial: 'NV1225090001',
          orderNumber: null,
          model: 'nova-12',
          purchaseDate: '2025-09-14',
          deliveryDate: null,
          region: null,
          plans: [],
          exclusions: [],
        },
        customer: {
          name: SARA.name,
          phone: SARA.phone,
          email: SARA.email,
          channelIds: { telegram: SARA.telegram },
        },
      },
    ],
    { at: clock.now() },
  );
  const sara = { channel: 'telegram', id: SARA.telegram };
  await say(app, sara, SARA.words[0]!);
  await say(app, sara, SARA.words[1]!);
  await say(app, sara, 'I want to talk to a person');
  const tickets = createSqliteTicketStore(app.db);
  const ticket = await tickets.activeFor({ channel: 'telegram', conversationId: SARA.telegram });
  if (!ticket) throw new Error('asking for a person opened no ticket');
  clock.advance(7 * 60_000);
  await tickets.addMessage(ticket.id, {
    author: 'staff',
    authorName: 'Reza',
    text: `Hello ${SARA.name}, we will call ${SARA.phone}`,
    at: clock.now(),
  });
  await tickets.update(
    ticket.id,
    {
      status: 'resolved',
      resolvedAt: clock.now(),
      satisfactionScore: 4,
      satisfactionComment: 'quokka thanks',
    },
    clock.now(),
  );
  app.db
    .prepare(
      `INSERT INTO suggestions (faq, locale, text, source, first_seen, last_seen) VALUES ('warranty-period', 'en', ?, 'clarify', ?, ?)`,
    )
    .run(SARA.words[0], clock.now().toISOString(), clock.now().toISOString());
  await createSqliteOutboxStore(app.db).enqueue({
    queue: 'telegram',
    lane: SARA.telegram,
    job: { text: `for ${SARA.name}` },
    atMostOnce: false,
    at: clock.now(),
  });
  // A repair case she opened on Telegram, with a staff note that names her.
  const cases = createSqliteCaseStore(app.db);
  const opened = await cases.openCase({
    kind: 'repair',
    status: 'received',
    customer: { channel: 'telegram', conversationId: SARA.telegram },
    userId: SARA.telegram,
    reference: { chatId: Number(SARA.telegram) },
    locale: 'en',
    script: null,
    customerId: '1',
    serial: 'NV1225090001',
    category: 'phone',
    symptom: 'no-power',
    description: SARA.words[0]!,
    by: 'customer',
    at: clock.now(),
  });
  if (!opened.ok) throw new Error('the case did not open');
  await cases.addNote(opened.case.id, {
    text: `called ${SARA.name}`,
    by: 'staff:Reza',
    at: clock.now(),
  });
  // A status notice for her, not yet sent.
  await createSqliteOutboxStore(app.db).enqueue({
    queue: 'cases',
    lane: `customer:${opened.case.id}`,
    job: { kind: 'customer', caseId: opened.case.id, replies: [{ text: `${SARA.name}, ready` }] },
    atMostOnce: false,
    at: clock.now(),
  });
  await say(app, { channel: 'webchat', id: BOB.webchat }, BOB.words);
  return { ticketId: ticket.id };
}

/** Every row of every table (virtual and FTS tables included) as text, per table. */
export function everyTable(db: SqliteDatabase): Map<string, string> {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as { name: string }[];
  return new Map(
    tables.map(({ name }) => [name, JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())]),
  );
}

/** The tables in which any of the strings is still found. */
export function tablesHolding(db: SqliteDatabase, needles: readonly string[]): string[] {
  const found: string[] = [];
  for (const [table, text] of everyTable(db))
    for (const needle of needles) if (text.includes(needle)) found.push(`${table}: ${needle}`);
  return found;
}
