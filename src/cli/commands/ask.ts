/** `aftercare ask "<text>" [--locale xx] [--json]` and `aftercare chat`: the core from a terminal. */
import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import { createApp } from '../../app';
import { mainReply, type Reply } from '../../core/message';
import { silentLogger } from '../../logger';
import { parseArgs, type CliCommand, type CliIo } from '../io';

export const askCommand: CliCommand = async (args, io) => {
  const { flags, positionals } = parseArgs(args, ['json']);
  const text = positionals.join(' ');
  const locale =
    typeof flags.get('locale') === 'string' ? (flags.get('locale') as string) : undefined;
  const app = createApp({
    rootDir: io.rootDir,
    env: io.env,
    logger: silentLogger,
    channels: 'none',
  });
  try {
    const replies = await app.handle({
      channel: 'cli',
      conversationId: `ask-${randomUUID()}`,
      userId: 'cli',
      messageId: randomUUID(),
      text,
      ...(locale ? { localeHint: locale } : {}),
      receivedAt: app.clock.now(),
    });
    const main = mainReply(replies);
    if (flags.has('json')) {
      io.stdout(`${JSON.stringify(main ? toJson(main) : null)}\n`);
    } else {
      for (const reply of replies) io.stdout(renderPlain(reply));
    }
    return 0;
  } finally {
    await app.close();
  }
};

export const chatCommand: CliCommand = async (_args, io) => {
  const app = createApp({
    rootDir: io.rootDir,
    env: io.env,
    logger: silentLogger,
    channels: 'none',
  });
  const conversationId = `chat-${randomUUID()}`;
  const lines = readline.createInterface({ input: process.stdin, terminal: false });
  io.stdout('Aftercare chat. Type a question; a number picks a button; Ctrl-D ends.\n> ');
  let lastChoices: Reply['choices'] = [];
  try {
    for await (const line of lines) {
      const picked = /^\d+$/.test(line.trim()) ? lastChoices[Number(line.trim()) - 1] : undefined;
      const replies = await app.handle({
        channel: 'cli',
        conversationId,
        userId: 'cli',
        messageId: randomUUID(),
        text: picked ? picked.label : line,
        ...(picked ? { choiceId: picked.id } : {}),
        receivedAt: app.clock.now(),
      });
      for (const reply of replies) io.stdout(renderPlain(reply));
      lastChoices = replies.at(-1)?.choices ?? [];
      io.stdout('> ');
    }
    io.stdout('\n');
    return 0;
  } finally {
    await app.close();
  }
};

function toJson(reply: Reply): Record<string, unknown> {
  return {
    kind: reply.kind,
    intent: reply.intent,
    faq: reply.faq,
    confidence: Number(reply.confidence.toFixed(4)),
    locale: reply.locale,
    text: reply.text,
    choices: reply.choices.map((choice) => ({ id: choice.id, label: choice.label })),
    ...(reply.handoffReason ? { handoffReason: reply.handoffReason } : {}),
  };
}

function renderPlain(reply: Reply): string {
  const choices = reply.choices
    .map((choice, index) => `  [${index + 1}] ${choice.label}`)
    .join('\n');
  return `${reply.text}\n${choices ? `${choices}\n` : ''}`;
}

export type { CliIo };
