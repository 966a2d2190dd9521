/**
 * The web chat in a real headless Chromium at a phone-sized viewport, against the real app on
 * the shipped knowledge: the warranty question in English and Persian is answered by the
 * warranty FAQ in that language, the Persian answer is laid out right to left, and a "did you
 * mean" choice can be clicked to get an answer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Reply } from '../../src/core/message';
import { launchChromium } from '../helpers/browser';
import { repoRoot } from '../helpers/paths';
import { startApp, type RunningApp } from '../helpers/start-app';
import { removeTempDirs } from '../helpers/temp-dir';

const phone = { width: 390, height: 844 };

let running: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  running = await startApp();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
  removeTempDirs();
});
beforeEach(async () => {
  // A new context per test: its own localStorage, so its own conversation.
  const context = await browser.newContext({ viewport: phone, locale: 'en-US' });
  page = await context.newPage();
  await page.goto(`${running.url}/`);
  await page.locator('#log .message--welcome').waitFor();
});
afterEach(async () => {
  await page?.context().close();
});

/** A phrase of the FAQ answer in `locale`, read from the knowledge file, Markdown removed. */
function answerPhrase(faqId: string, locale: string): string {
  const source = readFileSync(path.join(repoRoot, 'knowledge', 'faq', `${faqId}.md`), 'utf8');
  const section = source
    .split(/^## /m)
    .find((part) => part.startsWith(`${locale}\n`) || part.startsWith(`${locale}\r\n`));
  if (!section) throw new Error(`knowledge/faq/${faqId}.md has no "## ${locale}" section`);
  const firstLine =
    section
      .split(/\r?\n/)
      .slice(1)
      .find((line) => line.trim() !== '') ?? '';
  return plain(
    firstLine
      .replace(/^\s*([-*]|\d+[.)])\s+/, '')
      .replace(/\*\*/g, '')
      .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1'),
  ).replace(/[:：]$/, '');
}

const plain = (text: string): string => text.replace(/\s+/g, ' ').trim();

async function expectRightToLeft(element: Locator): Promise<void> {
  expect(await element.getAttribute('dir')).toBe('rtl');
  expect(await element.getAttribute('lang')).toBe('fa');
  expect(await element.evaluate((node) => getComputedStyle(node).direction)).toBe('rtl');
  expect(await element.evaluate((node) => getComputedStyle(node).textAlign)).toMatch(
    /^(right|start)$/,
  );
}

interface Sent {
  readonly replies: Reply[];
  /** The bot's message elements for this turn, in order. */
  readonly messages: Locator[];
}

const botMessages = (): Locator => page.locator('#log li.message--bot');

/** Waits for the POST /webchat/messages that `act` causes and for its replies on the page. */
async function exchange(act: () => Promise<void>): Promise<Sent> {
  const before = await botMessages().count();
  const [response] = await Promise.all([
    page.waitForResponse(
      (candidate) =>
        candidate.url().endsWith('/webchat/messages') && candidate.request().method() === 'POST',
    ),
    act(),
  ]);
  expect(response.status()).toBe(200);
  const { replies } = (await response.json()) as { replies: Reply[] };
  expect(replies.length).toBeGreaterThan(0);
  const messages = replies.map((_, index) => botMessages().nth(before + index));
  await messages.at(-1)!.waitFor();
  return { replies, messages };
}

function type(text: string): Promise<Sent> {
  return exchange(async () => {
    await page.locator('#input').fill(text);
    await page.locator('#send').click();
  });
}

/** The reply that carries the decision (a notice may come first) and its element. */
function main(sent: Sent): { reply: Reply; element: Locator } {
  const index = Math.max(
    0,
    sent.replies.findIndex(
      (reply) => reply.kind !== 'answer' || reply.faq !== null || reply.intent !== null,
    ),
  );
  return { reply: sent.replies[index]!, element: sent.messages[index]! };
}

