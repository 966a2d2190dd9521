/**
 * `/warranty SERIAL` in Slack: acknowledged at once (an empty 200), then the staff report from
 * the warranty code posted to the command's response_url.
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

beforeEach(async () => {
  slack = await startSlackStandIn();
  core = await startRealCore();
  staffWarranty = createStaffWarranty(core.app, core.rootDir);
  adapter = createSlackAdapter({ botToken: slack.botToken, signingSecret, apiUrl: slack.apiUrl, staffWarranty, retry: { delaysMs: [5], maxRetryAfterMs: 1_000 } }, core.context);
  await adapter.start();
});

afterEach(async () => {
  await adapter.stop();
  await slack.close();
  await core.close();
});

const run = (text: string) => postToApp(`${core.url}/slack/events`, slashCommand('/warranty', text, slack.responseUrl('cmd')), 'application/x-www-form-urlencoded', { signingSecret });

describe('Slack /warranty', () => {
  it('acknowledges at once and posts the staff report of a known serial to the response_url', async () => {
    const report = await staffWarranty('NV12-2501-0001');
    expect(report).toContain('Sara Ahmadi');

    const ack = await run('NV12 2501 0001');
    await adapter.settled();

    expect(ack).toEqual({ status: 200, body: '' });
    expect(slack.responses()).toEqual([{ response_type: 'ephemeral', text: renderMarkdown(report, slackMrkdwn) }]);
    expect(String(slack.responses()[0]?.text)).toContain('*Warranty NV12');
  });

  it('says that an unknown serial is not on record', async () => {
    const ack = await run('ZZ99-0000-0000');
    await adapter.settled();

    expect(ack.status).toBe(200);
    expect(slack.responses()).toEqual([{ response_type: 'ephemeral', text: renderMarkdown(await staffWarranty('ZZ99-0000-0000'), slackMrkdwn) }]);
    expect(String(slack.responses()[0]?.text)).toMatch(/no unit with this serial is on record/);
  });

  it('explains the usage when the serial is missing', async () => {
    await run('  ');
    await adapter.settled();
    expect(String(slack.responses()[0]?.text)).toMatch(/^Usage: `\/warranty SERIAL`/);
  });

  it('refuses a forged command', async () => {
    const forged = await postToApp(`${core.url}/slack/events`, slashCommand('/warranty', 'NV12-2501-0001', slack.responseUrl('cmd')), 'application/x-www-form-urlencoded', { signingSecret: 'forged' });
    await adapter.settled();
    expect(forged.status).toBe(401);
    expect(slack.responses()).toEqual([]);
  });
});
