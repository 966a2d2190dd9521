/**
 * Issue 18, "Read more": the real app on the shipped knowledge answers a FAQ question with a link
 * to the entry's help page, in the customer's language (and Serbian script), and each channel
 * renders it its own way: a URL button on Telegram, a link button on Slack, Action.OpenUrl on
 * Teams. The link's page exists. Without a public address only the web chat gets a (relative) link.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toPlatformReply as toSlack } from '../../adapters/slack/to-platform-reply';
import { toPlatformReply as toTeams } from '../../adapters/teams/to-platform-reply';
import { toPlatformReply as toTelegram } from '../../adapters/telegram/to-platform-reply';
import type { Reply } from '../../src/core/message';
import { repoRoot } from '../helpers/paths';
import { startApp, type RunningApp } from '../helpers/start-app';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

const baseUrl = 'https://help.example.com';

function configWith(help: Record<string, unknown>): string {
  const config = JSON.parse(readFileSync(path.join(repoRoot, 'bot.config.json'), 'utf8')) as object;
  const file = path.join(makeTempDir('aftercare-config-'), 'bot.config.json');
  writeFileSync(file, JSON.stringify({ ...config, help }));
  return file;
}

let sequence = 0;
async function ask(running: RunningApp, text: string, channel = 'telegram'): Promise<Reply> {
  sequence += 1;
  const replies = await running.app.handle({
    channel,
    conversationId: `read-more-${sequence}`,
    userId: `customer-${sequence}`,
    messageId: `m-${sequence}`,
    text,
    receivedAt: new Date(),
  });
  const answer = replies.find((reply) => reply.faq !== null);
  if (!answer) throw new Error(`"${text}" got no FAQ answer: ${JSON.stringify(replies)}`);
  return answer;
}

afterAll(removeTempDirs);

describe('with help.baseUrl', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ configPath: configWith({ baseUrl }) });
  });
  afterAll(() => running.close());

  it.each([
    ['en', 'How long is the warranty?', 'Read more'],
    ['fa', 'گارانتی محصول چقدر است؟', 'بیشتر بخوانید'],
    ['sr', 'Колико траје гаранција?', 'Прочитајте више'],
    ['sr', 'Koliko traje garancija?', 'Pročitajte više'],
  ])('a %s answer links its help page: %s', async (locale, question, label) => {
    const reply = await ask(running, question);
    expect(reply).toMatchObject({ faq: 'warranty-period', locale });
    expect(reply.readMore).toEqual({ label, url: `${baseUrl}/help/${locale}/warranty-period` });
    const page = await fetch(`${running.url}/help/${locale}/warranty-period`);
    expect(page.status).toBe(200);
  });

  it('Telegram shows a URL button, Slack a link button, Teams an Action.OpenUrl', async () => {
    const reply = await ask(running, 'How long is the warranty?');
    const url = `${baseUrl}/help/en/warranty-period`;

    const telegram = toTelegram(reply);
    const keyboard = telegram.at(-1)?.reply_markup?.inline_keyboard ?? [];
    expect(keyboard[0]).toEqual([{ text: 'Read more', url }]);
    // The follow-up questions are still buttons that answer.
    expect(keyboard.slice(1).every((row) => row.every((button) => 'callback_data' in button))).toBe(
      true,
    );

    const slack = toSlack(reply);
    const buttons = (slack[0]?.blocks ?? []).flatMap((block) =>
      block.type === 'actions' ? block.elements : [],
    );
    expect(buttons[0]).toMatchObject({ url, text: { text: 'Read more' } });

    const teams = toTeams(reply);
    const actions = (teams.at(-1)?.attachments?.[0]?.content.actions ?? []) as {
      type: string;
      url?: string;
      title: string;
    }[];
    expect(actions[0]).toEqual({ type: 'Action.OpenUrl', title: 'Read more', url });
  });

  it('a "did you mean" question carries no link (nothing is answered yet)', async () => {
    sequence += 1;
    const replies = await running.app.handle({
      channel: 'telegram',
      conversationId: `read-more-${sequence}`,
      userId: 'c',
      messageId: `m-${sequence}`,
      text: 'warranty',
      receivedAt: new Date(),
    });
    const clarify = replies.filter((candidate) => candidate.kind === 'clarify');
    expect(clarify.length).toBeGreaterThan(0);
    for (const reply of clarify) expect(reply.readMore).toBeUndefined();
  });
});

describe('without a public address', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.close());

  it('the link is the server path: the web chat can use it, the other channels show no button', async () => {
    const reply = await ask(running, 'How long is the warranty?', 'webchat-probe');
    expect(reply.readMore).toEqual({ label: 'Read more', url: '/help/en/warranty-period' });
    const keyboard = toTelegram(reply).at(-1)?.reply_markup?.inline_keyboard ?? [];
    expect(keyboard.flat().some((button) => 'url' in button)).toBe(false);
    const teams = toTeams(reply).at(-1)?.attachments?.[0]?.content.actions as { type: string }[];
    expect((teams ?? []).some((action) => action.type === 'Action.OpenUrl')).toBe(false);
  });
});

describe('with help.readMoreLinks off', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ configPath: configWith({ baseUrl, readMoreLinks: false }) });
  });
  afterAll(() => running.close());

  it('answers carry no link', async () => {
    const reply = await ask(running, 'How long is the warranty?');
    expect(reply.readMore).toBeUndefined();
    expect(JSON.stringify(toTelegram(reply))).not.toContain('help.example.com');
  });
});
