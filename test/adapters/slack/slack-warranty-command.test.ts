/**
 * `/warranty SERIAL` in Slack: the staff report from the warranty code, in the acknowledgement
 * when it is ready within the budget, otherwise by the command's response_url.
 */
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/slack-adapter';
import { slackMrkdwn } from '../../../adapters/shared/platform-renderers';
import { renderMarkdown } from '../../../adapters/shared/render';
import { postToApp, slashCommand, startSlackStandIn, type SlackStandIn } from '../../stand-ins/slack-web-api';
import { startRealCore } from '../support/real-core';
import { signingSecret } from './harness';
import { createStaffWarranty } from './staff-warranty';

let slack: SlackStandIn;
let core: Awaited<ReturnType<typeof startRealCore>>;
let adapter: SlackAdapter;
let staffWarranty: (serial: string) => Promise<string>;
/** Holds the report back until the test lets it go (a slow lookup). */
let gate: Promise<void> = Promise.resolve();

beforeEach(async () => {
  slack = await startSlackStandIn();
  core = await startRealCore();
  staffWarranty = createStaffWarranty(core.app, core.rootDir);
  gate = Promise.resolve();
  const gated = async (serial: string) => {
    await gate;
    return staffWarranty(serial);
  };
  adapter = createSlackAdapter({ botToken: slack.botToken, signingSecret, apiUrl: slack.apiUrl, staffWarranty: gated, commandAckBudgetMs: 1_000, retry: { delaysMs: [5], maxRetryAfterMs: 1_000 } }, core.context);
  await adapter.start();
});

afterEach(async () => {
  await adapter.stop();
  await slack.close();
  await core.close();
});

const run = (text: string) => postToApp(`${core.url}/slack/events`, slashCommand('/warranty', text, slack.responseUrl('cmd')), 'application/x-www-form-urlencoded', { signingSecret });

describe('Slack /warranty', () => {
  it('answers a known serial with the staff report in the acknowledgement', async () => {
    const report = await staffWarranty('NV12-2501-0001');
    expect(report).toContain('Sara Ahmadi');

    const ack = await run('NV12 2501 0001');

    expect(ack.status).toBe(200);
    expect(JSON.parse(ack.body)).toEqual({ response_type: 'ephemeral', text: renderMarkdown(report, slackMrkdwn) });
    expect(JSON.parse(ack.body).text).toContain('*Warranty NV12');
  });

  it('says that an unknown serial is not on record', async () => {
    const ack = await run('ZZ99-0000-0000');

    expect(ack.status).toBe(200);
    expect(JSON.parse(ack.body)).toEqual({ response_type: 'ephemeral', text: renderMarkdown(await staffWarranty('ZZ99-0000-0000'), slackMrkdwn) });
    expect(JSON.parse(ack.body).text).toMatch(/no unit with this serial is on record/);
  });

  it('acknowledges in time when the lookup is slow, and posts the report to the response_url', async () => {
    let release = (): void => undefined;
    gate = new Promise((resolve) => {
      release = resolve;
    });

    const ack = await run('NV12-2501-0001');
    expect(ack).toEqual({ status: 200, body: '' });
    expect(slack.responses()).toEqual([]);
    release();
    await adapter.settled();

    expect(slack.responses()).toEqual([{ response_type: 'ephemeral', text: renderMarkdown(await staffWarranty('NV12-2501-0001'), slackMrkdwn) }]);
  });

  it('explains the usage when the serial is missing', async () => {
    const ack = await run('  ');
    expect(JSON.parse(ack.body).text).toMatch(/^Usage: `\/warranty SERIAL`/);
  });

  it('refuses a forged command', async () => {
    const forged = await postToApp(`${core.url}/slack/events`, slashCommand('/warranty', 'NV12-2501-0001', slack.responseUrl('cmd')), 'application/x-www-form-urlencoded', { signingSecret: 'forged' });
    await adapter.settled();
    expect(forged.status).toBe(401);
    expect(slack.responses()).toEqual([]);
  });
});
