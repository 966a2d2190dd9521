/**
 * Leadership among replicas, for work only one of them may do at a time (Telegram long polling,
 * Slack Socket Mode): a session advisory lock named after the role, tried on a connection of its
 * own every `retryMs`. The holder is the leader until it stops or its session ends (a SIGKILL, a
 * lost network), when PostgreSQL frees the lock and the next try of another replica wins it.
 */
import pg from 'pg';

/** Advisory-lock class 2 is "leader of a role" (class 1 is "replica alive", replica.ts). */
export const LEADER_LOCK_CLASS = 0x61667402;

export interface LeaderOptions {
  readonly url: string;
  /** What the leader does, e.g. `telegram-polling`. */
  readonly role: string;
  /** Who is asking (the replica id), for logs and pg_stat_activity. */
  readonly replicaId: string;
  /** How often a follower tries again (default 5 s). */
  readonly retryMs?: number;
  /** Called once when this replica becomes the leader. */
  readonly onElected: () => void | Promise<void>;
  /** Called when leadership is lost (the lock's connection ended); elections then resume. */
  readonly onLost?: (reason: string) => void;
}

export interface Leader {
  readonly isLeader: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createLeader(options: LeaderOptions): Leader {
  const retryMs = options.retryMs ?? 5000;
  let client: pg.Client | null = null;
  let leader = false;
  let stopped = true;
  let timer: NodeJS.Timeout | null = null;

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => void attempt(), retryMs);
    timer.unref();
  };

  const lost = (reason: string): void => {
    const was = leader;
    leader = false;
    client = null;
    if (was) options.onLost?.(reason);
    schedule();
  };

  async function attempt(): Promise<void> {
    timer = null;
    if (stopped) return;
    try {
      if (!client) {
        const connection = new pg.Client({
          connectionString: options.url,
          application_name: `aftercare ${options.replicaId} (${options.role})`,
        });
        connection.on('error', () => undefined);
        connection.on('end', () => {
          if (client === connection && !stopped) lost('the connection holding the lock ended');
        });
        await connection.connect();
        client = connection;
      }
      const { rows } = await client.query<{ won: boolean }>(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS won',
        [LEADER_LOCK_CLASS, options.role],
      );
      if (rows[0]?.won === true) {
        leader = true;
        await options.onElected();
        return;
      }
    } catch {
      // The database is unreachable now, or the elected work could not start (it logged why):
      // let the lock go and try again later.
      leader = false;
      const connection = client;
      client = null;
      await connection?.end().catch(() => undefined);
    }
    schedule();
  }

  return {
    get isLeader() {
      return leader;
    },
    async start() {
      if (!stopped) return;
      stopped = false;
      await attempt();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      leader = false;
      const connection = client;
      client = null;
      await connection?.end().catch(() => undefined);
    },
  };
}
