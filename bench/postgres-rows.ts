/**
 * The PostgreSQL rows of `npm run bench:load`: Aftercare as one and as two replicas on one
 * PostgreSQL database, each run on a fresh database. The server is AFTERCARE_BENCH_PG_URL when set
 * (any database on it; the bench creates its own), else a throw-away cluster started like the
 * tests' (test/helpers/postgres-cluster.ts) when PostgreSQL is installed; with neither, no rows
 * and one line saying so. Two replicas are driven at once, half the connections each, as a load
 * balancer would spread them: messages/s and CPU add up, the latencies are the worse replica's.
 */
import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { findPostgresBin, startThrowawayCluster } from '../test/helpers/postgres-cluster';

export interface DrivenFigures {
  readonly messagesPerSecond: number;
  readonly cpuMsPerMessage: number | null;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly non2xx: number;
}

export interface PostgresBench {
  /** Starts `aftercare start` with these variables added; resolves once /healthz answers. */
  startApp(env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess }>;
  drive(url: string, child: ChildProcess, connections: number): Promise<DrivenFigures>;
  stop(child: ChildProcess): Promise<void>;
  readonly connections: number;
  log(line: string): void;
}

async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The replicas' figures as one server's; CPU per message weighted by the messages each answered. */
function combined(figures: readonly DrivenFigures[]): DrivenFigures {
  const total = figures.reduce((sum, f) => sum + f.messagesPerSecond, 0);
  const cpu = figures.every((f) => f.cpuMsPerMessage !== null)
    ? figures.reduce((sum, f) => sum + (f.cpuMsPerMessage ?? 0) * f.messagesPerSecond, 0) /
      Math.max(1, total)
    : null;
  return {
    messagesPerSecond: figures.reduce((sum, f) => sum + f.messagesPerSecond, 0),
    cpuMsPerMessage: cpu,
    p50: Math.max(...figures.map((f) => f.p50)),
    p99: Math.max(...figures.map((f) => f.p99)),
    errors: figures.reduce((sum, f) => sum + f.errors, 0),
    non2xx: figures.reduce((sum, f) => sum + f.non2xx, 0),
  };
}

export async function postgresRows(bench: PostgresBench): Promise<[string, DrivenFigures][]> {
  if (process.argv.includes('--sqlite-only')) {
    bench.log('PostgreSQL rows skipped (--sqlite-only)\n');
    return [];
  }
  let serverUrl = process.env.AFTERCARE_BENCH_PG_URL ?? null;
  let stopCluster = async (): Promise<void> => {};
  if (serverUrl === null) {
    const bin = findPostgresBin();
    if (bin === null) {
      bench.log(
        'PostgreSQL rows skipped: set AFTERCARE_BENCH_PG_URL or install postgresql (Debian: apt-get install postgresql)\n',
      );
      return [];
    }
    const cluster = await startThrowawayCluster(bin);
    serverUrl = cluster.url;
    stopCluster = () => cluster.stop();
  }
  const rows: [string, DrivenFigures][] = [];
  try {
    for (const replicas of [1, 2]) {
      const url = await createDatabase(serverUrl, `aftercare_bench_${replicas}_${Date.now()}`);
      const env = {
        AFTERCARE_DATABASE_URL: url,
        AFTERCARE_WEBCHAT_SECRET: 'bench'.repeat(10),
      };
      // One after the other: the first migrates, the second finds the schema ready.
      const started: { url: string; child: ChildProcess }[] = [];
      try {
        for (let n = 0; n < replicas; n++) started.push(await bench.startApp(env));
        bench.log(
          `aftercare: ${replicas} replica(s) on PostgreSQL, ${bench.connections} connections in all\n`,
        );
        const share = Math.max(1, Math.round(bench.connections / replicas));
        const figures = await Promise.all(
          started.map((replica) => bench.drive(replica.url, replica.child, share)),
        );
        rows.push([
          `Aftercare, ${replicas} replica${replicas === 1 ? '' : 's'}, PostgreSQL`,
          combined(figures),
        ]);
      } finally {
        for (const replica of started) await bench.stop(replica.child);
      }
    }
  } finally {
    await stopCluster();
  }
  return rows;
}
