/** Handing a conversation to a person: the desk opens a ticket, the customer is told what happens next. */
import type { Brain } from '../brain';
import { nextOpening, type BusinessHours } from '../business-hours';
import type { HandoffDesk } from './ports';
import { localeProfile } from '../language/locale-profile';
import type { Choice, HandoffReason, Locale, Reply } from '../message';
import { reply, say, type Turn } from './turn';

export interface HandoffSettings {
  readonly desk: HandoffDesk;
  readonly businessHours: BusinessHours;
}

/** The choice id of the "back to the assistant" button of a hand-off reply. */
export const backToBotChoiceId = 'bot';

export async function handOff(
  turn: Turn,
  settings: HandoffSettings,
  reason: HandoffReason,
  confidence: number,
  intro?: string,
): Promise<Reply[]> {
  const opened = await settings.desk.open({
    key: turn.key,
    userId: turn.message.userId,
    locale: turn.locale,
    reason,
    at: turn.now,
  });
  turn.state.handoffActive = opened.relaying;
  turn.state.pending = null;
  turn.state.fallbacks = 0;
  const contact = contactOf(turn.brain, turn.locale);
  let notice: string;
  if (opened.ticketId !== null && !opened.staffChannel) {
    // handoff.target none: the ticket is kept for the queue, but nobody is told; no promises.
    notice = say(turn, 'handoff-none', { ticket: opened.ticketId, ...contact });
  } else if (opened.relaying && opened.staffAvailable) {
    notice = say(turn, 'handoff-open');
  } else if (opened.relaying) {
    notice = say(turn, 'handoff-closed', {
      when: formatOpening(turn, settings.businessHours),
      phone: contact.phone,
    });
  } else {
    notice = say(turn, 'handoff-call', { phone: contact.phone });
  }
  const text = intro ? `${intro}\n\n${notice}` : notice;
  const choices: Choice[] = opened.relaying ? [backToBotChoice(turn)] : [];
  return [
    reply(turn, {
      kind: 'handoff',
      text,
      confidence,
      handoffReason: reason,
      intent: 'ask-human',
      choices,
    }),
  ];
}

export const backToBotChoice = (turn: Turn): Choice => ({
  id: backToBotChoiceId,
  label: say(turn, 'back-to-bot'),
});

/** The head office's phone number and hours (the first branch's without one), for hand-off texts. */
export function contactOf(brain: Brain, locale: Locale): { phone: string; hours: string } {
  const branches = brain.branches;
  const main = branches.find((branch) => branch.kind === 'head-office') ?? branches[0];
  return {
    phone: main?.phone ?? '',
    hours: main ? brain.texts.pick(main.hours, locale) : '',
  };
}

/** The next opening of business hours, written out in the turn's language and calendar. */
export function formatOpening(turn: Pick<Turn, 'now' | 'locale'>, hours: BusinessHours): string {
  const at = nextOpening(turn.now, hours);
  if (!at) return '';
  return new Intl.DateTimeFormat(localeProfile(turn.locale).intlLocale, {
    timeZone: hours.timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}
