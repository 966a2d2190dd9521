/**
 * The Bolt adapter in Socket Mode (SLACK_APP_TOKEN set): apps.connections.open on the Web API
 * stand-in, then events and commands over a local WebSocket instead of HTTP.
 */
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/slack-adapter';
import {
  directMessage,
  eventEnvelope,
  startSlackStandIn,
  type SlackStandIn,
} from '../../stand-ins/slack-web-api';
import { startSocketModeStandIn, type SocketModeStandIn } from '../../stand-ins/slack-socket-mode';
import { startTestCore, type TestCore } from '../support/test-core';
import { signingSecret, slackTexts } from './harness';

let slack: SlackStandIn;
let socket: SocketModeStandIn;
let core: TestCore;
let adapter: SlackAdapter;

beforeEach(async () => {
  slack = await startSlackStandIn();
  socket = await startSocketModeStandIn();
  slack.setSocketUrl(socket.url);
  core = await startTestCore();
  adapter = createSlackAdapter(
    {
      botToken: slack.botToken,
      signingSecret,
      appToken: 'xapp-test-token',
      apiUrl: slack.apiUrl,
      retry: { delaysMs: [5, 5], maxRetryAfterMs: 1_000 },
      staffWarranty: (serial) =>
        Promise.resolve(`**Warranty ${serial}**: no unit with this serial is on record.`),
    },
    core.context,
  );
  await adapter.start();
  await socket.connected();
});

afterEach(async () => {
  await adapter.stop();
  await socket.close();
  await slack.close();
  await core.close();
});

describe('Slack (Bolt, Socket Mode)', () => {
  it('opens the connection with the app token and serves no HTTP endpoint', async () => {
    expect(slack.log.succeeded('apps.connections.open')).toHaveLength(1);
    expect((await fetch(`${core.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(
      404,
    );
  });

  it('answers a direct message that arrives over the socket, once even when Slack sends it again', async () => {
    const question = 'How long is the warranty?';
    const envelope = eventEnvelope(directMessage(question));

    expect((await socket.push('events_api', envelope)).envelope_id).toBe('envelope-1');
    await adapter.settled();
    await socket.push('events_api', envelope, 1);
    await adapter.settled();

    expect(harnessTexts()).toEqual(slackTexts(await core.expectedReplies({ text: question })));
    expect(core.storedIncoming('slack')).toBe(1);
  });

  it('answers /warranty in the acknowledgement of the command envelope', async () => {
    const ack = await socket.push('slash_commands', {
      token: 'x',
      team_id: 'T0AFTERCARE',
      channel_id: 'C0SUPPORT1',
      user_id: 'U0STAFF01',
      command: '/warranty',
      text: 'ZZ99-0000-0000',
      api_app_id: 'A0AFTERCARE',
      response_url: slack.responseUrl('socket'),
      trigger_id: '1.2.socket',
    });

    expect(ack.payload).toEqual({
      response_type: 'ephemeral',
      text: '*Warranty ZZ99-0000-0000*: no unit with this serial is on record.',
    });
  });
});

function harnessTexts(): string[] {
  return slack.posts().map((post) => post.text);
}
