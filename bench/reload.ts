/**
 * The pause a knowledge reload puts on requests: `node bin/run-ts.js bench/reload.ts [--rounds N]`.
 * Starts the app on the shipped knowledge (temp SQLite file, 127.0.0.1) and, for each way of
 * reloading, asks /healthz while the reload runs; prints the longest event-loop stall
 * and the slowest of those requests (sent every 10 ms without waiting, so one is always in flight). `main thread` is what a reload did before the worker: read,
 * validate and train synchronously; `worker thread` is `app.reloadKnowledge()`.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app';
import { buildKnowledge } from '../src/config/build-knowledge';
import { brainFromModel } from '../src/core/brain-model';
import { silentLogger } from '../src/logger';

const root = path.resolve(__dirname, '..');

async function measure(url: string, reload: () => Promise<unknown>) {
  // A timer every 5 ms: the longest gap between two ticks is the longest the loop was stuck.
  let last = performance.now();
  let stallMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last - 5);
    last = now;
  }, 5);
  // A request every 10 ms, not waiting for the previous one: one is always in flight.
  const latencies: Promise<number>[] = [];
  const prober = setInterval(() => {
    const sent = performance.now();
    latencies.push(
      fetch(`${url}/healthz`)
        .then((response) => response.arrayBuffer())
        .then(() => performance.now() - sent),
    );
  }, 10);
  await new Promise((resolve) => setTimeout(resolve, 50));
  stallMs = 0;
  const started = performance.now();
  await reload();
  const reloadMs = performance.now() - started;
  // Let the ticker see the gap a synchronous reload left behind.
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(prober);
  clearInterval(ticker);
  const answered = await Promise.all(latencies);
  return {
    reloadMs,
    stallMs,
    slowestRequestMs: Math.max(...answered),
    requests: answered.length,
  };
}

async function main(): Promise<void> {
  const roundsIndex = process.argv.indexOf('--rounds');
  const restoreMs: number[] = [];
  const rounds = roundsIndex > 0 ? Number(process.argv[roundsIndex + 1]) : 3;
  const app = createApp({
    rootDir: root,
    dbPath: path.join(mkdtempSync(path.join(os.tmpdir(), 'aftercare-bench-reload-')), 'bot.db'),
    env: { AFTERCARE_PORT: '0' },
    logger: {
      ...silentLogger,
      info: (fields, message) => {
        if (message === 'knowledge reloaded') restoreMs.push(Number(fields.restoreMs));
      },
    },
    channels: 'none',
  });
  const url = await app.start();
  const request = { ...app.config, rootDir: root };
  const ways: Record<string, () => Promise<unknown>> = {
    'main thread (before)': async () => {
      const built = buildKnowledge(request);
      brainFromModel(built.knowledge, built.model, app.config);
    },
    'worker thread (now)': () => app.reloadKnowledge(),
  };
  const rows: string[] = [];
  for (const [name, reload] of Object.entries(ways)) {
    for (let round = 0; round < rounds; round++) {
      const result = await measure(url, reload);
      rows.push(
        `| ${name} | ${Math.round(result.reloadMs)} | ${Math.round(result.stallMs)} | ${Math.round(result.slowestRequestMs)} | ${result.requests} |`,
      );
    }
  }
  await app.close();
  process.stdout.write(
    `restoring the transferred model on the main thread: ${restoreMs.join(', ')} ms\n`,
  );
  process.stdout.write(
    `| reload | reload ms | longest event-loop stall ms | slowest /healthz during it ms | requests sent during it |\n| --- | --: | --: | --: | --: |\n${rows.join('\n')}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
