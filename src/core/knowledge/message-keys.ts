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
  'empty-message',
  'too-long',
  'unsupported-language',
  'language-prompt',
  'language-set',
  'branch-list',
  'turn-error',
] as const;

export type MessageKey = (typeof requiredMessageKeys)[number];
