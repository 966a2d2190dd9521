/**
 * `npm run bench:load`: how many web chat messages per second one process answers, and how fast,
 * side by side with the floor: a bare node:http server that parses the same JSON body and answers
 * a fixed reply. Each server is its own child process (the app through `aftercare start` on a
 * temporary SQLite file); autocannon drives it from this process over 127.0.0.1 only, for a
 * bounded time. Every request is a new message (a unique messageId) in one of many conversations,
 * questions in all six languages. Then the same app as one and as two replicas on PostgreSQL
 * (bench/postgres-rows.ts: AFTERCARE_BENCH_PG_URL, or a throw-away cluster when PostgreSQL is
 * installed). Prints one Markdown table (docs/benchmarks.md).
 *
 * Options: --connections 32   --seconds 10   --conversations 256
 *          --warmup 2       seconds of the same load before each measured run, not counted (the
 *                           JIT, the caches and SQLite's pages warm up as in a running service)
 *          --sqlite-only    no PostgreSQL rows (while iterating on the SQLite one)
 *          --cpu-prof DIR   the app process writes a V8 CPU profile into DIR when it stops
 *                           (open it in Chrome DevTools' Performance panel)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { QUESTIONS } from './load-questions';
import { postgresRows } from './postgres-rows';

const root = path.resolve(__dirname, '..');

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number`);
  return value;
}

/** The value of `--name VALUE`, or null when the flag is absent. */
function textOption(name: string): string | null {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return null;
  const value = process.argv[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} takes a folder`);
  return value;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** Starts a child process and resolves once `/healthz` (or the floor's root) answers. */
async function startServer(
  args: string[],
  env: NodeJS.ProcessEnv,
  url: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited with ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${args.join(' ')} did not answer ${url} within 60 s`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

interface Figures {
  readonly messagesPerSecond: number;
  /** The server's CPU time per message answered (ms); null where /proc is missing. */
  readonly cpuMsPerMessage: number | null;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly non2xx: number;
}

/** One web chat session per conversation (the floor server answers these too, with no token). */
async function sessions(url: string, conversations: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let n = 0; n < conversations; n += 1) {
    const response = await fetch(`${url}/webchat/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const body = (await response.json().catch(() => ({}))) as { token?: string };
    tokens.push(body.token ?? 'none');
  }
  return tokens;
}

/**
 * CPU seconds (user + system) a child process has used so far, from /proc (Linux); null elsewhere.
 * Divided by the messages answered it is the cost of one message, which the other work on a
 * shared machine changes much less than the rate and the latencies.
 */
function cpuSeconds(child: ChildProcess): number | null {
  try {
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    // The fields after the command name (which may hold spaces), counted from field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

async function drive(
  url: string,
  server: ChildProcess,
  connections: number,
  seconds: number,
  conversations: number,
  warmup: number,
) {
  let counter = 0;
  const tokens = await sessions(url, conversations);
  const load = (duration: number) =>
    autocannon({
      url: `${url}/webchat/messages`,
      connections,
      duration,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => {
            const n = counter++;
            return {
              ...request,
              headers: { ...request.headers, authorization: `Bearer ${tokens[n % conversations]}` },
              body: JSON.stringify({
                messageId: `m-${n}`,
                text: QUESTIONS[n % QUESTIONS.length],
              }),
            };
          },
        },
      ],
    });
  if (warmup > 0) await load(warmup);
  const cpuAtStart = cpuSeconds(server);
  const result = await load(seconds);
  const cpuAtEnd = cpuSeconds(server);
  const answered = result.requests.total;
  const figures: Figures = {
    messagesPerSecond: result.requests.average,
    cpuMsPerMessage:
      cpuAtStart === null || cpuAtEnd === null || answered === 0
        ? null
        : ((cpuAtEnd - cpuAtStart) * 1000) / answered,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
  return figures;
}

async function main(): Promise<void> {
  const connections = option('connections', 32);
  const seconds = option('seconds', 10);
  const conversations = option('conversations', 256);
  const warmup = option('warmup', 2);
  const loadAtStart = loadavg()[0]?.toFixed(1);
  const rows: [string, Figures][] = [];

  const floorPort = await freePort();
  const floorUrl = `http://127.0.0.1:${floorPort}`;
  const floor = await startServer(
    [path.join(root, 'bin', 'run-ts.js'), 'bench/floor-server.ts', String(floorPort)],
    {},
    floorUrl,
  );
  try {
    process.stderr.write(`floor: bare node:http, ${connections} connections, ${seconds} s\n`);
    rows.push([
      'bare node:http (floor)',
      await drive(floorUrl, floor, connections, seconds, conversations, warmup),
    ]);
  } finally {
    await stop(floor);
  }

  const dataDir = mkdtempSync(path.join(tmpdir(), 'aftercare-load-'));
  // The shipped configuration with the web chat's rate limits lifted: one address drives it all.
  const config = JSON.parse(readFileSync(path.join(root, 'bot.config.json'), 'utf8')) as object;
  const unlimited = { perMinute: 100_000_000, burst: 1_000_000 };
  writeFileSync(
    path.join(dataDir, 'bot.config.json'),
    JSON.stringify({
      ...config,
      webchat: { rateLimit: { perToken: unlimited, perAddress: unlimited } },
    }),
  );
  for (const folder of ['knowledge', 'intents'])
    symlinkSync(path.join(root, folder), path.join(dataDir, folder));
  const appPort = await freePort();
  const appUrl = `http://127.0.0.1:${appPort}`;
  const profileDir = textOption('cpu-prof');
  const app = await startServer(
    [
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : []),
      path.join(root, 'bin', 'aftercare.js'),
      'start',
    ],
    {
      AFTERCARE_DB: path.join(dataDir, 'load.db'),
      AFTERCARE_ROOT: dataDir,
      AFTERCARE_PORT: String(appPort),
      AFTERCARE_HOST: '127.0.0.1',
      AFTERCARE_LOG_LEVEL: 'warn',
    },
    `${appUrl}/healthz`,
  );
  try {
    process.stderr.write(
      `aftercare: one process on SQLite, ${connections} connections, ${seconds} s\n`,
    );
    rows.push([
      'Aftercare, 1 process, SQLite',
      await drive(appUrl, app, connections, seconds, conversations, warmup),
    ]);
  } finally {
    await stop(app);
  }
  try {
    rows.push(
      ...(await postgresRows({
        connections,
        log: (line) => process.stderr.write(line),
        stop,
        async startApp(env) {
          const port = await freePort();
          const url = `http://127.0.0.1:${port}`;
          const child = await startServer(
            [path.join(root, 'bin', 'aftercare.js'), 'start'],
            {
              AFTERCARE_ROOT: dataDir,
              AFTERCARE_PORT: String(port),
              AFTERCARE_HOST: '127.0.0.1',
              AFTERCARE_LOG_LEVEL: 'warn',
              ...env,
            },
            `${url}/healthz`,
          );
          return { url, child };
        },
        drive: (url, child, share) => drive(url, child, share, seconds, conversations, warmup),
      })),
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }

  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const lines = [
    `Machine: ${new Date().toISOString().slice(0, 10)}, ${cpus().length} CPUs (${cpu}), Node ${process.version}; ${connections} connections, ${seconds} s per run after ${warmup} s of warm-up, ${conversations} conversations; load average ${loadAtStart} at start, ${loadavg()[0]?.toFixed(1)} at end`,
    '',
    '| server | messages/s | p50 ms | p99 ms | CPU ms/message | errors | non-2xx |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      ([label, f]) =>
        `| ${label} | ${f.messagesPerSecond.toFixed(0)} | ${f.p50.toFixed(1)} | ${f.p99.toFixed(1)} | ${f.cpuMsPerMessage?.toFixed(3) ?? 'n/a'} | ${f.errors} | ${f.non2xx} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:load failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
