/** Handing a conversation to a person: the desk opens a ticket, the customer is told what happens next. */
import { nextOpening, type BusinessHours } from '../business-hours';
import type { HandoffDesk } from './ports';
import { localeProfile } from '../language/locale-profile';
import type { HandoffReason, Reply } from '../message';
import { reply, say, type Turn } from './turn';

export interface HandoffSettings {
  readonly desk: HandoffDesk;
  readonly businessHours: BusinessHours;
}

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
  const phone = mainPhone(turn);
  let notice: string;
  if (opened.relaying && opened.staffAvailable) {
    notice = say(turn, 'handoff-open');
  } else if (opened.relaying) {
    notice = say(turn, 'handoff-closed', {
      when: formatOpening(turn, settings.businessHours),
      phone,
    });
  } else {
    notice = say(turn, 'handoff-call', { phone });
  }
  const text = intro ? `${intro}\n\n${notice}` : notice;
  return [
    reply(turn, { kind: 'handoff', text, confidence, handoffReason: reason, intent: 'ask-human' }),
  ];
}

function mainPhone(turn: Turn): string {
  const branches = turn.brain.branches;
  return (branches.find((branch) => branch.kind === 'head-office') ?? branches[0])?.phone ?? '';
}

function formatOpening(turn: Turn, hours: BusinessHours): string {
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
