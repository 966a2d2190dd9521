/** The bot's own messages to a customer outside a turn: satisfaction question, follow-up, relayed staff text. */
import type { HandoffMessageKey } from '../knowledge/message-keys';
import type { Choice, Reply } from '../message';
import { inScript, type Texts } from '../texts';
import type { Ticket } from './ticket';

/** Choice ids stay far below Telegram's 64-byte callback_data: `csat:<ticket>:<1-5|skip>`, `fu:<ticket>:<ok|problem>`. */
export const csatChoiceId = (ticketId: string, value: number | 'skip'): string =>
  `csat:${ticketId}:${value}`;
export const followUpChoiceId = (ticketId: string, answer: 'ok' | 'problem'): string =>
  `fu:${ticketId}:${answer}`;

export type HandoffChoice =
  | { readonly kind: 'csat'; readonly ticketId: string; readonly value: number | 'skip' }
  | { readonly kind: 'follow-up'; readonly ticketId: string; readonly answer: 'ok' | 'problem' };

export function parseHandoffChoice(choiceId: string): HandoffChoice | null {
  const csat = /^csat:(\d{1,12}):([1-5]|skip)$/.exec(choiceId);
  if (csat)
    return {
      kind: 'csat',
      ticketId: csat[1] as string,
      value: csat[2] === 'skip' ? 'skip' : Number(csat[2]),
    };
  const followUp = /^fu:(\d{1,12}):(ok|problem)$/.exec(choiceId);
  if (followUp)
    return {
      kind: 'follow-up',
      ticketId: followUp[1] as string,
      answer: followUp[2] as 'ok' | 'problem',
    };
  return null;
}

/** A reply in the ticket's language (and the customer's Serbian script). */
export function botReply(
  ticket: Pick<Ticket, 'locale' | 'script'>,
  text: string,
  choices: readonly Choice[] = [],
): Reply {
  return {
    kind: 'answer',
    text: inScript(text, ticket.locale, ticket.script),
    locale: ticket.locale,
    choices: choices.map((choice) => ({
      id: choice.id,
      label: inScript(choice.label, ticket.locale, ticket.script),
    })),
    intent: null,
    faq: null,
    confidence: 1,
  };
}

/** A staff member's words, passed on as written: the relay does not translate. */
export function relayedReply(
  ticket: Pick<Ticket, 'locale'>,
  text: string,
  staffName?: string,
): Reply {
  return {
    ...(staffName ? { staffName } : {}),
    kind: 'answer',
    text,
    locale: ticket.locale,
    choices: [],
    intent: null,
    faq: null,
    confidence: 1,
  };
}

export function say(
  texts: Texts,
  ticket: Pick<Ticket, 'locale'>,
  key: HandoffMessageKey,
  params?: Readonly<Record<string, string>>,
): string {
  return texts.message(key, ticket.locale, params);
}

export function satisfactionQuestion(texts: Texts, ticket: Ticket): Reply {
  const digits = new Intl.NumberFormat(ticket.locale, { useGrouping: false });
  const choices = [1, 2, 3, 4, 5].map((score) => ({
    id: csatChoiceId(ticket.id, score),
    label: digits.format(score),
  }));
  return botReply(ticket, say(texts, ticket, 'csat-question'), choices);
}

export function followUpQuestion(texts: Texts, ticket: Ticket): Reply {
  return botReply(ticket, say(texts, ticket, 'follow-up'), [
    { id: followUpChoiceId(ticket.id, 'ok'), label: say(texts, ticket, 'follow-up-ok') },
    { id: followUpChoiceId(ticket.id, 'problem'), label: say(texts, ticket, 'follow-up-problem') },
  ]);
}
