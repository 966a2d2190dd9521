/**
 * Suggestions learned from customers: a customer's question is clarified, they press an entry and
 * the answer holds; the question becomes a suggested variant, and accepting it writes it into the
 * entry's file (comments kept) so that, after a reload, the question is answered directly.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createApp, type App } from '../../src/app';
import { mainReply } from '../../src/core/message';
import { silentLogger } from '../../src/logger';
import { runAftercare } from '../helpers/run-cli';
import { repoRoot } from '../helpers/paths';
import { makeTempDir, removeTempDirs } from '../helpers/temp-dir';

afterAll(removeTempDirs);

function project(): { rootDir: string; env: Record<string, string> } {
  const rootDir = makeTempDir('aftercare-suggestions-');
  for (const part of ['bot.config.json', 'knowledge', 'intents'])
    cpSync(path.join(repoRoot, part), path.join(rootDir, part), { recursive: true });
  return { rootDir, env: { AFTERCARE_DB: path.join(rootDir, 'data.db') } };
}

function startApp(rootDir: string, env: Record<string, string>): App {
  return createApp({ rootDir, env, logger: silentLogger, channels: 'none' });
}

let n = 0;
async function send(app: App, conversationId: string, text: string, choiceId?: string) {
  const replies = await app.handle({
    channel: 'webchat',
    conversationId,
    userId: conversationId,
    messageId: `m${n++}`,
    text,
    ...(choiceId ? { choiceId } : {}),
    receivedAt: app.clock.now(),
  });
  return mainReply(replies)!;
}

test('a pressed clarify choice becomes a suggestion; accepted, the file keeps its comments and the question is answered', async () => {
  const { rootDir, env } = project();
  const claimFile = path.join(rootDir, 'knowledge/faq/warranty-claim.md');
  writeFileSync(
    claimFile,
    readFileSync(claimFile, 'utf8')
      .replace('questions:\n', '# admins: keep these short\nquestions:\n')
      .replace('claim?\n', 'claim? # the most asked\n'),
  );

  const before = readFileSync(claimFile, 'utf8');

  const app = startApp(rootDir, env);
  const clarified = await send(app, 'c1', 'warranty');
  expect(clarified.kind).toBe('clarify');
  const choice = clarified.choices.find((c) => c.id === 'faq:warranty-claim')!;
  expect(choice).toBeDefined();
  expect((await send(app, 'c1', choice.label, choice.id)).faq).toBe('warranty-claim');
  expect((await send(app, 'c1', 'thanks')).intent).toBe('thanks');
  // A clarification followed by a request for a person teaches nothing.
  const other = await send(app, 'c2', 'warranty');
  const pressed = other.choices.find((c) => c.id.startsWith('faq:'))!;
  await send(app, 'c2', pressed.label, pressed.id);
  await send(app, 'c2', 'I want to talk to a person');
  // Nor one followed by "that's not what I asked" (knowledge/answer-rejected.yaml), even when
  // the same message asks something the bot can answer.
  const third = await send(app, 'c3', 'warranty');
  const thirdPress = third.choices.find((c) => c.id.startsWith('faq:'))!;
  await send(app, 'c3', thirdPress.label, thirdPress.id);
  expect((await send(app, 'c3', 'Wrong answer, what are your opening hours?')).faq).toBe(
    'opening-hours',
  );
  await app.close();

  const listed = await runAftercare(['suggestions', '--json'], { rootDir, env });
  expect(listed.code).toBe(0);
  const suggestions = JSON.parse(listed.stdout) as {
    id: number;
    faq: string;
    locale: string;
    text: string;
    seen: number;
  }[];
  expect(suggestions).toEqual([
    expect.objectContaining({ faq: 'warranty-claim', locale: 'en', text: 'warranty', seen: 1 }),
  ]);
  // Listing again learns nothing twice.
  const again = JSON.parse(
    (await runAftercare(['suggestions', '--json'], { rootDir, env })).stdout,
  );
  expect(again).toEqual(suggestions);

  const accepted = await runAftercare(['suggestions', 'accept', String(suggestions[0]!.id)], {
    rootDir,
    env,
  });
  expect(accepted.code).toBe(0);
  expect(accepted.stdout).toContain('ok: 28 FAQ entries');
  // The one new line; every other line, comments included, exactly as it was.
  const after = readFileSync(claimFile, 'utf8').split('\n');
  const at = after.indexOf('    - warranty');
  expect(at).toBeGreaterThan(0);
  expect(after[at + 1]).toBe('  fa:');
  expect([...after.slice(0, at), ...after.slice(at + 1)]).toEqual(before.split('\n'));
  expect(
    JSON.parse((await runAftercare(['suggestions', '--json'], { rootDir, env })).stdout),
  ).toEqual([]);

  const reloaded = startApp(rootDir, env);
  try {
    const answer = await send(reloaded, 'c3', 'warranty');
    expect(answer.kind).toBe('answer');
    expect(answer.faq).toBe('warranty-claim');
  } finally {
    await reloaded.close();
  }
}, 60_000);

test('reject drops a suggestion; an unknown id is explained', async () => {
  const { rootDir, env } = project();
  const app = startApp(rootDir, env);
  const clarified = await send(app, 'r1', 'warranty');
  const choice = clarified.choices.find((c) => c.id.startsWith('faq:'))!;
  await send(app, 'r1', choice.label, choice.id);
  await app.close();
  const [suggestion] = JSON.parse(
    (await runAftercare(['suggestions', '--json'], { rootDir, env })).stdout,
  ) as { id: number }[];
  expect(
    (await runAftercare(['suggestions', 'reject', String(suggestion!.id)], { rootDir, env })).code,
  ).toBe(0);
  expect((await runAftercare(['suggestions'], { rootDir, env })).stdout).toBe(
    'No open suggestions.\n',
  );
  const unknown = await runAftercare(['suggestions', 'accept', '999'], { rootDir, env });
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain('no open suggestion #999');
  expect((await runAftercare(['suggestions', 'accept', 'x'], { rootDir, env })).code).toBe(2);
}, 60_000);
