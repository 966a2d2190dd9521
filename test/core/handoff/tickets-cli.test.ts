/**
 * `aftercare tickets`: the queue on the command line, on the database of a running app. A reply
 * or Resolve given there is recorded, and the running bot sends it on its next tick.
 */
import path from 'node:path';
import { createApp, type App } from '../../../src/app';
import { ticketCard, ticketCardReply } from '../../../src/core/handoff/ticket-card';
import { openDatabase } from '../../../src/storage/sqlite/open-database';
import { createSqliteTicketStore } from '../../../src/storage/sqlite/ticket-store';
import { silentLogger } from '../../../src/logger';
import { repoRoot } from '../../helpers/paths';
import { runAftercare } from '../../helpers/run-cli';
import { makeTempDir, removeTempDirs } from '../../helpers/temp-dir';

let app: App;
let dbPath: string;
let counter = 0;
const env = (): Record<string, string> => ({ AFTERCARE_DB: dbPath });

const say = (conversationId: string, text: string) =>
  app.handle({
    channel: 'webchat',
    conversationId,
    userId: 'u',
    messageId: `m${++counter}`,
    text,
    receivedAt: app.clock.now(),
  });

beforeAll(async () => {
  dbPath = path.join(makeTempDir('aftercare-tickets-cli-'), 'aftercare.db');
  app = createApp({ rootDir: repoRoot, dbPath, env: {}, logger: silentLogger, channels: 'none' });
  await say('web-1', '/human');
  // With handoff.target none the bot goes on after the hand-off: the ticket keeps what came before.
  await say('web-2', 'سلام، کسی هست؟');
  await say('web-2', 'اپراتور');
});
afterAll(async () => {
  await app.close();
  removeTempDirs();
});

describe('aftercare tickets', () => {
  test('lists open tickets as a table and as JSON', async () => {
    const listed = await runAftercare(['tickets', '--status', 'open'], { env: env() });
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+CHANNEL\s+LANG\s+REASON/);
    expect(lines.slice(1).map((line) => line.split(/\s+/).slice(0, 5))).toEqual([
      ['#2', 'open', 'webchat', 'fa', 'requested'],
      ['#1', 'open', 'webchat', 'en', 'requested'],
    ]);

    const json = await runAftercare(['tickets', '--json'], { env: env() });
    const tickets = JSON.parse(json.stdout) as {
      id: string;
      status: string;
      locale: string;
      conversationId: string;
    }[];
    expect(
      tickets.map((ticket) => [ticket.id, ticket.status, ticket.locale, ticket.conversationId]),
    ).toEqual([
      ['2', 'open', 'fa', 'web-2'],
      ['1', 'open', 'en', 'web-1'],
    ]);
  });

  test('show prints the transcript, including what the customer wrote before the hand-off', async () => {
    const shown = await runAftercare(['tickets', 'show', '2'], { env: env() });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('اپراتور');
    expect(shown.stdout).toContain('سلام، کسی هست؟');
  });

  test('reply and resolve are recorded by the CLI and sent by the running bot', async () => {
    const replied = await runAftercare(
      ['tickets', 'reply', '1', 'Hello', 'from', 'the', 'office', '--as', 'Mina'],
      { env: env() },
    );
    expect(replied).toMatchObject({ code: 0, stderr: '' });
    const resolved = await runAftercare(['tickets', 'resolve', '1', '--as', 'Mina'], {
      env: env(),
    });
    expect(resolved.code).toBe(0);
    await app.desk.tick();

    const sent = (
      await app.store.repliesAfter({ channel: 'webchat', conversationId: 'web-1' }, 0)
    ).map((stored) => stored.reply.text);
    expect(sent.slice(-2)).toEqual([
      'Hello from the office',
      expect.stringContaining('How satisfied are you'),
    ]);
    expect(
      (await app.store.loadState({ channel: 'webchat', conversationId: 'web-1' })).handoffActive,
    ).toBe(false);
    const after = JSON.parse(
      (await runAftercare(['tickets', '--status', 'resolved', '--json'], { env: env() })).stdout,
    ) as { id: string; assignee: string }[];
    expect(after).toEqual([expect.objectContaining({ id: '1', assignee: 'Mina' })]);
    expect((await runAftercare(['tickets', 'resolve', '1'], { env: env() })).code).toBe(1);
  });

  test('usage errors say how to call it', async () => {
    const bad = await runAftercare(['tickets', '--status', 'lost'], { env: env() });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--status must be one of open, claimed, resolved');
    expect((await runAftercare(['tickets', 'reply', '1'], { env: env() })).code).toBe(2);
    expect((await runAftercare(['tickets', 'show', '99'], { env: env() })).code).toBe(1);
  });
});

describe('a chat from the CLI is a test', () => {
  test('aftercare ask hands off to a ticket marked as a test in the queue and on the staff card', async () => {
    const dir = makeTempDir('aftercare-tickets-cli-test-');
    const cliEnv = { AFTERCARE_DB: path.join(dir, 'aftercare.db') };
    const asked = await runAftercare(
      ['ask', '--conversation', 'script-1', 'I want to talk to a person', '--json'],
      { env: cliEnv },
    );
    expect(asked.code).toBe(0);
    const listed = await runAftercare(['tickets', '--json'], { env: cliEnv });
    const [ticket] = JSON.parse(listed.stdout) as { id: string; channel: string; test: boolean }[];
    expect(ticket).toMatchObject({ channel: 'cli', test: true });
    const table = await runAftercare(['tickets'], { env: cliEnv });
    expect(table.stdout.trim().split('\n')[1]).toMatch(/test \(CLI\)$/);
    // A customer's ticket is not marked.
    const customers = await runAftercare(['tickets'], { env: env() });
    expect(customers.stdout).not.toContain('test (CLI)');

    const db = openDatabase(cliEnv.AFTERCARE_DB);
    try {
      const stored = (await createSqliteTicketStore(db).get(ticket!.id))!;
      expect(ticketCardReply(ticketCard(stored, [], [])).text).toContain('**TEST**');
      const customer = { ...stored, customer: { channel: 'webchat', conversationId: 'w' } };
      expect(ticketCardReply(ticketCard(customer, [], [])).text).not.toContain('TEST');
    } finally {
      db.close();
    }
  });
});
