/**
 * The web chat's language in headless Chromium against the real app: the UI follows the
 * conversation's language and, in Serbian, the script the customer writes in (knowledge/
 * webchat.yaml's sr and sr-Latn texts); a language picked in the picker wins over detection for
 * the rest of the session, reloads included.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parse } from 'yaml';
import type { Reply } from '../../src/core/message';
import { launchChromium } from '../helpers/browser';
import { repoRoot } from '../helpers/paths';
import { startApp, type RunningApp } from '../helpers/start-app';
import { removeTempDirs } from '../helpers/temp-dir';

const ui = parse(readFileSync(path.join(repoRoot, 'knowledge', 'webchat.yaml'), 'utf8')) as Record<
  string,
  Record<string, string | string[]>
>;

let running: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  running = await startApp();
  browser = await launchChromium();
});
afterEach(async () => {
  await page?.context().close();
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
  removeTempDirs();
});

async function openChat(locale: string): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale });
  page = await context.newPage();
  await page.goto(`${running.url}/`);
  await page.locator('#log .message--welcome').waitFor();
}

/** Types `text`, returns the replies and what the page sent. */
async function type(text: string): Promise<{ replies: Reply[]; sent: Record<string, unknown> }> {
  const before = await page.locator('#log li.message--bot').count();
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => candidate.url().endsWith('/webchat/messages')),
    (async () => {
      await page.locator('#input').fill(text);
      await page.locator('#send').click();
    })(),
  ]);
  expect(response.status()).toBe(200);
  const { replies } = (await response.json()) as { replies: Reply[] };
  await page.locator('#log li.message--bot').nth(before).waitFor();
  return { replies, sent: response.request().postDataJSON() as Record<string, unknown> };
}

const sendLabel = () => page.locator('#send').innerText();
const htmlLang = () => page.locator('html').getAttribute('lang');

describe('Serbian in both scripts', () => {
  it('the picker offers Serbian in Cyrillic and in Latin', async () => {
    await openChat('en-US');
    const options = await page
      .locator('#language option')
      .evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value));
    expect(options).toEqual(expect.arrayContaining(['en', 'fa', 'sr', 'sr-Latn', 'ta']));
    expect(await page.locator('#language option[value="sr-Latn"]').innerText()).toMatch(/^srpski/);
  });

  it('the UI follows the script the customer writes in: Latin, then Cyrillic', async () => {
    await openChat('en-US');
    const latin = await type('Koliko traje garancija?');
    expect(latin.replies.at(-1)).toMatchObject({ locale: 'sr', faq: 'warranty-period' });
    expect(latin.replies.at(-1)!.text).not.toMatch(/[а-яђјљњћџ]/);
    expect(await sendLabel()).toBe(ui.send!['sr-Latn']);
    expect(await page.locator('#input').getAttribute('placeholder')).toBe(
      ui.placeholder!['sr-Latn'],
    );
    expect(await htmlLang()).toBe('sr-Latn');
    expect(await page.locator('#language').inputValue()).toBe('sr-Latn');
    // The answer's "read more" label is in Latin too.
    expect(await page.locator('#log a.message__more').last().innerText()).toBe('Pročitajte više');

    await type('Колико траје гаранција?');
    expect(await sendLabel()).toBe(ui.send!.sr);
    expect(await htmlLang()).toBe('sr');
  });

  it('a sr-Latn browser gets the Latin welcome and starters, and a starter is answered in Latin', async () => {
    await openChat('sr-Latn-RS');
    expect(await page.locator('#log .message--welcome .message__text').innerText()).toBe(
      ui.welcome!['sr-Latn'],
    );
    const starter = page.locator('#log .message--welcome button.choice').first();
    expect(await starter.innerText()).toBe((ui.starters!['sr-Latn'] as string[])[0]);
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.url().endsWith('/webchat/messages')),
      starter.click(),
    ]);
    const { replies } = (await response.json()) as { replies: Reply[] };
    expect(replies.at(-1)).toMatchObject({ locale: 'sr', faq: 'warranty-period' });
    expect(replies.at(-1)!.text).toMatch(/garancij/i);
  });
});

describe('the language picker', () => {
  it('without a pick, the UI follows the language the customer writes in', async () => {
    await openChat('en-US');
    const persian = await type('گارانتی محصول چقدر است؟');
    expect(persian.sent.chosenLocale).toBeUndefined();
    expect(persian.replies.at(-1)?.locale).toBe('fa');
    expect(await sendLabel()).toBe(ui.send!.fa);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    // Detection still decides: English again switches back.
    await type('How long is the warranty?');
    expect(await sendLabel()).toBe(ui.send!.en);
  });

  it('a picked language wins over detection for the session, after a reload too', async () => {
    await openChat('en-US');
    await page.locator('#language').selectOption('fa');
    expect(await sendLabel()).toBe(ui.send!.fa);
    await page.locator('#log .message--welcome[lang="fa"]').waitFor();

    const english = await type('How long is the warranty?');
    expect(english.sent.chosenLocale).toBe('fa');
    expect(english.replies.at(-1)).toMatchObject({ locale: 'fa', faq: 'warranty-period' });
    expect(await sendLabel()).toBe(ui.send!.fa);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');

    await page.reload();
    await page.locator('#log li.message--bot').first().waitFor();
    expect(await sendLabel()).toBe(ui.send!.fa);
    const greek = await type('Πόσο διαρκεί η εγγύηση;');
    expect(greek.replies.at(-1)?.locale).toBe('fa');
  });
});
