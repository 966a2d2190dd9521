/**
 * The core driven through a test channel, like botbuilder's TestAdapter: send text or press a
 * button, read the replies. Real SQLite file in a temp folder, an injected clock.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBrain, type Brain } from '../../src/core/brain';
import type { BusinessHours } from '../../src/core/business-hours';
import { noDesk, type HandoffDesk } from '../../src/core/pipeline/ports';
import type { Knowledge } from '../../src/core/knowledge/knowledge';
import { createEngineMatcher } from '../../src/core/matching/engine';
import type { Candidate, Matcher } from '../../src/core/matching/matcher';
import type { Reply } from '../../src/core/message';
import { createCore } from '../../src/core/pipeline/create-core';
import type { Dialog } from '../../src/core/pipeline/respond';
import type { Clock, ConversationStore } from '../../src/core/ports';
import { silentLogger } from '../../src/logger';
import { createSqliteConversationStore } from '../../src/storage/sqlite/conversation-store';
import { openDatabase } from '../../src/storage/sqlite/open-database';

export const alwaysOpen: BusinessHours = {
  timeZone: 'UTC',
  open: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [
      day,
      [{ from: '00:00', to: '23:59' }],
    ]),
  ),
  holidays: [],
};

export interface TestChannelOptions {
  readonly knowledge: Knowledge;
  readonly locales?: readonly string[];
  readonly thresholds?: { answer: number; clarify: number; choiceRatio: number };
  readonly desk?: HandoffDesk;
  readonly warrantyDialog?: Dialog | null;
  readonly businessHours?: BusinessHours;
  readonly clock?: Clock;
  readonly maxMessageChars?: number;
  /** Scripted match results for exact texts, to test decisions independently of the engine's scores. */
  readonly scripted?: Readonly<Record<string, readonly Candidate[]>>;
}

export interface TestChannel {
  readonly store: ConversationStore;
  readonly brain: Brain;
  send(
    text: string,
    options?: {
      conversationId?: string;
      localeHint?: string;
      messageId?: string;
      choiceId?: string;
    },
  ): Promise<Reply[]>;
  press(choiceId: string, options?: { conversationId?: string }): Promise<Reply[]>;
}

export function createTestChannel(options: TestChannelOptions): TestChannel {
  const locales = options.locales ?? ['en', 'fa', 'vi', 'el', 'sr', 'ta'];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-core-'));
  const store = createSqliteConversationStore(openDatabase(path.join(dir, 'test.db')));
  const scripted = options.scripted ?? {};
  const brain = createBrain(options.knowledge, {
    locales,
    defaultLocale: 'en',
    createMatcher: (examples): Matcher => {
      const engine = createEngineMatcher(examples);
      return {
        match: (text, matchOptions) => [...(scripted[text] ?? engine.match(text, matchOptions))],
      };
    },
  });
  const clock = options.clock ?? { now: () => new Date('2026-03-02T10:00:00Z') };
  const core = createCore({
    brain: () => brain,
    store,
    clock,
    logger: silentLogger,
    locales,
    defaultLocale: 'en',
    maxMessageChars: options.maxMessageChars ?? 2000,
    settings: {
      desk: options.desk ?? noDesk,
      businessHours: options.businessHours ?? alwaysOpen,
      thresholds: options.thresholds ?? { answer: 0.6, clarify: 0.3, choiceRatio: 0.5 },
      maxFallbacks: 2,
      alwaysHumanTags: ['safety'],
      warrantyDialog: options.warrantyDialog ?? null,
    },
  });
  let counter = 0;
  const send: TestChannel['send'] = (text, sendOptions = {}) =>
    core.handle({
      channel: 'test',
      conversationId: sendOptions.conversationId ?? 'c1',
      userId: 'u1',
      messageId: sendOptions.messageId ?? `m${++counter}`,
      text,
      ...(sendOptions.choiceId ? { choiceId: sendOptions.choiceId } : {}),
      ...(sendOptions.localeHint ? { localeHint: sendOptions.localeHint } : {}),
      receivedAt: clock.now(),
    });
  return {
    store,
    brain,
    send,
    press: (choiceId, pressOptions = {}) => send('', { ...pressOptions, choiceId }),
  };
}
