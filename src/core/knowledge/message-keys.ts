/**
 * The texts the bot says on its own, looked up in knowledge/messages.yaml. The loader fails when
 * one of these is missing, so a typo in the file cannot leave the bot speechless.
 * Placeholders in braces, e.g. {phone}, are filled in by the core.
 */
export const requiredMessageKeys = [
  'fallback',
  'clarify',
  'none-of-these',
  'talk-to-person',
  'handoff-open',
  'handoff-closed',
  'handoff-call',
  'handoff-waiting',
  'handoff-none',
  'handoff-ack',
  'handoff-ack-closed',
  'handoff-claimed',
  'handoff-timeout',
  'handoff-back',
  'back-to-bot',
  'empty-message',
  'too-long',
  'unsupported-language',
  'language-prompt',
  'language-set',
  'branch-list',
  'turn-error',
] as const;

export type MessageKey = (typeof requiredMessageKeys)[number];

/**
 * The texts of the hand-off desk (satisfaction question, review invitation, repair follow-up).
 * Not required by the loader, so a knowledge tree without tickets still loads; the shipped
 * knowledge has them in every locale (test/handoff/messages.test.ts).
 */
export const handoffMessageKeys = [
  'csat-question',
  'csat-thanks',
  'csat-review',
  'csat-comment',
  'csat-no-comment',
  'csat-comment-thanks',
  'csat-reopened',
  'follow-up',
  'follow-up-ok',
  'follow-up-problem',
  'follow-up-glad',
] as const;

export type HandoffMessageKey = (typeof handoffMessageKeys)[number];
