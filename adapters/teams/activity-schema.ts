/** The fields of a Bot Framework Activity (as Teams sends it) that Aftercare reads, checked with zod. */
import { z } from 'zod';

const account = z.object({
  id: z.string(),
  name: z.string().optional(),
  aadObjectId: z.string().optional(),
  role: z.string().optional(),
});

export const teamsActivitySchema = z.object({
  type: z.string(),
  id: z.string().optional(),
  text: z.string().optional(),
  locale: z.string().optional(),
  from: account,
  recipient: account,
  conversation: z.object({
    id: z.string(),
    conversationType: z.string().optional(),
    isGroup: z.boolean().optional(),
  }),
  entities: z
    .array(
      z
        .object({
          type: z.string(),
          text: z.string().optional(),
          mentioned: account.partial().optional(),
        })
        .passthrough(),
    )
    .optional(),
  value: z.unknown().optional(),
});

export type TeamsActivity = z.infer<typeof teamsActivitySchema>;

/** What a pressed choice button posts back (Action.Submit data). */
export const choiceValueSchema = z.object({
  aftercareChoice: z.string(),
  aftercareLabel: z.string().optional(),
});
