/**
 * `/case ID`: a service case for staff, shown only to the person who asked, with buttons for its
 * next statuses (pressing one moves the case; the customer is told). The composition root's
 * `staffCase` applies the staff rule and the audit trail; the command only renders.
 */
import type { App } from '@slack/bolt';
import type { StaffIdentity } from '../../src/core/handoff/staff-access';
import type { Reply } from '../../src/core/message';
import type { Logger } from '../../src/core/ports';
import { errorMessage } from '../../src/core/error-message';
import { slashCommandSchema } from './payload-schemas';
import { toPlatformReply } from './to-platform-reply';

export type StaffCase = (id: string, requester: StaffIdentity) => Promise<Reply[]>;

export interface CaseCommandOptions {
  readonly command: string;
  readonly staffCase: StaffCase;
  readonly logger: Logger;
}

export function registerCaseCommand(app: App, options: CaseCommandOptions): void {
  app.command(options.command, async ({ ack, command }) => {
    const parsed = slashCommandSchema.parse(command);
    const id = parsed.text.trim();
    if (id === '') {
      await ack({
        response_type: 'ephemeral',
        text: `Usage: \`${parsed.command} CASE\`, e.g. \`${parsed.command} R-2612-0042\``,
      });
      return;
    }
    // A case is one database read: answered inside Slack's 3-second acknowledgement.
    const replies = await options
      .staffCase(id, { platform: 'slack', userId: parsed.user_id })
      .catch((error: unknown): Reply[] => {
        options.logger.error({ error: errorMessage(error) }, '/case failed');
        return [];
      });
    const [payload] = replies.flatMap((reply) => toPlatformReply(reply));
    await ack({
      response_type: 'ephemeral',
      text: payload?.text ?? "Sorry, the lookup failed; the details are in the bot's log.",
      ...(payload?.blocks ? { blocks: payload.blocks as never } : {}),
    });
  });
}
