/**
 * `/warranty SERIAL`: the staff report, shown only to the person who asked. Slack shows an error
 * unless a command is acknowledged within 3 s, so the answer goes in the acknowledgement when it
 * is ready in time, and otherwise follows by the command's response_url.
 */
import type { App } from '@slack/bolt';
import type { HandleMessage } from '../../src/core/channel';
import type { StaffIdentity } from '../../src/core/handoff/staff-access';
import type { Clock, Logger } from '../../src/core/ports';
import type { InFlight } from '../shared/in-flight';
import { errorMessage } from '../../src/core/error-message';
import { slackMrkdwn } from '../shared/platform-renderers';
import { renderMarkdown } from '../shared/render';
import { slashCommandSchema, type SlashCommand } from './payload-schemas';
import { commandSerial, commandToMessage } from './to-message';
import { toPlatformReply, type SlackMessagePayload } from './to-platform-reply';

export interface WarrantyCommandOptions {
  readonly command: string;
  /** The staff report (Markdown); without it the command asks the core (`warranty SERIAL`). */
  readonly staffWarranty?: (serial: string, requester: StaffIdentity) => Promise<string>;
  readonly ackBudgetMs: number;
  readonly handle: HandleMessage;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly inFlight: InFlight;
}

const ephemeral = (payload: SlackMessagePayload) => ({
  response_type: 'ephemeral' as const,
  text: payload.text,
  ...(payload.blocks ? { blocks: payload.blocks as never } : {}),
});

export function registerWarrantyCommand(app: App, options: WarrantyCommandOptions): void {
  const { logger } = options;
  const answer = async (command: SlashCommand): Promise<SlackMessagePayload[]> => {
    const serial = commandSerial(command);
    if (serial === '')
      return [
        {
          text: `Usage: \`${command.command} SERIAL\`, e.g. \`${command.command} NV12-2301-4567\``,
        },
      ];
    if (options.staffWarranty !== undefined)
      return [
        {
          text: renderMarkdown(
            await options.staffWarranty(serial, { platform: 'slack', userId: command.user_id }),
            slackMrkdwn,
          ),
        },
      ];
    const replies = await options.handle(
      commandToMessage(command, `warranty ${serial}`, options.clock.now()),
    );
    return replies.flatMap((reply) => toPlatformReply(reply));
  };

  app.command(options.command, async ({ ack, command, respond }) => {
    const parsed = slashCommandSchema.parse(command);
    const answering = answer(parsed).catch((error: unknown): SlackMessagePayload[] => {
      logger.error({ command: parsed.command, error: errorMessage(error) }, 'slash command failed');
      return [{ text: "Sorry, the lookup failed; the details are in the bot's log." }];
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), options.ackBudgetMs);
    });
    const ready = await Promise.race([answering, late]);
    clearTimeout(timer);
    if (ready !== null) {
      const [first, ...rest] = ready;
      await ack(first === undefined ? undefined : ephemeral(first));
      for (const payload of rest) await respond(ephemeral(payload));
      return;
    }
    await ack();
    // Not awaited: the acknowledgement must go out now; stop() still waits for the follow-up.
    void options.inFlight.track(
      answering
        .then(async (payloads) => {
          for (const payload of payloads) await respond(ephemeral(payload));
        })
        .catch((error: unknown) =>
          logger.error({ error: errorMessage(error) }, 'slash command follow-up failed'),
        ),
    );
  });
}
