/**
 * The core with the real ticket desk on a SQLite file in a temp folder, a recording staff channel,
 * recording customer channels and a manual clock. `restart()` builds everything again on the same
 * file, as a new process would.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBrain, type Brain } from '../../../../src/core/brain';
import type { BusinessHours } from '../../../../src/core/business-hours';
import type {
  CustomerUnits,
  StaffEvent,
  StaffOutcome,
} from '../../../../src/core/handoff/staff-channel';
import { routeStaffMessages } from '../../../../src/core/handoff/staff-router';
import { createTicketDesk, type TicketDesk } from '../../../../src/core/handoff/ticket-desk';
import { createHandoffHooks } from '../../../../src/core/handoff/turn-hooks';
import type { FaqEntry, Knowledge } from '../../../../src/core/knowledge/knowledge';
import { createEngineMatcher } from '../../../../src/core/matching/engine';
import type { Candidate, Matcher } from '../../../../src/core/matching/matcher';
import type { Reply } from '../../../../src/core/message';
import { createCore } from '../../../../src/core/pipeline/create-core';
import type { SentimentAnalysis } from '../../../../src/core/sentiment/sentiment';
import { silentLogger } from '../../../../src/logger';
import { createSqliteConversationStore } from '../../../../src/storage/sqlite/conversation-store';
import { openDatabase, type SqliteDatabase } from '../../../../src/storage/sqlite/open-database';
import { createSqliteOutboxStore } from '../../../../src/storage/sqlite/outbox-store';
import { createSqliteTicketStore } from '../../../../src/storage/sqlite/ticket-store';
import { miniKnowledge } from '../../../core/mini-knowledge';
import { alwaysOpen } from '../../../core/test-channel';
import {
  DAY,
  manualClock,
  recordingCustomers,
  recordingStaff,
  type ManualClock,
  type RecordingCustomers,
  type RecordingStaff,
} from './fakes';

const repairFaq: FaqEntry = {
  id: 'repair-request',
  tags: ['repair'],
  followUps: [],
  questions: {
    en: ['How do I get my product repaired?', 'My washing machine is broken, can you fix it?'],
  },
  answers: { en: 'Bring it to any branch; we repair it in 5 working days.' },
  source: 'test/repair-request.md',
};

export const deskKnowledge: Knowledge = {
  ...miniKnowledge,
  faqs: [...miniKnowledge.faqs, repairFaq],
};

/** Open Saturday–Wednesday 08:00–17:00 UTC; 2026-03-02 is a Monday. */
export const officeHours: BusinessHours = {
  timeZone: 'UTC',
  open: Object.fromEntries(
    ['sat', 'sun', 'mon', 'tue', 'wed'].map((day) => [day, [{ from: '08:00', to: '17:00' }]]),
  ),
  holidays: [],
};

export interface DeskHarnessOptions {
  readonly staffTarget?: string | null;
  readonly businessHours?: BusinessHours;
  readonly scripted?: Readonly<Record<string, readonly Candidate[]>>;
  readonly sentiment?: SentimentAnalysis | null;
  readonly units?: CustomerUnits | null;
  readonly reviewUrl?: string | null;
  readonly start?: string;
}

export interface DeskHarness {
  readonly clock: ManualClock;
  readonly staff: RecordingStaff;
  readonly customers: RecordingCustomers;
  readonly dbFile: string;
  desk: TicketDesk;
  db: SqliteDatabase;
  brain: Brain;
  /** A customer message (channel `telegram`, conversation `chat-1` unless told). */
  send(
    text: string,
    options?: { conversationId?: string; choiceId?: string; channel?: string },
  ): Promise<Reply[]>;
  press(choiceId: string, options?: { conversationId?: string }): Promise<Reply[]>;
  /** A staff message in a ticket's thread, through the router as an adapter would pass it. */
  staffSays(
    ticketId: string,
    text: string,
    options?: { user?: string; messageId?: string },
  ): Promise<Reply[]>;
  staffEvent(event: StaffEvent): Promise<StaffOutcome>;
  /** Waits for the outbox: runs `tick()` (follow-ups, due jobs). */
  settle(): Promise<void>;
  handoffActive(conversationId?: string): Promise<boolean>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startDeskHarness(options: DeskHarnessOptions = {}): Promise<DeskHarness> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-handoff-'));
  const dbFile = path.join(dir, 'aftercare.db');
  const clock = manualClock(options.start ?? '2026-03-02T10:00:00Z');
  const staff = recordingStaff(options.staffTarget ?? 'slack');
  const customers = recordingCustomers();
  const scripted = options.scripted ?? {};
  const brain = createBrain(deskKnowledge, {
    locales: ['en', 'fa', 'vi', 'el', 'sr', 'ta'],
    defaultLocale: 'en',
    createMatcher: (examples): Matcher => {
      const engine = createEngineMatcher(examples);
      return {
        match: (text, matchOptions) => [...(scripted[text] ?? engine.match(text, matchOptions))],
      };
    },
  });
  let counter = 0;

