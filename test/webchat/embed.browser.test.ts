/**
 * The widget embedded on another site: a page served from a second port of 127.0.0.1 carries
 * the one script tag; in headless Chromium the launcher opens the chat, a question is answered, a
 * staff reply made through the ticket desk arrives live (SSE, no reload), a reload brings the
 * history back, Persian is right to left with Persian UI text, and at 390×844 the newest buttons
 * are visible without scrolling. With AFTERCARE_SCREENSHOTS_DIR set it saves the docs' pictures.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { parse } from 'yaml';
import { launchChromium } from '../helpers/browser';
import { repoRoot } from '../helpers/paths';
import { startApp, type RunningApp } from '../helpers/start-app';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

const shots = process.env.AFTERCARE_SCREENSHOTS_DIR;
const uiTexts = parse(
  readFileSync(path.join(repoRoot, 'knowledge', 'webchat.yaml'), 'utf8'),
) as Record<string, Record<string, string>>;
let running: RunningApp;
let browser: Browser;
let host: http.Server;
let hostUrl: string;

beforeAll(async () => {
  host = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Example shop</title></head>` +
        `<body><h1>Example Appliances</h1><p>Our products, our service.</p>` +
        `<script src="${running.url}/webchat/widget.js" async></script></body></html>`,
    );
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  const config = JSON.parse(readFileSync(path.join(repoRoot, 'bot.config.json'), 'utf8')) as object;
  const configPath = path.join(makeTempDir('aftercare-config-'), 'bot.config.json');
  writeFileSync(configPath, JSON.stringify({ ...config, webchat: { allowedOrigins: [hostUrl] } }));
  running = await startApp({ configPath });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
  await new Promise((resolve) => host?.close(resolve));
  removeTempDirs();
});

async function openWidget(options: {
  viewport: { width: number; height: number };
  locale: string;
}): Promise<{ context: BrowserContext; page: Page; chat: FrameLocator }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(hostUrl);
  const chat = await launch(page);
  return { context, page, chat };
}

async function launch(page: Page): Promise<FrameLocator> {
  await page.locator('button[data-aftercare=launcher]').click();
  const chat = page.frameLocator('iframe[data-aftercare=chat]');
  await chat.locator('#log .message').first().waitFor();
  return chat;
}

async function ask(chat: FrameLocator, text: string): Promise<void> {
  const before = await chat.locator('#log li.message--bot').count();
  await chat.locator('#input').fill(text);
  await chat.locator('#send').click();
  await chat.locator('#log li.message--bot').nth(before).waitFor();
}

async function conversationOf(page: Page): Promise<string> {
  const frame = page.frames().find((candidate) => candidate.url().endsWith('/webchat/frame'))!;
  const token = await frame.evaluate(() => localStorage.getItem('aftercare.token'));
  return (JSON.parse(Buffer.from(token!.split('.')[0]!, 'base64url').toString()) as { c: string })
    .c;
}

describe('the widget on another site', () => {
  it('answers, shows a staff reply live with the name, and brings the history back after a reload', async () => {
    const { context, page, chat } = await openWidget({
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
    });
    await ask(chat, 'How long is the warranty?');
    expect(await chat.locator('#log li.message--bot').first().getAttribute('data-kind')).toBe(
      'answer',
    );

    await ask(chat, 'I want to talk to a person');
    const conversationId = await conversationOf(page);
    const ticket = await running.app.desk.tickets.activeFor({ channel: 'webchat', conversationId });
    expect(ticket).not.toBeNull();
    const count = await chat.locator('#log li.message--staff').count();
    const started = Date.now();
    await running.app.desk.reply(ticket!.id, 'Hello, this is Maryam. Call us at 021-66097851.', {
      id: 'staff-1',
      name: 'Maryam',
    });
    const staff = chat.locator('#log li.message--staff').nth(count);
    await staff.waitFor();
    process.stdout.write(`staff reply on the page after ${Date.now() - started} ms\n`);
    expect(await staff.locator('.message__sender').innerText()).toContain('Maryam');
    const tel = staff.locator('a.tel');
    expect(await tel.getAttribute('href')).toBe('tel:02166097851');
    expect(await tel.evaluate((node) => getComputedStyle(node).whiteSpace)).toBe('nowrap');
    if (shots) await page.screenshot({ path: path.join(shots, 'webchat-desktop.png') });

    await page.reload();
    const again = await launch(page);
    await again.locator('#log li.message--staff').first().waitFor();
    const history = await again.locator('#log').innerText();
    expect(history).toContain('How long is the warranty?');
    expect(history).toContain('Hello, this is Maryam.');
    await context.close();
  });

  it('in Persian: right to left, Persian UI text and digits', async () => {
    const { context, page, chat } = await openWidget({
      viewport: { width: 1280, height: 800 },
      locale: 'fa-IR',
    });
    expect(await chat.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await chat.locator('#send').innerText()).toBe(uiTexts.send!.fa);
    expect(await chat.locator('#input').getAttribute('placeholder')).toBe(uiTexts.placeholder!.fa);
    await ask(chat, 'گارانتی محصول چقدر است؟');
    const reply = chat.locator('#log li.message--bot').first();
    expect(await reply.getAttribute('dir')).toBe('rtl');
    expect(await reply.evaluate((node) => getComputedStyle(node).direction)).toBe('rtl');
    expect(await reply.locator('time').innerText()).toMatch(/^[۰-۹]{2}:[۰-۹]{2}$/);
    if (shots) await page.screenshot({ path: path.join(shots, 'webchat-persian.png') });
    await context.close();
  });

  it('at 390×844 the newest buttons are in view without scrolling, and at least 44 px tall', async () => {
    const { context, page, chat } = await openWidget({
      viewport: { width: 390, height: 844 },
      locale: 'en-US',
    });
    await ask(chat, 'How long is the warranty?');
    await ask(chat, 'warranty');
    const buttons = chat.locator('#log li.message--bot').last().locator('button.choice');
    expect(await buttons.count()).toBeGreaterThan(0);
    const last = await buttons.last().boundingBox();
    expect(last).not.toBeNull();
    expect(last!.y).toBeGreaterThanOrEqual(0);
    expect(last!.y + last!.height).toBeLessThanOrEqual(844);
    expect(last!.height).toBeGreaterThanOrEqual(44);
    if (shots) await page.screenshot({ path: path.join(shots, 'webchat-phone.png') });
    await context.close();
  });
});
