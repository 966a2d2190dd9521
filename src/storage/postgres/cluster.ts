/**
 * What one replica needs to act with the others as one bot on a shared PostgreSQL database: its
 * liveness lock (replica.ts: a SIGKILLed replica's claims are taken back), leaders for the work
 * only one replica may do (leader.ts: long polling, Socket Mode, the timers) and live events that
 * reach every replica (live-events.ts: the web chat's streams).
 */
import type { Leader, LeaderOptions } from './leader';
import { createLeader, LEADER_LOCK_CLASS } from './leader';
import { createLiveEvents, type LiveEvents } from './live-events';
import { recoverClaims } from './outbox-store';
import type { ConversationKey } from '../../core/ports';
import { on, type PostgresPool } from './pool';
import { createReplica, newReplicaId } from './replica';

export interface Cluster {
  /** `host:pid:random`: names this replica's claims and its log lines. */
  readonly replicaId: string;
  readonly live: LiveEvents;
  /** Announces new replies of `key` to every replica (at commit, inside a transaction). */
  announce(key: ConversationKey): Promise<void>;
  /** A leader for `role` among the replicas (started by the caller). */
  leader(role: string, handlers: Pick<LeaderOptions, 'onElected' | 'onLost' | 'retryMs'>): Leader;
  /** The replica id of the leader of `role` now, or null when nobody leads it. */
  leaderOf(role: string): Promise<string | null>;
  /** Jobs claimed by replicas that are gone go back to waiting, in every queue (the sweep). */
  recoverGone(at: Date): Promise<{ requeued: number; abandoned: number }>;
  /** Takes the liveness lock and starts listening; call before claiming any job. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createCluster(url: string, pool: PostgresPool): Cluster {
  const replicaId = newReplicaId();
  const replica = createReplica(url, replicaId);
  const live = createLiveEvents(url);
  const leaders: Leader[] = [];
  return {
    replicaId,
    live,
    announce: (key) => live.publish(on(pool), key),
    leader(role, handlers) {
      const leader = createLeader({ url, role, replicaId, ...handlers });
      leaders.push(leader);
      return leader;
    },
    async leaderOf(role) {
      const { rows } = await pool.query<{ name: string }>(
        `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1::oid
           AND l.objid = hashtext($2)::oid AND l.objsubid = 2
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [LEADER_LOCK_CLASS, role],
      );
      const name = rows[0]?.name ?? '';
      // leader.ts names its connection `aftercare <replica id> (<role>)`.
      const match = /^aftercare (.+) \(.+\)$/.exec(name);
      return match?.[1] ?? null;
    },
    async recoverGone(at) {
      const { requeued, abandoned } = await recoverClaims(pool, { replicaId, ownToo: false }, at);
      return { requeued, abandoned: abandoned.length };
    },
    async start() {
      await replica.start();
      await live.start();
    },
    async stop() {
      await Promise.all(leaders.splice(0).map((leader) => leader.stop()));
      await live.stop();
      await replica.stop();
    },
  };
}
