/**
 * Suggested variants learned from transcripts: the customer's question was clarified, they
 * pressed an FAQ entry's button, and the answer held (the next turn neither rephrased into a
 * fallback nor asked for a person). The question, in the customer's language, is a variant of it.
 */
import { conversationsFrom, conversationsOf, turnsOf, type Turn } from '../gaps/find-unanswered';
import type { RejectionTest } from '../gaps/rejection';
import type { TranscriptLine } from '../gaps/transcript-line';

export interface LearnedVariant {
  readonly faq: string;
  readonly locale: string;
  readonly text: string;
  readonly at: Date;
  /** The transcript line that taught it, so it is counted once. */
  readonly sourceId: number;
}

/**
 * Staff `!faq ID` notes in ticket threads read as learned variants (the customer's latest message
 * before the note, in the ticket's language), oldest note first. Each backend implements it.
 */
export type StaffFaqNotesReader = () => Promise<LearnedVariant[]>;

/** `rejects`: "that's not what I asked" (knowledge/answer-rejected.yaml) also undoes the answer. */
export function learnFromClarifications(
  lines: Iterable<TranscriptLine>,
  rejects: RejectionTest = () => false,
): LearnedVariant[] {
  const learned: LearnedVariant[] = [];
  for (const conversation of conversationsOf(lines))
    learned.push(...learnedIn(conversation, rejects));
  return learned;
}

/** The same, read from a backend's TranscriptReader one conversation at a time. */
export async function learnFromClarificationsFrom(
  lines: AsyncIterable<TranscriptLine>,
  rejects: RejectionTest = () => false,
): Promise<LearnedVariant[]> {
  const learned: LearnedVariant[] = [];
  for await (const conversation of conversationsFrom(lines))
    learned.push(...learnedIn(conversation, rejects));
  return learned;
}

function learnedIn(
  conversation: readonly TranscriptLine[],
  rejects: RejectionTest,
): LearnedVariant[] {
  const learned: LearnedVariant[] = [];
  const turns = turnsOf(conversation);
  turns.forEach((turn, index) => {
    const press = turns[index + 1];
    if (turn.main?.kind !== 'clarify' || turn.choiceId !== null) return;
    if (!press?.choiceId?.startsWith('faq:') || press.main?.kind !== 'answer') return;
    const faq = press.choiceId.slice(4);
    const next = turns[index + 2];
    if (press.main.faq !== faq || rejected(next)) return;
    if (next && next.choiceId === null && rejects(next.question.text, next.question.locale)) return;
    learned.push({
      faq,
      locale: turn.question.locale ?? press.main.locale ?? 'und',
      text: turn.question.text.trim(),
      at: press.question.at,
      sourceId: press.question.id,
    });
  });
  return learned;
}

/** The turn after the answer says it did not help: a fallback (a rephrase) or a person asked for. */
function rejected(next: Turn | undefined): boolean {
  const main = next?.main;
  if (!main || next?.choiceId != null) return false;
  return (
    main.kind === 'handoff' ||
    main.intent === 'ask-human' ||
    main.intent === 'complaint' ||
    (main.kind === 'answer' && main.intent === null && main.faq === null)
  );
}
