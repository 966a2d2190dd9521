/**
 * The CPU cost of one turn without HTTP: `node bin/run-ts.js bench/turn-cpu.ts [--turns N]`.
 * Builds the app as `aftercare start` does (shipped knowledge and bot.config.json, SQLite in a
 * temporary folder, log level warn, no channel started) and calls `app.handle` with the messages
 * bench/load.ts posts: new message ids in 256 web chat conversations, the same ten questions in six
 * languages, one turn after another. Prints CPU ms per turn (process.cpuUsage, user + system) for
 * the whole turn and, on the same texts, for the language detector and the matcher alone.
 * Add `node --cpu-prof` in front (`node --cpu-prof bin/run-ts.js bench/turn-cpu.ts`) for a profile.
 *
 * Options: --turns 20000   --warmup 2000   --conversations 256
 *          --turns-only   skip timing the detector and the matcher alone (for a profile of turns)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app';
import type { IncomingMessage } from '../src/core/message';
import { QUESTION_LOCALES, QUESTIONS } from './load-questions';

const root = path.resolve(__dirname, '..');

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number`);
  return value;
}

/** CPU ms (user + system) that `work` takes, per call of it. */
function cpuMsPer(calls: number, work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / calls;
}

async function cpuMsPerAsync(calls: number, work: () => Promise<void>): Promise<number> {
  const start = process.cpuUsage();
  await work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / calls;
}

async function main(): Promise<void> {
  const turns = option('turns', 20_000);
  const warmup = option('warmup', 2_000);
  const conversations = option('conversations', 256);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-turn-cpu-'));
  const app = createApp({
    rootDir: root,
    dbPath: path.join(dir, 'turns.db'),
    env: { AFTERCARE_LOG_LEVEL: 'warn' },
    channels: 'none',
  });
  let counter = 0;
  const message = (): IncomingMessage => {
    const n = counter++;
    return {
      channel: 'webchat',
      conversationId: `c-${n % conversations}`,
      userId: `u-${n % conversations}`,
      messageId: `m-${n}`,
      text: QUESTIONS[n % QUESTIONS.length] ?? '',
      receivedAt: new Date(),
    };
  };
  const run = async (count: number) => {
    for (let i = 0; i < count; i++) await app.handle(message());
  };
  try {
    await run(warmup);
    const turnMs = await cpuMsPerAsync(turns, () => run(turns));
    if (process.argv.includes('--turns-only')) {
      process.stdout.write(`${turns} turns: ${turnMs.toFixed(3)} CPU ms per turn\n`);
      return;
    }
    const brain = app.brain();
    const rounds = Math.max(1, Math.round(turns / QUESTIONS.length));
    const detectMs = cpuMsPer(rounds * QUESTIONS.length, () => {
      for (let r = 0; r < rounds; r++)
        for (const text of QUESTIONS) brain.detector.detect(text, { fallback: 'en' });
    });
    const matchMs = cpuMsPer(rounds * QUESTIONS.length, () => {
      for (let r = 0; r < rounds; r++)
        for (const [i, text] of QUESTIONS.entries())
          brain.matcher.match(text, { locale: QUESTION_LOCALES[i] ?? 'en', limit: 5 });
    });
    process.stdout.write(
      `${turns} turns after ${warmup} warm-up, ${conversations} conversations, Node ${process.version}, load average ${os.loadavg()[0]?.toFixed(1)}\n` +
        `| part | CPU ms per call |\n| --- | ---: |\n` +
        `| app.handle (whole turn, SQLite) | ${turnMs.toFixed(3)} |\n` +
        `| detector.detect alone | ${detectMs.toFixed(3)} |\n` +
        `| matcher.match alone | ${matchMs.toFixed(3)} |\n`,
    );
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
