/**
 * The /admin insights page in headless Chromium after scripted traffic in English, Persian and
 * Vietnamese over three days: the totals and the charts (Chart.js, served from node_modules) show
 * the right figures; without the token, or with a wrong one, the page and its data answer 401.
 * AFTERCARE_SCREENSHOTS_DIR=docs/images also saves docs/images/admin-insights.png.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { createSqliteTicketStore } from '../../src/storage/sqlite/ticket-store';
import { launchChromium } from '../helpers/browser';
import { removeTempDirs } from '../helpers/temp-dir';
import { say, startPrivacyWorld, type PrivacyWorld } from '../privacy/support/world';

jest.setTimeout(120_000);
const token = 'admin-test-token-5f1c';
const shots = process.env.AFTERCARE_SCREENSHOTS_DIR;
let world: PrivacyWorld;
let url: string;
let browser: Browser;

const traffic: [string, string, string][] = [
  ['2026-03-02T08:00:00Z', 'en-1', 'How long is the warranty?'],
  ['2026-03-02T09:00:00Z', 'en-2', 'What are your opening hours?'],
  ['2026-03-02T10:00:00Z', 'en-3', 'I want to talk to a person'],
  ['2026-03-03T08:00:00Z', 'fa-1', 'گارانتی چند سال است؟'],
  ['2026-03-03T09:00:00Z', 'fa-2', 'قیمت بلیط هواپیما به پاریس چند است'],
  ['2026-03-04T08:00:00Z', 'vi-1', 'Bảo hành bao lâu?'],
];

beforeAll(async () => {
  world = await startPrivacyWorld({ env: { AFTERCARE_ADMIN_TOKEN: token } });
  for (const [at, id, text] of traffic) {
    world.clock.set(at);
    await say(world.app, { channel: 'webchat', id }, text);
  }
  const tickets = createSqliteTicketStore(world.app.db);
  const ticket = (await tickets.activeFor({ channel: 'webchat', conversationId: 'en-3' }))!;
  world.clock.set('2026-03-02T10:12:00Z');
  await tickets.addMessage(ticket.id, { author: 'staff', text: 'Hello!', at: world.clock.now() });
  await tickets.update(
    ticket.id,
    { status: 'resolved', resolvedAt: world.clock.now(), satisfactionScore: 5 },
    world.clock.now(),
  );
  url = await world.app.start();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await world?.close();
  removeTempDirs();
});

const page = '/admin?since=2026-03-01&until=2026-03-05';

test('without the token, or with a wrong one, /admin and its data answer 401', async () => {
  for (const route of ['/admin', '/admin/report.json', '/admin/chart.umd.min.js']) {
    const bare = await fetch(`${url}${route}`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toMatch(/^Basic realm="Aftercare admin"/);
    const wrong = await fetch(`${url}${route}`, {
      headers: { authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
    const bearer = await fetch(`${url}${route}`, { headers: { authorization: 'Bearer nope' } });
    expect(bearer.status).toBe(401);
  }
});

test('a bad date range is a 400 that says how to write it', async () => {
  const response = await fetch(`${url}/admin/report.json?since=March`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { error: string }).error).toMatch(/YYYY-MM-DD/);
});

test('with the token the page shows the totals and the charts of the scripted traffic', async () => {
  const context = await browser.newContext({
    httpCredentials: { username: 'admin', password: token },
    viewport: { width: 1280, height: 900 },
  });
  const tab = await context.newPage();
  const failures: string[] = [];
  tab.on('pageerror', (error) => failures.push(error.message));
  tab.on('console', (message) => {
    if (message.type() === 'error') failures.push(message.text());
  });
  await tab.goto(`${url}${page}`);
  await tab.locator('body[data-ready="true"]').waitFor();

  expect(await tab.locator('#total-conversations').textContent()).toBe('6');
  expect(await tab.locator('#total-handoff').textContent()).toBe('16.7%');
  expect(await tab.locator('#total-deflection').textContent()).toBe('83.3%');
  expect(await tab.locator('#total-tickets').textContent()).toBe('1');
  expect(await tab.locator('#first-reply').textContent()).toBe('12 min / 12 min');
  expect(await tab.locator('#satisfaction').textContent()).toBe('5 (1)');

  const charts = await tab.evaluate(() => {
    const chart = (id: string) => {
      const found = (
        window as unknown as {
          Chart: {
            getChart(id: string): { data: { labels: string[]; datasets: { data: number[] }[] } };
          };
        }
      ).Chart.getChart(id);
      return { labels: found.data.labels, data: found.data.datasets.map((set) => set.data) };
    };
    return {
      conversations: chart('chart-conversations'),
      reasons: chart('chart-reasons'),
      satisfaction: chart('chart-satisfaction'),
      channels: chart('chart-channels'),
      locales: chart('chart-locales'),
    };
  });
  expect(charts.conversations.labels).toEqual([
    '2026-03-01',
    '2026-03-02',
    '2026-03-03',
    '2026-03-04',
    '2026-03-05',
  ]);
  expect(charts.conversations.data).toEqual([
    [0, 3, 2, 1, 0],
    [0, 1, 0, 0, 0],
  ]);
  expect(charts.reasons).toEqual({ labels: ['requested'], data: [[1]] });
  expect(charts.satisfaction.data).toEqual([[0, 0, 0, 0, 1]]);
  expect(charts.channels).toEqual({ labels: ['webchat'], data: [[6]] });
  expect(charts.locales.labels).toEqual([
    'English (English)',
    'Persian (فارسی)',
    'Vietnamese (Tiếng Việt)',
  ]);
  expect(charts.locales.data).toEqual([[3, 2, 1]]);
  // Every chart drew on its canvas (a blank canvas is all transparent).
  for (const id of ['chart-conversations', 'chart-rates', 'chart-locales']) {
    const painted = await tab.evaluate((canvasId) => {
      const canvas = document.getElementById(canvasId) as HTMLCanvasElement;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      return pixels.some((value, index) => index % 4 === 3 && value > 0);
    }, id);
    expect(painted).toBe(true);
  }
  // The unanswered Persian question is listed, laid out right to left.
  const persian = tab.locator('#gaps li[lang="fa"]');
  expect(await persian.first().textContent()).toBe('قیمت بلیط هواپیما به پاریس چند است');
  expect(await persian.first().evaluate((item) => getComputedStyle(item).direction)).toBe('rtl');
  expect(failures).toEqual([]);
  if (shots) await tab.screenshot({ path: path.join(shots, 'admin-insights.png'), fullPage: true });
  await context.close();
});
