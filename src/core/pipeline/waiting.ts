/**
 * A turn while the conversation is handed off. Until a person claims the ticket the customer is
 * never left in silence: a plain FAQ question is still answered, and the desk says when to
 * acknowledge ("your message is in ticket #N, a colleague answers within …") or that nobody
 * claimed it in time (phone number). Once claimed, the bot only says who has the ticket, once.
 * "Back to the assistant" (the button, or its label typed in any language, or /bot) ends it.
 */
import type { Reply } from '../message';
import { normalizeText } from '../language/normalize';
import { answerLabel, type RespondSettings } from './respond';
import { backToBotChoiceId, contactOf, formatOpening } from './handoff';
import type { CustomerRelayed } from './ports';
import type { Texts } from '../texts';
import { reply, say, type Turn } from './turn';

/** Replies to a turn of a handed-off conversation; null when it has no ticket (the bot answers). */
export async function whileHandedOff(
  turn: Turn,
  settings: RespondSettings,
): Promise<Reply[] | null> {
  if (asksForBot(turn)) {
    await settings.desk.returnToBot(turn.key, turn.now);
    turn.state.handoffActive = false;
    turn.state.pending = null;
    turn.state.fallbacks = 0;
    return [reply(turn, { text: say(turn, 'handoff-back') })];
  }
  if (turn.message.choiceId) return [];
  const relayed = await settings.desk.relayFromCustomer(turn.key, turn.text, turn.now);
  if (!relayed) {
    turn.state.handoffActive = false;
    return null;
  }
  const replies: Reply[] = [];
  if (relayed.status === 'open') {
    const top = turn.brain.matcher.match(turn.text, { locale: turn.locale, limit: 1 })[0];
    const plainFaq =
      top !== undefined &&
      top.label.startsWith('faq:') &&
      top.score >= settings.thresholds.answer &&
      !(turn.brain.faqs.get(top.label.slice(4))?.tags ?? []).some((tag) =>
        settings.alwaysHumanTags.includes(tag),
      );
    if (plainFaq) replies.push(...(await answerLabel(turn, settings, top.label, top.score)));
  }
  const notice = noticeText(turn, settings, relayed);
  if (notice) replies.push(reply(turn, { text: notice, intent: 'ask-human' }));
  return replies;
}

function noticeText(turn: Turn, settings: RespondSettings, relayed: CustomerRelayed): string {
  const ticket = relayed.ticketId;
  switch (relayed.notice) {
    case 'claimed':
      return say(turn, 'handoff-claimed', { ticket, name: relayed.assignee ?? '' });
    case 'timeout':
      return say(turn, 'handoff-timeout', { ticket, ...contactOf(turn.brain, turn.locale) });
    case 'ack':
      return relayed.staffAvailable
        ? say(turn, 'handoff-ack', { ticket, minutes: String(relayed.claimTimeoutMinutes) })
        : say(turn, 'handoff-ack-closed', {
            ticket,
            when: formatOpening(turn, settings.businessHours),
          });
    case null:
      return '';
  }
}

/** The button, `/bot`, or the button's label typed in any of the bot's languages (and scripts). */
export function asksForBot(turn: Turn): boolean {
  if (turn.message.choiceId === backToBotChoiceId) return true;
  if (turn.message.choiceId) return false;
  if (/^\/bot(?:@\w+)?$/i.test(turn.text.trim())) return true;
  // Case, diacritics, punctuation and the Serbian script are folded away on both sides.
  const typed = normalizeText(turn.text, turn.locale);
  return typed !== '' && backToBotLabels(turn.brain.texts).has(typed);
}

/** The button's label in each language, normalized once per loaded set of texts (every turn asks). */
const labelsByTexts = new WeakMap<Texts, ReadonlySet<string>>();
function backToBotLabels(texts: Texts): ReadonlySet<string> {
  let labels = labelsByTexts.get(texts);
  if (labels === undefined) {
    labels = new Set(
      texts.all('back-to-bot').map(([locale, label]) => normalizeText(label, locale)),
    );
    labelsByTexts.set(texts, labels);
  }
  return labels;
}
