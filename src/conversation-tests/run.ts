/**
 * Runs conversation files in-process against the knowledge on disk: one app (no server, no
 * channels) on a throw-away database, a clock each file may fix, units imported from a fixture.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../app';
import { loadWarrantyRules } from '../config/load-warranty';
import { readUnitsFile } from '../config/units-file';
import { mainReply, type Reply } from '../core/message';
import type { ConversationKey, Logger } from '../core/ports';
import { silentLogger } from '../logger';
import { createSqliteUnitStore } from '../storage/sqlite/unit-store';
import { differences } from './check-reply';
import type { LoadedConversationFile } from './load';
import { findCaseNumber } from '../core/cases/case-status-hooks';
import { createRecordingStaffChannel } from './recording-staff';
import type { ConversationFile, ConversationTurn, Expectation } from './schema';

const usesCase = (turn: ConversationTurn): boolean =>
  [turn.user ?? '', ...(turn.expect.must ?? []), ...(turn.expect.mustNot ?? [])].some((text) =>
    text.includes('{case}'),
  );

/** The expectation with `{case}` in its texts replaced by the case number. */
function withCase(expectation: Expectation, caseNumber: string): Expectation {
  const fill = (texts: readonly string[] | undefined) =>
    texts?.map((text) => text.split('{case}').join(caseNumber));
  return {
    ...expectation,
    ...(expectation.must ? { must: fill(expectation.must) } : {}),
    ...(expectation.mustNot ? { mustNot: fill(expectation.mustNot) } : {}),
  };
}

export interface ConversationFailure {
  readonly file: string;
  readonly line: number;
  readonly conversation: string;
  readonly turn: number;
  readonly problems: readonly string[];
}

export interface ConversationRunSummary {
  readonly conversations: number;
  readonly turns: number;
  readonly failures: readonly ConversationFailure[];
}

export interface RunOptions {
  readonly rootDir: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger?: Logger;
  /** Called after each conversation, for progress output. */
  readonly onConversation?: (file: string, name: string, passed: boolean) => void;
}

export async function runConversationFiles(
  files: readonly LoadedConversationFile[],
  options: RunOptions,
): Promise<ConversationRunSummary> {
  const dbDir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-conversations-'));
  let now = new Date();
  // One app per staff mode, made when a file first needs it (each trains the brain once).
  const apps = new Map<ConversationFile['staff'], App>();
  const appFor = (mode: ConversationFile['staff']): App => {
    const existing = apps.get(mode);
    if (existing) return existing;
    const created = createApp({
      rootDir: options.rootDir,
      env: options.env,
      logger: options.logger ?? silentLogger,
      channels: 'none',
      dbPath: path.join(dbDir, `${mode}.db`),
      clock: { now: () => now },
      ...(mode === 'recorded' ? { staffChannel: createRecordingStaffChannel() } : {}),
    });
    apps.set(mode, created);
    return created;
  };
  const failures: ConversationFailure[] = [];
  let conversations = 0;
  let turns = 0;
  try {
    for (const [fileIndex, loaded] of files.entries()) {
      now = loaded.data.clock ? new Date(loaded.data.clock) : new Date();
      const app = appFor(loaded.data.staff);
      if (loaded.data.units) await importUnits(app, options.rootDir, loaded);
      // `{case}` in a turn: the case number the bot last gave in this file (any conversation).
      let lastCase: string | null = null;
      for (const [index, conversation] of loaded.data.conversations.entries()) {
        conversations++;
        const conversationId = `test-${fileIndex}-${index}`;
        let last: Reply[] = [];
        let failed = false;
        for (const [turnIndex, turn] of conversation.turns.entries()) {
          turns++;
          const fail = (problems: string[]): void => {
            failures.push({
              file: loaded.file,
              line: loaded.lineOf(index, turnIndex),
              conversation: conversation.name,
              turn: turnIndex + 1,
              problems,
            });
            failed = true;
          };
          if (turn.after !== undefined) now = new Date(now.getTime() + turn.after * 60_000);
          if (turn.staff !== undefined) {
            const problem = await staffActs(app, turn.staff, {
              channel: conversation.channel,
              conversationId,
            });
            if (problem) {
              fail([problem]);
              break;
            }
            last = [];
            continue;
          }
          if (lastCase === null && usesCase(turn)) {
            fail(['"{case}" is used before the bot gave a case number in this file']);
            break;
          }
          const expectation = withCase(turn.expect, lastCase ?? '');
          let choiceId: string | undefined;
          let text = (turn.user ?? '').split('{case}').join(lastCase ?? '');
          if (turn.press !== undefined) {
            const offered = last.flatMap((reply) => reply.choices);
            const nth = /^#(\d+)$/.exec(turn.press);
            const choice = nth
              ? offered[Number(nth[1]) - 1]
              : offered.find((c) => c.id === turn.press || c.label === turn.press);
            if (!choice) {
              const offered = last.flatMap((reply) => reply.choices.map((c) => c.label));
              fail([
                `cannot press "${turn.press}": the previous reply offered ${offered.length > 0 ? offered.map((label) => `"${label}"`).join(', ') : 'no buttons'}`,
              ]);
              break;
            }
            choiceId = choice.id;
            text = choice.label;
          }
          last = await app.handle({
            channel: conversation.channel,
            conversationId,
            userId: conversation.userId ?? conversationId,
            messageId: `${conversationId}-${turnIndex}`,
            text,
            ...(choiceId ? { choiceId } : {}),
            ...(turn.locale ? { localeHint: turn.locale } : {}),
            receivedAt: now,
          });
          for (const given of last) lastCase = findCaseNumber(given.text) ?? lastCase;
          const problems = differences(expectation, mainReply(last));
          if (problems.length > 0) {
            fail(problems);
            break;
          }
        }
        options.onConversation?.(loaded.file, conversation.name, !failed);
      }
    }
  } finally {
    for (const app of apps.values()) await app.close();
    rmSync(dbDir, { recursive: true, force: true });
  }
  return { conversations, turns, failures };
}

/** A staff member ("Sam") claims or resolves the conversation's ticket; a problem, or null. */
async function staffActs(
  app: App,
  action: 'claim' | 'resolve',
  key: ConversationKey,
): Promise<string | null> {
  const ticket = await app.desk.tickets.activeFor(key);
  if (!ticket) return `cannot ${action}: the conversation has no open ticket`;
  const by = { id: 'conversation-test', name: 'Sam' };
  if (action === 'claim') await app.desk.claim(ticket.id, by);
  else await app.desk.resolve(ticket.id, by);
  return null;
}

async function importUnits(
  app: App,
  rootDir: string,
  loaded: LoadedConversationFile,
): Promise<void> {
  const file = path.resolve(path.dirname(loaded.absolutePath), loaded.data.units ?? '');
  const { rules } = loadWarrantyRules({
    rootDir,
    knowledgeDir: app.config.knowledgeDir,
    locales: app.config.locales,
    defaultLocale: app.config.defaultLocale,
  });
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`${loaded.file}: units file ${loaded.data.units ?? ''} not found (${file})`);
  }
  const parsed = readUnitsFile(path.basename(file), text, rules);
  await createSqliteUnitStore(app.db).importUnits(parsed.rows, {
    at: app.clock.now(),
    source: path.basename(file),
  });
}

/** A failure as the admin reads it: `file:line: conversation, turn N`, then the differences. */
export function formatFailure(failure: ConversationFailure): string {
  return [
    `FAIL ${failure.file}:${failure.line}: "${failure.conversation}", turn ${failure.turn}`,
    ...failure.problems.map((problem) => `  ${problem}`),
  ].join('\n');
}
