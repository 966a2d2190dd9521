/**
 * What replicas on one PostgreSQL database use to act as one: a leader per role (one Telegram
 * poller, one Slack Socket Mode connection) that moves to another replica when the leader's
 * session dies, and live events that reach every replica (LISTEN/NOTIFY).
 */
import type { ConversationKey } from '../../src/core/ports';
import { createLeader, type Leader } from '../../src/storage/postgres/leader';
import { createLiveEvents, type LiveEvents } from '../../src/storage/postgres/live-events';
import { createPool, type PostgresPool } from '../../src/storage/postgres/pool';
import { eventually } from '../helpers/eventually';
import { describePostgres } from '../helpers/postgres';
import { postgresTestDatabase } from '../helpers/postgres-backend';

const database = postgresTestDatabase();

describePostgres('replicas on one PostgreSQL database', () => {
  const leaders: Leader[] = [];
  const buses: LiveEvents[] = [];
  const pools: PostgresPool[] = [];
  afterEach(async () => {
    await Promise.all(leaders.splice(0).map((leader) => leader.stop()));
    await Promise.all(buses.splice(0).map((bus) => bus.stop()));
    await Promise.all(pools.splice(0).map((pool) => pool.end()));
  });

  test('one leader per role; when its session dies another replica takes over', async () => {
    await database.fresh();
    const url = database.url();
    const elected: string[] = [];
    const lostBy: string[] = [];
    let nextElection: (id: string) => void = () => undefined;
    const contender = (id: string, role = 'telegram-polling'): Leader => {
      const leader = createLeader({
        url,
        role,
        replicaId: id,
        retryMs: 50,
        onElected: () => {
          elected.push(`${role}:${id}`);
          nextElection(id);
        },
        onLost: () => lostBy.push(id),
      });
      leaders.push(leader);
      return leader;
    };
    const a = contender('a');
    const b = contender('b');
    const c = contender('c');
    await Promise.all([a.start(), b.start(), c.start()]);
    expect(elected).toHaveLength(1);
    expect([a, b, c].filter((leader) => leader.isLeader)).toHaveLength(1);
    // Another role has its own leader.
    const slack = contender('b', 'slack-socket-mode');
    await slack.start();
    expect(slack.isLeader).toBe(true);

    // The leader's session is killed from outside, as a SIGKILL or a lost network ends it.
    const first = elected[0]?.split(':')[1] as string;
    const takeover = new Promise<string>((resolve) => (nextElection = resolve));
    const admin = createPool(url);
    pools.push(admin);
    await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
      [`aftercare ${first} (telegram-polling)`],
    );
    const second = await takeover;
    expect(second).not.toBe(first);
    // The old leader learns of its lost session from its connection's end, which may come after
    // another replica's next try has already won the freed lock.
    await eventually(async () => lostBy.includes(first), `${first} is told it lost the lead`);
    expect(lostBy).toEqual([first]);
    expect(elected.filter((entry) => entry.startsWith('telegram-polling:'))).toHaveLength(2);
  });

  test('a reply announced on one replica reaches the listeners of every replica', async () => {
    const pool = await database.fresh();
    const url = database.url();
    const [one, two] = [createLiveEvents(url), createLiveEvents(url)];
    buses.push(one, two);
    await Promise.all([one.start(), two.start()]);
    const heard = (bus: LiveEvents) =>
      new Promise<ConversationKey>((resolve) => {
        const stop = bus.subscribe((key) => {
          stop();
          resolve(key);
        });
      });
    const onOne = heard(one);
    const onTwo = heard(two);
    // A stray notification on the channel with a bad payload is ignored, not a crash.
    await pool.query("SELECT pg_notify('aftercare_replies', 'not json')");
    await one.publish(pool, { channel: 'webchat', conversationId: 'w-Ελένη' });
    expect(await onOne).toEqual({ channel: 'webchat', conversationId: 'w-Ελένη' });
    expect(await onTwo).toEqual({ channel: 'webchat', conversationId: 'w-Ελένη' });
  });
});
