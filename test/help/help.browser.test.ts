/**
 * The help centre in headless Chromium (Debian's chromium through playwright-core) against the
 * real app on the shipped knowledge: search without script (the plain form) and with script
 * (suggestions as the customer types), the "chat with us" button opening the embeddable widget
 * whose chat answers there, the stylesheet allowed by the CSP, 390 px wide pages without
 * sideways scrolling, WCAG 2.1 AA contrast of every text and a sensible heading order. With
 * AFTERCARE_SCREENSHOTS_DIR set it saves the docs' pictures (desktop, phone, Persian).
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { startApp, type RunningApp } from '../helpers/start-app';
import { removeTempDirs } from '../helpers/temp-dir';

const shots = process.env.AFTERCARE_SCREENSHOTS_DIR;
const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

let running: RunningApp;
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  running = await startApp();
  browser = await launchChromium();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
  removeTempDirs();
});

/** A page in a fresh context; every CSP refusal the page logs is collected. */
async function open(
  route: string,
  options: { viewport?: typeof desktop; javaScriptEnabled?: boolean; locale?: string } = {},
): Promise<{ page: Page; refused: string[] }> {
  context = await browser.newContext({
    viewport: options.viewport ?? desktop,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: options.locale ?? 'en-US',
  });
  const page = await context.newPage();
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  const response = await page.goto(`${running.url}${route}`);
  expect(response?.status()).toBe(200);
  return { page, refused };
}

const paraphrase = 'for how many months is my washing machine guaranteed';

describe('search', () => {
  it('works with script off: the form submits and the right entry is first', async () => {
    const { page } = await open('/help/en', { javaScriptEnabled: false });
    await page.locator('#q').fill(paraphrase);
    await Promise.all([page.waitForURL(/\/help\/search\?/), page.locator('#q').press('Enter')]);
    const first = page.locator('ol.results li a').first();
    expect(await first.getAttribute('href')).toBe('/help/en/warranty-period');
    expect(await page.locator('ol.results .snippet').first().innerText()).not.toBe('');
    await Promise.all([page.waitForURL(/\/help\/en\/warranty-period$/), first.click()]);
    expect(await page.locator('h1').innerText()).not.toBe('');
  });

  it('works with script off in Persian, right to left', async () => {
    const { page } = await open('/help/fa', { javaScriptEnabled: false, locale: 'fa-IR' });
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.locator('#q').fill('مدت ضمانت لباسشویی چند ماهه');
    await Promise.all([
      page.waitForURL(/\/help\/search\?/),
      page.locator('button[type=submit]').click(),
    ]);
    expect(await page.locator('ol.results li a').first().getAttribute('href')).toBe(
      '/help/fa/warranty-period',
    );
  });

  it('with script on, suggests results as the customer types, without leaving the page', async () => {
    const { page } = await open('/help/en');
    await page.locator('#q').pressSequentially(paraphrase, { delay: 5 });
    const suggestion = page.locator('#suggestions li a').first();
    await suggestion.waitFor();
    expect(await suggestion.getAttribute('href')).toBe('/help/en/warranty-period');
    expect(page.url()).toBe(`${running.url}/help/en`);
    await Promise.all([page.waitForURL(/\/help\/en\/warranty-period$/), suggestion.click()]);
  });

  it('with script on, nothing found says so and offers the chat and the phone', async () => {
    const { page } = await open('/help/en');
    await page.locator('#q').fill('zxqv blorp wibble');
    await Promise.all([page.waitForURL(/\/help\/search\?/), page.locator('#q').press('Enter')]);
    expect(await page.locator('.no-results').innerText()).toContain('zxqv blorp wibble');
    expect(await page.locator('.contact a[data-open-chat]').count()).toBe(1);
    expect(await page.locator('.contact a[href^="tel:"]').count()).toBe(1);
  });
});

describe('the chat from a help page', () => {
  it('"Chat with us" opens the widget on the page, and the chat answers there with a link back', async () => {
    const { page } = await open('/help/en/warranty-period');
    await page.waitForFunction(() => 'AftercareWidget' in window);
    const frame = page.locator('iframe[data-aftercare=chat]');
    expect(await frame.isVisible()).toBe(false);
    await page.locator('.contact a[data-open-chat]').click();
    await frame.waitFor({ state: 'visible' });
    // The button opened the widget instead of following its fallback link.
    expect(page.url()).toBe(`${running.url}/help/en/warranty-period`);
    const chat = page.frameLocator('iframe[data-aftercare=chat]');
    await chat.locator('#log .message--welcome').waitFor();
    await chat.locator('#input').fill('How do I return a product?');
    await chat.locator('#send').click();
    const answer = chat.locator('#log li.message--bot[data-kind=answer]').first();
    await answer.waitFor();
    const more = answer.locator('a.message__more');
    expect(await more.innerText()).toBe('Read more');
    expect(await more.getAttribute('href')).toMatch(/^\/help\/en\/[a-z0-9-]+$/);
    const box = await more.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    if (shots) await page.screenshot({ path: path.join(shots, 'help-chat.png') });
  });
});

