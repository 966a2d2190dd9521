/**
 * `/warranty SERIAL` in Slack, with the Slack channel started by the app from its variables (as
 * `npm start` does) and the app's own staff lookup behind it: the staff report in the
 * acknowledgement when it is ready within the budget, otherwise by the command's response_url.
 */
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/slack-adapter';
import { slackMrkdwn } from '../../../adapters/shared/platform-renderers';
import { renderMarkdown } from '../../../adapters/shared/render';
import {
  postToApp,
  slashCommand,
  startSlackStandIn,
  type SlackStandIn,
} from '../../stand-ins/slack-web-api';
import { startRealCore } from '../support/real-core';
import { signingSecret } from './harness';
import { importSampleUnits } from './staff-warranty';

let slack: SlackStandIn;
let core: Awaited<ReturnType<typeof startRealCore>>;
let report: (serial: string) => Promise<string>;

beforeEach(async () => {
  slack = await startSlackStandIn();
  core = await startRealCore(
    {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
    },
    'all',
  );
  report = await importSampleUnits(core.app, core.rootDir);
});

afterEach(async () => {
  await slack.close();
  await core.close();
});

const run = (text: string) =>
  postToApp(
    `${core.url}/slack/events`,
    slashCommand('/warranty', text, slack.responseUrl('cmd')),
    'application/x-www-form-urlencoded',
    { signingSecret },
  );

describe('Slack /warranty', () => {
  it('runs on the Slack channel the app started from its variables', () => {
    expect(core.app.channels.find((status) => status.channel === 'slack')).toEqual({
      channel: 'slack',
      started: true,
      missing: [],
    });
  });

  it('answers a known serial with the staff report in the acknowledgement', async () => {
    expect(await report('NV12-2501-0001')).toContain('Sara Ahmadi');

    const ack = await run('NV12 2501 0001');

    expect(ack.status).toBe(200);
    expect(JSON.parse(ack.body)).toEqual({
      response_type: 'ephemeral',
      text: renderMarkdown(await report('NV12-2501-0001'), slackMrkdwn),
    });
    expect(JSON.parse(ack.body).text).toContain('*Warranty NV12');
  });

  it('says that an unknown serial is not on record', async () => {
    const ack = await run('ZZ99-0000-0000');

    expect(ack.status).toBe(200);
    expect(JSON.parse(ack.body)).toEqual({
      response_type: 'ephemeral',
      text: renderMarkdown(await report('ZZ99-0000-0000'), slackMrkdwn),
    });
    expect(JSON.parse(ack.body).text).toMatch(/no unit with this serial is on record/);
  });

  it('explains the usage when the serial is missing', async () => {
    const ack = await run('  ');
    expect(JSON.parse(ack.body).text).toMatch(/^Usage: `\/warranty SERIAL`/);
  });

  it('refuses a forged command', async () => {
    const forged = await postToApp(
      `${core.url}/slack/events`,
      slashCommand('/warranty', 'NV12-2501-0001', slack.responseUrl('cmd')),
      'application/x-www-form-urlencoded',
      { signingSecret: 'forged' },
    );
    expect(forged.status).toBe(401);
    expect(slack.responses()).toEqual([]);
  });
});

describe('Slack /warranty with a slow lookup', () => {
  let adapter: SlackAdapter;

  afterEach(async () => {
    await adapter.stop();
  });

  it('acknowledges in time and posts the report to the response_url when it is ready', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The app's own adapter is mounted on /slack/events; this one gets a path of its own.
    adapter = createSlackAdapter(
      {
        botToken: slack.botToken,
        signingSecret,
        apiUrl: slack.apiUrl,
        path: '/slack/slow',
        commandAckBudgetMs: 200,
        staffWarranty: async (serial) => {
          await gate;
          return report(serial);
        },
      },
      core.context,
    );
    await adapter.start();

    const ack = await postToApp(
      `${core.url}/slack/slow`,
      slashCommand('/warranty', 'NV12-2501-0001', slack.responseUrl('slow')),
      'application/x-www-form-urlencoded',
      { signingSecret },
    );
    expect(ack).toEqual({ status: 200, body: '' });
    expect(slack.responses()).toEqual([]);
    release();
    await adapter.settled();

    expect(slack.responses()).toEqual([
      {
        response_type: 'ephemeral',
        text: renderMarkdown(await report('NV12-2501-0001'), slackMrkdwn),
      },
    ]);
  });
});