describe('web chat in headless Chromium, phone-sized', () => {
  it('"How long is the warranty?" is answered by the warranty FAQ, in English', async () => {
    const phrase = answerPhrase('warranty-period', 'en');
    const { reply, element } = main(await type('How long is the warranty?'));
    expect(reply).toMatchObject({ kind: 'answer', faq: 'warranty-period', locale: 'en' });
    expect(await element.getAttribute('data-kind')).toBe('answer');
    expect(await element.getAttribute('lang')).toBe('en');
    expect(await element.getAttribute('dir')).toBe('ltr');
    expect(plain(await element.innerText())).toContain(phrase);
    // The Markdown list is rendered as a list, not as "- **...**" text.
    expect(await element.locator('li').count()).toBeGreaterThan(0);
    expect(await element.innerText()).not.toContain('**');
  });

  it('"گارانتی محصول چقدر است؟" is answered by the warranty FAQ in Persian, laid out right to left', async () => {
    const phrase = answerPhrase('warranty-period', 'fa');
    const { reply, element } = main(await type('گارانتی محصول چقدر است؟'));
    expect(reply).toMatchObject({ kind: 'answer', faq: 'warranty-period', locale: 'fa' });
    expect(plain(await element.innerText())).toContain(phrase);
    await expectRightToLeft(element);
  });

  it('every Persian reply is laid out right to left, whatever its kind', async () => {
    const persian = await type('سلام');
    for (const [index, reply] of persian.replies.entries()) {
      expect(reply.locale).toBe('fa');
      await expectRightToLeft(persian.messages[index]!);
    }
    // The customer's own line is laid out by its text (dir="auto"): right to left for Persian too.
    const mine = page.locator('#log li.message--user').last();
    expect(await mine.evaluate((node) => getComputedStyle(node).direction)).toBe('rtl');
  });

  it('a "did you mean" choice is a button that, clicked, gets an answer', async () => {
    const question = await findClarifyingQuestion();
    const { reply, element } = main(await type(question));
    expect(reply.kind).toBe('clarify');
    expect(await element.getAttribute('data-kind')).toBe('clarify');
    const first = element.locator('button.choice').first();
    const firstChoice = reply.choices[0]!;
    expect(await first.getAttribute('data-choice')).toBe(firstChoice.id);
    expect(plain(await first.innerText())).toBe(plain(firstChoice.label));

    const answered = main(await exchange(() => first.click()));
    expect(answered.reply.kind).toBe('answer');
    expect(answered.reply.text.trim()).not.toBe('');
    if (firstChoice.id.startsWith('faq:')) expect(answered.reply.faq).toBe(firstChoice.id.slice(4));
    expect(plain(await answered.element.innerText()).length).toBeGreaterThan(0);
    // The choices of the earlier question cannot be pressed twice.
    expect(await first.isDisabled()).toBe(true);
  });

  it('fits a phone screen: no horizontal scrolling after a long answer', async () => {
    await type('How long is the warranty?');
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.viewport).toBe(phone.width);
    expect(widths.page).toBeLessThanOrEqual(phone.width);
  });

  it('shows what the customer typed as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.hacked=1">';
    await type(hostile);
    const mine = page.locator('#log li.message--user .message__text').last();
    expect(await mine.innerText()).toBe(hostile);
    expect(await page.locator('#log img').count()).toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { hacked?: number }).hacked),
    ).toBeUndefined();
  });
});

/**
 * A question the shipped knowledge answers with "did you mean": the first of a few vague ones,
 * asked of the app directly (on a channel of its own, so the page's conversation is untouched).
 */
async function findClarifyingQuestion(): Promise<string> {
  const candidates = [
    'warranty',
    'warranty?',
    'repair',
    'guarantee',
    'return',
    'installation',
    'service plan',
    'refund',
  ];
  for (const [index, text] of candidates.entries()) {
    const replies = await running.app.handle({
      channel: 'probe',
      conversationId: `probe-${index}`,
      userId: 'probe',
      messageId: `probe-${index}`,
      text,
      receivedAt: new Date(),
    });
    if (
      replies.some(
        (reply) =>
          reply.kind === 'clarify' && reply.choices.some((choice) => choice.id.startsWith('faq:')),
      )
    )
      return text;
  }
  throw new Error(
    `none of ${JSON.stringify(candidates)} gets a "did you mean" from the shipped knowledge; add a vaguer question`,
  );
}
