/** bot.config.json `privacy` and `staffAccess`: how long transcripts are kept, and who is staff. */
import { z } from 'zod';

export const privacySchema = z
  .object({
    /**
     * Transcripts (conversation and ticket messages) older than this many days are deleted by a
     * sweep the running bot makes every `sweepHours`; their daily figures stay for the report.
     * null keeps them until erased one by one.
     */
    retentionDays: z.number().int().min(1).nullable().default(null),
    sweepHours: z.number().min(0.1).max(168).default(24),
  })
  .strict();

export const staffAccessSchema = z
  .object({
    /** Slack user ids (U…) allowed staff commands, buttons and relays. */
    slack: z
      .array(z.string().regex(/^[UW][A-Z0-9]+$/, 'a Slack user id such as "U012AB3CD"'))
      .default([]),
    /** Teams user ids (the activity's from.id, "29:…") or Azure AD object ids allowed the same. */
    teams: z.array(z.string().min(1)).default([]),
    /** Members of handoff's staff channel are staff too (Slack: conversations.members, cached). */
    staffChannelMembers: z.boolean().default(false),
  })
  .strict();

export type PrivacySettings = z.infer<typeof privacySchema>;
export type StaffAccessSettings = z.infer<typeof staffAccessSchema>;
