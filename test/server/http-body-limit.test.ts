/**
 * Every webhook reads its body with the one reader (src/server/http-body.ts) and the configured
 * limit: the Telegram webhook on a real server on 127.0.0.1 answers 413 past `maxBodyBytes` and
 * never hands the update on, and still takes a body under it.
 */
import { createWebhookHandler, SECRET_HEADER } from '../../adapters/telegram/webhook';
import { createHttpServer, type HttpServer } from '../../src/server/http-server';
import { createTestLogger } from '../adapters/support/test-logger';

const secret = 'webhook-secret-1';
let server: HttpServer;
let url: string;
const updates: unknown[] = [];

beforeAll(async () => {
  server = createHttpServer(createTestLogger());
  server.add(
    'POST',
    '/telegram/webhook',
    createWebhookHandler(
      (update) => {
        updates.push(update);
        return Promise.resolve();
      },
      secret,
      createTestLogger(),
      2048,
    ),
  );
  url = `${await server.listen(0, '127.0.0.1')}/telegram/webhook`;
});
afterAll(() => server.close());

const post = (body: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret },
    body,
  });

test('a webhook body over the configured limit is 413 and is not handled; one under it is', async () => {
  const big = JSON.stringify({ update_id: 1, message: { text: 'x'.repeat(4096) } });
  expect((await post(big)).status).toBe(413);
  expect(updates).toEqual([]);
  const small = { update_id: 2, message: { text: 'سلام' } };
  expect((await post(JSON.stringify(small))).status).toBe(200);
  expect(updates).toEqual([small]);
});