  const build = () => {
    const db = openDatabase(dbFile);
    const store = createSqliteConversationStore(db);
    const desk = createTicketDesk({
      tickets: createSqliteTicketStore(db),
      outbox: createSqliteOutboxStore(db),
      conversations: store,
      references: store,
      staff: options.staffTarget === null ? null : staff,
      deliver: (key, replies) => customers.deliver(key, replies),
      brain: () => brain,
      units: options.units ?? null,
      businessHours: options.businessHours ?? alwaysOpen,
      clock,
      logger: silentLogger,
      reviewUrl: options.reviewUrl === undefined ? 'https://example.com/review' : options.reviewUrl,
      followUpDays: 3,
      defaultLocale: 'en',
      customerRetryDelaysMs: [60_000, 600_000],
      staffRetryDelaysMs: [60_000, 600_000],
    });
    const settings = {
      desk,
      businessHours: options.businessHours ?? alwaysOpen,
      thresholds: { answer: 0.6, clarify: 0.3, choiceRatio: 0.5 },
      maxFallbacks: 2,
      alwaysHumanTags: ['safety'],
      warrantyDialog: null,
    };
    const core = createCore({
      brain: () => brain,
      store,
      clock,
      logger: silentLogger,
      locales: ['en', 'fa', 'vi', 'el', 'sr', 'ta'],
      defaultLocale: 'en',
      maxMessageChars: 2000,
      settings,
      hooks: createHandoffHooks({ sentiment: options.sentiment ?? null, desk: desk.hooks }),
    });
    const handle = routeStaffMessages(core.handle, {
      desk,
      target: options.staffTarget === null ? null : staff.target,
    });
    return { db, desk, handle, store };
  };

  let current = build();
  const harness: DeskHarness = {
    clock,
    staff,
    customers,
    dbFile,
    desk: current.desk,
    db: current.db,
    brain,
    send: (text, sendOptions = {}) =>
      current.handle({
        channel: sendOptions.channel ?? 'telegram',
        conversationId: sendOptions.conversationId ?? 'chat-1',
        userId: 'customer-1',
        messageId: `m${++counter}`,
        text,
        ...(sendOptions.choiceId ? { choiceId: sendOptions.choiceId } : {}),
        receivedAt: clock.now(),
      }),
    press: (choiceId, pressOptions = {}) => harness.send('', { ...pressOptions, choiceId }),
    staffSays: (ticketId, text, sayOptions = {}) =>
      current.handle({
        channel: staff.target,
        conversationId: `thread-${ticketId}`,
        userId: sayOptions.user ?? 'U0STAFF01',
        messageId: sayOptions.messageId ?? `s${++counter}`,
        text,
        receivedAt: clock.now(),
      }),
    staffEvent: (event) => current.desk.receive(event),
    settle: () => current.desk.tick(),
    handoffActive: async (conversationId = 'chat-1') =>
      (await current.store.loadState({ channel: 'telegram', conversationId })).handoffActive,
    async restart() {
      await current.desk.stop();
      current.db.close();
      current = build();
      harness.desk = current.desk;
      harness.db = current.db;
      await current.desk.start();
      await current.desk.tick();
    },
    async close() {
      await current.desk.stop();
      current.db.close();
    },
  };
  await Promise.resolve();
  return harness;
}

export { DAY };
