/**
 * The four kinds of unanswered question, read from transcript lines: a turn is the customer's line
 * and the bot lines after it; the turn's decision is its main reply (as `mainReply` picks it).
 */
import type { RejectionTest } from './rejection';
import type { TranscriptLine } from './transcript-line';

export type GapKind =
  'fallback' | 'clarify-abandoned' | 'low-confidence-handoff' | 'answer-rejected';

export interface UnansweredQuestion {
  readonly kind: GapKind;
  readonly text: string;
  readonly locale: string;
  readonly channel: string;
  readonly at: Date;
}

export interface Turn {
  readonly question: TranscriptLine;
  /** The button pressed, when the line was a press (stored as `label [choice-id]`). */
  readonly choiceId: string | null;
  readonly main: TranscriptLine | null;
}

const pressed = /\s\[([^\]\s]+)\]$/;
const handoffForLowConfidence = new Set(['low-confidence', 'repeated-fallback']);

export interface FindOptions {
  /** Called per transcript line read (progress). */
  readonly onLine?: () => void;
  /** "That's not what I asked" (knowledge/answer-rejected.yaml); without it only hand-off requests reject an answer. */
  readonly rejects?: RejectionTest;
}

export function findUnanswered(
  lines: Iterable<TranscriptLine>,
  options: FindOptions = {},
): UnansweredQuestion[] {
  const found: UnansweredQuestion[] = [];
  const rejects = options.rejects ?? (() => false);
  for (const conversation of conversationsOf(lines, options.onLine))
    found.push(...unansweredIn(turnsOf(conversation), rejects));
  return found;
}

/** The same, read from a backend's TranscriptReader one conversation at a time. */
export async function findUnansweredFrom(
  lines: AsyncIterable<TranscriptLine>,
  options: FindOptions = {},
): Promise<UnansweredQuestion[]> {
  const found: UnansweredQuestion[] = [];
  const rejects = options.rejects ?? (() => false);
  for await (const conversation of conversationsFrom(lines, options.onLine))
    found.push(...unansweredIn(turnsOf(conversation), rejects));
  return found;
}

/**
 * Groups lines that come ordered by conversation: `add` returns the conversation a line closes
 * (the one before it), `rest` the last one. Shared by the sync and the async reading below.
 */
function conversationGroups() {
  let conversation: TranscriptLine[] = [];
  return {
    add(line: TranscriptLine): TranscriptLine[] | null {
      const previous = conversation[0];
      const closed =
        previous &&
        (previous.channel !== line.channel || previous.conversationId !== line.conversationId)
          ? conversation
          : null;
      if (closed) conversation = [];
      conversation.push(line);
      return closed;
    },
    rest: (): TranscriptLine[] | null => (conversation.length > 0 ? conversation : null),
  };
}

/** Lines of an async reader grouped by conversation, as `conversationsOf` groups a sync one. */
export async function* conversationsFrom(
  lines: AsyncIterable<TranscriptLine>,
  onLine?: () => void,
): AsyncGenerator<TranscriptLine[]> {
  const groups = conversationGroups();
  for await (const line of lines) {
    onLine?.();
    const closed = groups.add(line);
    if (closed) yield closed;
  }
  const last = groups.rest();
  if (last) yield last;
}

/** Lines grouped by conversation (the reader returns them ordered by conversation). */
export function* conversationsOf(
  lines: Iterable<TranscriptLine>,
  onLine?: () => void,
): Generator<TranscriptLine[]> {
  const groups = conversationGroups();
  for (const line of lines) {
    onLine?.();
    const closed = groups.add(line);
    if (closed) yield closed;
  }
  const last = groups.rest();
  if (last) yield last;
}

export function turnsOf(lines: readonly TranscriptLine[]): Turn[] {
  const turns: Turn[] = [];
  for (let index = 0; index < lines.length; index++) {
    const question = lines[index] as TranscriptLine;
    if (question.direction !== 'in') continue;
    const replies: TranscriptLine[] = [];
    while (lines[index + 1]?.direction === 'out') replies.push(lines[++index] as TranscriptLine);
    const main =
      replies.find(
        (reply) => reply.kind !== 'answer' || reply.intent !== null || reply.faq !== null,
      ) ??
      replies.at(-1) ??
      null;
    turns.push({ question, choiceId: pressed.exec(question.text)?.[1] ?? null, main });
  }
  return turns;
}

/** Intents that are about the conversation, not answers from the knowledge. */
const notAnswers = new Set(['ask-human', 'complaint']);

function unansweredIn(turns: readonly Turn[], rejects: RejectionTest): UnansweredQuestion[] {
  const out: UnansweredQuestion[] = [];
  const rejection = (turn: Turn | undefined): boolean =>
    turn !== undefined &&
    turn.choiceId === null &&
    (wantsPerson(turn) || rejects(turn.question.text, turn.question.locale));
  turns.forEach((turn, index) => {
    const { main } = turn;
    // A silent turn (a person owns the conversation) and a pressed button are not questions.
    if (!main || turn.choiceId !== null) return;
    // "That's not what I asked" is about the answer before it, not a question of its own.
    if (rejects(turn.question.text, turn.question.locale)) return;
    const next = turns[index + 1];
    const add = (kind: GapKind): void => {
      out.push({
        kind,
        text: turn.question.text,
        locale: turn.question.locale ?? main.locale ?? 'und',
        channel: turn.question.channel,
        at: turn.question.at,
      });
    };
    if (main.kind === 'handoff') {
      if (handoffForLowConfidence.has(main.handoffReason ?? '')) add('low-confidence-handoff');
    } else if (main.kind === 'clarify') {
      // Resolved only when the customer pressed one of the offered entries, not "talk to a person".
      const resolved =
        next?.choiceId != null && next.choiceId !== 'human' && next.main?.kind === 'answer';
      if (!resolved) add('clarify-abandoned');
    } else if (main.intent === null && main.faq === null) {
      add('fallback');
    } else if (
      (main.faq !== null || (main.intent !== null && !notAnswers.has(main.intent))) &&
      rejection(next)
    ) {
      add('answer-rejected');
    }
  });
  return out;
}

/** The next turn asks for a person or complains: the answer before it did not help. */
function wantsPerson(turn: Turn): boolean {
  const main = turn.main;
  if (!main) return false;
  return (
    main.intent === 'ask-human' ||
    main.intent === 'complaint' ||
    (main.kind === 'handoff' && main.handoffReason === 'requested')
  );
}