const pages = [
  '/help/en',
  '/help/en/warranty-period',
  '/help/en/branches',
  '/help/en/warranty/phone',
  '/help/fa',
  '/help/fa/warranty-period',
  '/help/ta/contact-channels',
  `/help/search?q=${encodeURIComponent(paraphrase)}&locale=en`,
  `/help/search?q=zxqv&locale=el`,
];

describe('looks like a product', () => {
  it('the stylesheet loads under the CSP: branded header, no refusals', async () => {
    const { page, refused } = await open('/help/en/warranty-period');
    const header = await page
      .locator('header.top')
      .evaluate((node) => getComputedStyle(node).backgroundColor);
    // help.primaryColor's default, #0b5394.
    expect(header).toBe('rgb(11, 83, 148)');
    expect(refused).toEqual([]);
    if (shots)
      await page.screenshot({ path: path.join(shots, 'help-desktop.png'), fullPage: true });
  });

  it('in Persian the call button reads right to left, its number left to right', async () => {
    const { page } = await open('/help/fa/warranty-period', { locale: 'fa-IR' });
    const call = page.locator('.contact a[href^="tel:"]');
    expect(await call.evaluate((node) => getComputedStyle(node).direction)).toBe('rtl');
    const number = call.locator('bdi');
    expect(await number.evaluate((node) => getComputedStyle(node).direction)).toBe('ltr');
    expect(await number.innerText()).toMatch(/^0\d{2}-\d{8}$/);
  });

  it.each(pages)('%s is readable 390 px wide: no sideways scrolling', async (route) => {
    const { page } = await open(route, { viewport: phone });
    const widths = await page.evaluate(() => ({
      content: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.viewport).toBe(390);
    expect(widths.content).toBeLessThanOrEqual(390);
    const fontSize = await page
      .locator('main :is(p, li, dd)')
      .first()
      .evaluate((node) => getComputedStyle(node).fontSize);
    expect(parseFloat(fontSize)).toBeGreaterThanOrEqual(16);
    if (shots && route === '/help/en')
      await page.screenshot({ path: path.join(shots, 'help-phone.png'), fullPage: true });
    if (shots && route === '/help/fa/warranty-period')
      await page.screenshot({ path: path.join(shots, 'help-persian-phone.png'), fullPage: true });
  });

  it.each(pages)('%s: every text meets WCAG 2.1 AA contrast; headings in order', async (route) => {
    const { page } = await open(route);
    const report = await page.evaluate(contrastReport);
    expect(report.checked).toBeGreaterThan(5);
    expect(report.failures).toEqual([]);
    const levels = await page
      .locator('h1, h2, h3, h4')
      .evaluateAll((nodes) => nodes.map((node) => Number(node.tagName.slice(1))));
    expect(levels[0]).toBe(1);
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    for (let index = 1; index < levels.length; index += 1)
      expect(levels[index]! - levels[index - 1]!).toBeLessThanOrEqual(1);
    if (shots && route === '/help/fa/warranty-period')
      await page.screenshot({ path: path.join(shots, 'help-persian.png'), fullPage: true });
  });
});

/**
 * Runs in the page: the WCAG 2.1 contrast ratio of every element's own text against the first
 * opaque background behind it; 4.5:1 for body text, 3:1 for large text (24 px, or 18.66 px bold).
 */
function contrastReport(): {
  checked: number;
  failures: { text: string; ratio: number; color: string; background: string }[];
} {
  const rgba = (value: string): number[] => {
    const numbers = (value.match(/[\d.]+/g) ?? []).map(Number);
    return [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0, numbers[3] ?? 1];
  };
  const luminance = ([r = 0, g = 0, b = 0]: number[]): number => {
    const linear = (channel: number): number => {
      const value = channel / 255;
      return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  const backgroundOf = (element: Element): string => {
    for (let node: Element | null = element; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      if ((rgba(colour)[3] ?? 0) > 0) return colour;
    }
    return 'rgb(255, 255, 255)';
  };
  const seen = new Set<Element>();
  const failures: { text: string; ratio: number; color: string; background: string }[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const element = node.parentElement;
    if (!element || seen.has(element) || (node.textContent ?? '').trim() === '') continue;
    if (element.closest('script, style') || element.getClientRects().length === 0) continue;
    seen.add(element);
    const style = getComputedStyle(element);
    const background = backgroundOf(element);
    const [light, dark] = [luminance(rgba(style.color)), luminance(rgba(background))].sort(
      (a, b) => b - a,
    );
    const ratio = ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (Number(style.fontWeight) >= 700 && size >= 18.66);
    if (ratio < (large ? 3 : 4.5))
      failures.push({
        text: (node.textContent ?? '').trim().slice(0, 40),
        ratio: Math.round(ratio * 100) / 100,
        color: style.color,
        background,
      });
  }
  return { checked: seen.size, failures };
}
