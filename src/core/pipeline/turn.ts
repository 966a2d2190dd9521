/** What one turn of the pipeline works with, and small helpers to build replies from it. */
import type { Brain } from '../brain';
import type { MessageKey } from '../knowledge/message-keys';
import type { Choice, IncomingMessage, Locale, Reply } from '../message';
import type { ConversationKey, ConversationState } from '../ports';
import { inScript, isolateNumbers } from '../texts';

export interface Turn {
  readonly key: ConversationKey;
  readonly message: IncomingMessage;
  /** Cleaned text (see sanitize.ts). */
  readonly text: string;
  readonly locale: Locale;
  readonly brain: Brain;
  readonly now: Date;
  /** Mutable for the length of the turn; saved at its end. */
  state: ConversationState;
}

export interface ReplyParts {
  readonly kind?: Reply['kind'];
  readonly text: string;
  readonly choices?: readonly Choice[];
  readonly intent?: string | null;
  readonly faq?: string | null;
  readonly confidence?: number;
  readonly handoffReason?: Reply['handoffReason'];
  /** The entry's help-centre address; the label is the locale's `help-read-more`. */
  readonly readMoreUrl?: string | null;
}

/** A reply in the turn's locale (and, for Serbian, the customer's script). */
export function reply(turn: Turn, parts: ReplyParts): Reply {
  const script = turn.state.script;
  return {
    kind: parts.kind ?? 'answer',
    text: isolateNumbers(inScript(parts.text, turn.locale, script), turn.locale),
    locale: turn.locale,
    choices: (parts.choices ?? []).map((choice) => ({
      id: choice.id,
      label: inScript(choice.label, turn.locale, script),
    })),
    intent: parts.intent ?? null,
    faq: parts.faq ?? null,
    confidence: parts.confidence ?? 1,
    ...(parts.handoffReason ? { handoffReason: parts.handoffReason } : {}),
    ...readMore(turn, parts.readMoreUrl),
  };
}

function readMore(turn: Turn, url: string | null | undefined): Pick<Reply, 'readMore'> {
  const label = url ? turn.brain.texts.message('help-read-more', turn.locale) : '';
  // A knowledge tree without the help texts gets no link rather than an empty button.
  if (!url || label === '') return {};
  return { readMore: { label: inScript(label, turn.locale, turn.state.script), url } };
}

export function say(
  turn: Turn,
  key: MessageKey,
  params?: Readonly<Record<string, string>>,
): string {
  return turn.brain.texts.message(key, turn.locale, params);
}

/** The label of an FAQ entry or intent as a button: its first question in the turn's locale. */
export function labelFor(turn: Turn, label: string): string | null {
  const [kind, id] = label.split(':', 2) as [string, string | undefined];
  if (id === undefined) return null;
  const source =
    kind === 'faq' ? turn.brain.faqs.get(id)?.questions : turn.brain.intents.get(id)?.utterances;
  if (!source) return null;
  return (
    source[turn.locale]?.[0] ??
    turn.brain.texts.pick(
      Object.fromEntries(Object.entries(source).map(([l, q]) => [l, q[0] ?? ''])),
      turn.locale,
    )
  );
}

export const humanChoice = (turn: Turn): Choice => ({
  id: 'human',
  label: say(turn, 'talk-to-person'),
});
