/** `aftercare ask "<text>" [--locale xx] [--json]` and `aftercare chat`: the core from a terminal. */
import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import { createApp } from '../../app';
import { baseLocale } from '../../core/language/normalize';
import { mainReply, type Reply } from '../../core/message';
import { silentLogger } from '../../logger';
import { forTerminal } from '../terminal-text';
import { parseArgs, type CliCommand, type CliIo } from '../io';

const ASK_USAGE =
  'usage: aftercare ask "<text>" [--locale xx] [--conversation ID] [--json]\n' +
  '  --conversation ID  continue the conversation of earlier calls with the same ID\n';
const ASK_FLAGS = ['json', 'locale', 'conversation'];

export const askCommand: CliCommand = async (args, io) => {
  const { flags, positionals } = parseArgs(args, ['json']);
  const unknown = [...flags.keys()].find((flag) => !ASK_FLAGS.includes(flag));
  if (unknown !== undefined) {
    io.stderr(`error: unknown option --${unknown}\n${ASK_USAGE}`);
    return 2;
  }
  const text = positionals.join(' ');
  const locale = flags.get('locale');
  const conversation = flags.get('conversation');
  // No text at all is a mistake; a blank one ("   ") is a message the bot answers politely.
  if (positionals.length === 0 || locale === true || conversation === true) {
    io.stderr(ASK_USAGE);
    return 2;
  }
  const app = createApp({
    rootDir: io.rootDir,
    env: io.env,
    logger: silentLogger,
    channels: 'none',
  });
  try {
    if (locale !== undefined && !app.config.locales.includes(baseLocale(locale) ?? locale)) {
      io.stderr(
        `error: --locale ${locale} is not a configured locale (${app.config.locales.join(', ')})\n`,
      );
      return 2;
    }
    const replies = await app.handle({
      channel: 'cli',
      conversationId: conversation ? `ask-${conversation}` : `ask-${randomUUID()}`,
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
      // Bold only on a terminal; a pipe or a file gets the plain words.
      const color = Boolean(process.stdout.isTTY) && io.env.NO_COLOR === undefined;
      for (const reply of replies)
        io.stdout(renderPlain({ ...reply, text: forTerminal(reply.text, { color }) }));
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
