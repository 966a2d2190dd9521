/**
 * Topics configured as always-human (bot.config.json handoff.alwaysHumanTags, shipped: ["safety"])
 * go to a person after the bot's answer, on the real app: the shipped knowledge plus one FAQ
 * entry tagged `safety` in a temp copy.
 */
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createApp, type App } from '../../../src/app';
import { silentLogger } from '../../../src/logger';
import { repoRoot } from '../../helpers/paths';
import { makeTempDir, removeTempDirs } from '../../helpers/temp-dir';

const gasSmell = `---
id: gas-smell
tags: [safety]
questions:
  en:
    - I smell gas near the cooker
    - There is a gas smell coming from the oven
    - the stove smells of gas, what do I do
---

## en
Turn off the gas valve, open the windows and do not switch anything on or off.
`;

let app: App;
beforeAll(() => {
  const rootDir = makeTempDir('aftercare-always-human-');
  for (const entry of ['bot.config.json', 'intents', 'knowledge'])
    cpSync(path.join(repoRoot, entry), path.join(rootDir, entry), { recursive: true });
  writeFileSync(path.join(rootDir, 'knowledge', 'faq', 'gas-smell.md'), gasSmell);
  app = createApp({
    rootDir,
    dbPath: path.join(rootDir, 'data', 'aftercare.db'),
    env: {},
    logger: silentLogger,
    channels: 'none',
  });
});
afterAll(async () => {
  await app.close();
  removeTempDirs();
});

test('a safety question is answered and handed to a person, with a ticket', async () => {
  expect(app.config.handoff.alwaysHumanTags).toEqual(['safety']);
  const [reply] = await app.handle({
    channel: 'webchat',
    conversationId: 'gas',
    userId: 'u',
    messageId: 'm1',
    text: 'There is a gas smell coming from my oven',
    receivedAt: app.clock.now(),
  });
  expect(reply).toMatchObject({ kind: 'handoff', handoffReason: 'always-human-topic' });
  expect(reply?.text).toContain('Turn off the gas valve');
  expect(
    await app.desk.tickets.latestFor({ channel: 'webchat', conversationId: 'gas' }),
  ).toMatchObject({
    reason: 'always-human-topic',
    status: 'open',
  });
});

test('an ordinary question on the same app is answered by the bot', async () => {
  const [reply] = await app.handle({
    channel: 'webchat',
    conversationId: 'calm',
    userId: 'u',
    messageId: 'm2',
    text: 'How long is the warranty?',
    receivedAt: app.clock.now(),
  });
  expect(reply?.kind).toBe('answer');
});
