/**
 * The one message type the core understands, and the one reply type it produces.
 * Every adapter maps its platform's events into `IncomingMessage` and renders `Reply` back;
 * no platform type ever appears here.
 */

/** A locale code from `bot.config.json` (`en`, `fa`, `vi`, `el`, `sr`, `ta`, ...). */
export type Locale = string;

export interface IncomingMessage {
  /** Which adapter it came through: `webchat`, `telegram`, `slack`, `teams`, `cli`, `test`... */
  readonly channel: string;
  /** The platform's conversation id (chat id, channel+thread, conversation.id). */
  readonly conversationId: string;
  /** The platform's user id. */
  readonly userId: string;
  /** The platform's message id; used to process a redelivered message once. */
  readonly messageId: string;
  /** What the user typed; empty when the user pressed a button. */
  readonly text: string;
  /** The id of a choice the user pressed (a `Choice.id` from an earlier reply). */
  readonly choiceId?: string;
  /** A locale the platform knows for the user (Telegram's language_code, Teams' locale). */
  readonly localeHint?: string;
  /** A locale the customer picked (the web chat's language picker): it wins over detection. */
  readonly chosenLocale?: string;
  readonly receivedAt: Date;
}

/** A button. `id` is opaque to adapters and at most 48 bytes (fits Telegram's callback_data). */
export interface Choice {
  readonly id: string;
  readonly label: string;
}

export type ReplyKind = 'answer' | 'clarify' | 'handoff';

export type HandoffReason =
  | 'requested'
  | 'low-confidence'
  | 'repeated-fallback'
  | 'negative-sentiment'
  | 'always-human-topic'
  | 'complaint'
  | 'unsupported-language'
  | 'safety';

/**
 * One reply to the user. `text` is a small Markdown subset (paragraphs, `-`/`1.` lists,
 * `**bold**`, `[text](url)`) that each adapter renders for its platform.
 */
export interface Reply {
  readonly kind: ReplyKind;
  readonly text: string;
  readonly locale: Locale;
  /** Buttons to offer; empty for none. */
  readonly choices: readonly Choice[];
  /** The intent that produced the reply, when one did. */
  readonly intent: string | null;
  /** The FAQ entry that produced the reply, when one did. */
  readonly faq: string | null;
  /** Calibrated confidence of the match behind this reply, 0..1. */
  readonly confidence: number;
  /** Set when `kind` is `handoff`. */
  readonly handoffReason?: HandoffReason;
  /** The display name of the person who wrote it (a relayed staff reply); absent for the bot. */
  readonly staffName?: string;
  /** The FAQ entry's help-centre page ("Read more"); `url` is a path (/help/fa/…) without a public address. */
  readonly readMore?: { readonly label: string; readonly url: string };
}

/** The reply that carries a turn's decision (a notice such as "too long" may come before it). */
export function mainReply(replies: readonly Reply[]): Reply | undefined {
  return (
    replies.find(
      (reply) => reply.kind !== 'answer' || reply.intent !== null || reply.faq !== null,
    ) ?? replies.at(-1)
  );
}
