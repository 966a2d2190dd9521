/** The help centre on the real server and the shipped knowledge. */
import { startApp, type RunningApp } from '../helpers/start-app';

let running: RunningApp;
beforeAll(async () => {
  running = await startApp();
});
afterAll(() => running.close());

const get = async (path: string) => {
  const response = await fetch(`${running.url}${path}`, { redirect: 'manual' });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
};

test('/help/en lists every FAQ entry, grouped by topic, with branches and warranty terms', async () => {
  const page = await get('/help/en');
  expect(page.status).toBe(200);
  expect(page.type).toContain('text/html');
  for (const faq of running.app.brain().knowledge.faqs)
    expect(page.text).toContain(`href="/help/en/${faq.id}"`);
  expect(page.text).toContain('<h2>Warranty</h2>');
  expect(page.text).toContain('href="/help/en/branches"');
  expect(page.text).toContain('href="/help/en/warranty/phone"');
  expect(page.text).toContain('<html lang="en" dir="ltr">');
});

test('/help/fa/warranty-period is Persian, right to left, with five alternates and a canonical URL', async () => {
  const page = await get('/help/fa/warranty-period');
  expect(page.status).toBe(200);
  expect(page.text).toContain('<html lang="fa" dir="rtl">');
  expect(page.text).toContain('گارانتی');
  expect(page.text).toContain(
    `<link rel="canonical" href="${running.url}/help/fa/warranty-period">`,
  );
  for (const locale of ['en', 'vi', 'el', 'sr', 'ta'])
    expect(page.text).toContain(
      `<link rel="alternate" hreflang="${locale}" href="${running.url}/help/${locale}/warranty-period">`,
    );
  expect(page.text).toContain('<script src="/webchat/widget.js" async></script>');
});

test('answers keep the channels rendering: lists and tel: links for phone numbers', async () => {
  const page = await get('/help/en/contact-channels');
  expect(page.text).toMatch(/<ul><li>/);
  expect(page.text).toMatch(/<a href="tel:[0-9+]{7,}" dir="ltr">/);
  const branches = await get('/help/fa/branches');
  expect(branches.text).toMatch(/href="tel:0\d+"/);
});

test('warranty terms per category come from the warranty rules', async () => {
  const page = await get('/help/en/warranty/phone');
  expect(page.status).toBe(200);
  expect(page.text).toContain('24 months, counted from the purchase date.');
  expect(page.text).toContain('spare parts');
  expect(page.text).toContain('Not covered');
});

test.each([
  ['en', 'for how many months is my washing machine guaranteed', 'warranty-period'],
  ['fa', 'مدت ضمانت لباسشویی چند ماهه', 'warranty-period'],
  ['vi', 'máy giặt của tôi được bảo hành trong bao lâu', 'warranty-period'],
  ['el', 'για πόσο καιρό έχει εγγύηση το πλυντήριο', 'warranty-period'],
  ['sr', 'колико траје гаранција на веш машину', 'warranty-period'],
  ['sr', 'koliko traje garancija na ves masinu', 'warranty-period'],
  ['ta', 'சலவை இயந்திரத்திற்கு எத்தனை மாதம் உத்தரவாதம்', 'warranty-period'],
])('a %s paraphrase finds the entry the bot answers with: %s', async (locale, query, id) => {
  const json = await get(`/help/search.json?q=${encodeURIComponent(query)}&locale=en`);
  const body = JSON.parse(json.text) as {
    results: { id: string; locale: string; snippet: string }[];
  };
  expect(body.results[0]?.id).toBe(id);
  expect(body.results[0]?.locale).toBe(locale);
  expect(body.results[0]?.snippet.length).toBeGreaterThan(20);
  const html = await get(`/help/search?q=${encodeURIComponent(query)}&locale=${locale}`);
  expect(html.status).toBe(200);
  expect(html.text).toContain(`href="/help/${locale}/${id}"`);
});

test('Serbian Latin queries get Latin snippets', async () => {
  const json = await get(
    `/help/search.json?q=${encodeURIComponent('koliko traje garancija na ves masinu')}&locale=sr`,
  );
  const body = JSON.parse(json.text) as { results: { snippet: string }[] };
  expect(body.results[0]?.snippet).toMatch(/[a-z]/);
  expect(body.results[0]?.snippet).not.toMatch(/[а-я]/);
});

test('nothing found: says so and offers the chat and the phone', async () => {
  const page = await get(`/help/search?q=${encodeURIComponent('zxqv blorp wibble')}&locale=en`);
  expect(page.status).toBe(200);
  expect(page.text).toContain('We found no answer for “zxqv blorp wibble”');
  expect(page.text).toContain('data-open-chat');
  expect(page.text).toMatch(/href="tel:0\d+"/);
});

test.each([
  '/help/xx',
  '/help/xx/warranty-period',
  '/help/en/no-such-entry',
  '/help/fa/warranty/toaster',
])('%s is a 404 page in the default language', async (path) => {
  const page = await get(path);
  expect(page.status).toBe(404);
  expect(page.type).toContain('text/html');
  expect(page.text).toContain('<html lang="en" dir="ltr">');
  expect(page.text).toContain('Page not found');
  expect(page.text).not.toMatch(/at .*\.ts:\d+/);
});

test('/help redirects to the default locale; search text is escaped', async () => {
  const root = await get('/help');
  expect(root.status).toBe(301);
  const page = await get(
    `/help/search?q=${encodeURIComponent('<script>alert(1)</script>')}&locale=en`,
  );
  expect(page.text).not.toContain('<script>alert(1)</script>');
  expect(page.text).toContain('&lt;script&gt;');
});
