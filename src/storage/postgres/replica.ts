/**
 * One running process among several on the same database. While it lives it holds a session
 * advisory lock named after its id on a connection of its own; when it dies (SIGKILL, a lost
 * network) PostgreSQL ends the session and frees the lock. Another replica tells a dead one from a
 * live one by trying that lock.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import pg from 'pg';
import type { Queryable } from './async-port';

/** The advisory-lock key (two int4 halves) for a replica id; class 1 is "replica alive". */
export const REPLICA_LOCK_CLASS = 0x61667401;

export interface Replica {
  /** `host:pid:random`, unique per process. */
  readonly id: string;
  /** Holds the liveness lock until `stop()`. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function newReplicaId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** SQL for the lock key of a replica id, as `$n` parameter text. */
export const replicaKey = (param: string): string => `${REPLICA_LOCK_CLASS}, hashtext(${param})`;

export function createReplica(url: string, id: string = newReplicaId()): Replica {
  let client: pg.Client | null = null;
  return {
    id,
    async start() {
      if (client) return;
      const connection = new pg.Client({
        connectionString: url,
        application_name: `aftercare ${id}`,
      });
      // A dropped liveness connection is noticed by the others (the lock is free); nothing to do here.
      connection.on('error', () => undefined);
      await connection.connect();
      await connection.query(`SELECT pg_advisory_lock(${replicaKey('$1')})`, [id]);
      client = connection;
    },
    async stop() {
      const connection = client;
      client = null;
      await connection?.end().catch(() => undefined);
    },
  };
}

/** True when the replica `id` is gone: nobody holds its liveness lock. */
export async function replicaIsGone(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query<{ held: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM pg_locks
       WHERE locktype = 'advisory' AND granted
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND classid = ${REPLICA_LOCK_CLASS}::oid
         AND objid = hashtext($1)::oid AND objsubid = 2
     ) AS held`,
    [id],
  );
  return rows[0]?.held !== true;
}
