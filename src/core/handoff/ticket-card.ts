/** The summary staff see on a ticket: reason, language, the last messages, the customer's units. */
import type { Choice, Reply } from '../message';
import type { StaffLine, TicketCard, UnitSummary } from './staff-channel';
import { isTestTicket, reasonLabels, type Ticket, type TicketMessage } from './ticket';

const SHOWN_MESSAGES = 8;
const SHOWN_CHARS = 300;

const authorLabels: Readonly<Record<TicketMessage['author'], string>> = {
  customer: 'Customer',
  bot: 'Bot',
  staff: 'Staff',
  note: 'Note',
  system: 'Aftercare',
};

/** "Persian (fa) · فارسی": staff may not read the customer's language, so it is named in English too. */
export function languageLabel(locale: string): string {
  const name = (inLocale: string): string => {
    try {
      return new Intl.DisplayNames([inLocale], { type: 'language' }).of(locale) ?? locale;
    } catch {
      return locale;
    }
  };
  const english = name('en');
  const native = name(locale);
  return native === english ? `${english} (${locale})` : `${english} (${locale}) · ${native}`;
}

export function ticketCard(
  ticket: Ticket,
  messages: readonly TicketMessage[],
  units: readonly UnitSummary[],
): TicketCard {
  const conversation = messages.filter(
    (message) =>
      message.author === 'customer' || message.author === 'bot' || message.author === 'staff',
  );
  return {
    ticketId: ticket.id,
    status: ticket.status,
    assignee: ticket.assignee,
    reason: reasonLabels[ticket.reason],
    locale: ticket.locale,
    language: languageLabel(ticket.locale),
    channel: ticket.customer.channel,
    test: isTestTicket(ticket),
    repair: ticket.repair,
    lastMessages: conversation.slice(-SHOWN_MESSAGES).map((message) => ({
      author:
        message.author === 'staff' && message.authorName
          ? message.authorName
          : authorLabels[message.author],
      text:
        message.text.length > SHOWN_CHARS
          ? `${message.text.slice(0, SHOWN_CHARS - 1)}…`
          : message.text,
    })),
    units,
    satisfaction: ticket.satisfaction.score,
    createdAt: ticket.createdAt,
  };
}

/** Button ids on the ticket message: `ticket:claim:<id>`, `ticket:resolve:<id>`. */
export const ticketActionId = (action: 'claim' | 'resolve', ticketId: string): string =>
  `ticket:${action}:${ticketId}`;

export function parseTicketAction(
  choiceId: string,
): { readonly action: 'claim' | 'resolve'; readonly ticketId: string } | null {
  const match = /^ticket:(claim|resolve):(\d{1,12})$/.exec(choiceId);
  return match ? { action: match[1] as 'claim' | 'resolve', ticketId: match[2] as string } : null;
}

const statusLine = (card: TicketCard): string => {
  if (card.status === 'resolved')
    return `resolved${card.assignee ? ` by ${card.assignee}` : ''}${card.satisfaction === null ? '' : ` · rated ${card.satisfaction}/5`}`;
  if (card.status === 'claimed') return `claimed by ${card.assignee ?? 'someone'}`;
  return card.satisfaction === null ? 'open' : `reopened · rated ${card.satisfaction}/5`;
};

/**
 * The ticket as a message in the core's Markdown subset, with Claim/Resolve as choices: every
 * staff adapter renders it like any reply (Block Kit buttons, an Adaptive Card).
 */
export function ticketCardReply(card: TicketCard): Reply {
  const lines = [
    `**Ticket #${card.ticketId}** · ${statusLine(card)}${card.repair ? ' · repair' : ''}${card.test ? ' · **TEST** (from the aftercare CLI, no customer waiting)' : ''}`,
    `**Why:** ${card.reason}\n**Language:** ${card.language}\n**Channel:** ${card.channel}`,
  ];
  if (card.units.length > 0) {
    lines.push(
      `**Units:**\n${card.units.map((unit) => `- ${unit.serial} (${unit.model})${unit.detail ? `: ${unit.detail}` : ''}`).join('\n')}`,
    );
  }
  if (card.lastMessages.length > 0) {
    lines.push(
      `**Last messages:**\n${card.lastMessages.map((message) => `- **${message.author}:** ${oneLine(message.text)}`).join('\n')}`,
    );
  }
  if (card.status !== 'resolved') {
    lines.push(
      'Reply in this thread to answer the customer (no translation). Start with // for a private note; /resolve or !resolve ends the hand-off.',
    );
  }
  const choices: Choice[] = [];
  if (card.status === 'open')
    choices.push({ id: ticketActionId('claim', card.ticketId), label: 'Claim' });
  if (card.status !== 'resolved')
    choices.push({ id: ticketActionId('resolve', card.ticketId), label: 'Resolve' });
  return {
    kind: 'handoff',
    text: lines.join('\n\n'),
    locale: 'en',
    choices,
    intent: null,
    faq: null,
    confidence: 1,
  };
}

/** A line in the ticket's thread as a reply. */
export function staffLineReply(line: StaffLine): Reply {
  const text =
    line.kind === 'customer'
      ? `**Customer:** ${line.text}`
      : line.kind === 'warning'
        ? `⚠️ ${line.text}`
        : line.text;
  return {
    kind: 'answer',
    text,
    locale: 'en',
    choices: [],
    intent: null,
    faq: null,
    confidence: 1,
  };
}

const oneLine = (text: string): string => text.replace(/\s*\n+\s*/g, ' ');
