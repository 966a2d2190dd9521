/** The few fields of Slack's payloads Aftercare reads, checked with zod at the boundary. */
import { z } from 'zod';

export const messageEventSchema = z.object({
  type: z.enum(['message', 'app_mention']),
  channel: z.string(),
  user: z.string().optional(),
  text: z.string().optional(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  channel_type: z.string().optional(),
});

export const eventEnvelopeSchema = z.object({
  event_id: z.string(),
  team_id: z.string().optional(),
  event: messageEventSchema,
});

export const blockActionSchema = z.object({
  type: z.literal('block_actions'),
  trigger_id: z.string(),
  user: z.object({ id: z.string() }),
  channel: z.object({ id: z.string() }).optional(),
  message: z
    .object({
      ts: z.string(),
      thread_ts: z.string().optional(),
      text: z.string().optional(),
      blocks: z.array(z.record(z.unknown())).optional(),
    })
    .optional(),
  actions: z.array(
    z.object({
      action_id: z.string(),
      value: z.string().optional(),
      text: z.object({ text: z.string() }).optional(),
    }),
  ),
});

export const slashCommandSchema = z.object({
  command: z.string(),
  text: z.string(),
  user_id: z.string(),
  channel_id: z.string(),
  trigger_id: z.string(),
});

export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;
export type BlockAction = z.infer<typeof blockActionSchema>;
export type SlashCommand = z.infer<typeof slashCommandSchema>;
