/** Turning a match into replies: answer, clarify ("did you mean"), fall back, or run an intent's action. */
import type { Intent } from '../knowledge/knowledge';
import type { Candidate } from '../matching/matcher';
import type { Choice, Reply } from '../message';
import { branchReply } from './branches';
import { handOff, type HandoffSettings } from './handoff';
import type { CaseDialogPort } from './ports';
import { humanChoice, labelFor, reply, say, type Turn } from './turn';

/** A dialog that asks for something over several turns (the warranty serial number). */
export interface Dialog {
  start(turn: Turn, confidence: number): Promise<Reply[]>;
  /** Continues the pending dialog; null when the message is not an answer to it (a new question). */
  resume(turn: Turn): Promise<Reply[] | null>;
  /** Answers at once when the message itself carries what the dialog would ask for (a serial in a sentence); null otherwise. */
  spot(turn: Turn): Promise<Reply[] | null>;
}

/** Confidence bands: answer at or above `answer`, clarify at or above `clarify`, else out of scope. */
export interface Thresholds {
  readonly answer: number;
  readonly clarify: number;
  /** Choices scoring below top × this ratio are not offered. */
  readonly choiceRatio: number;
}

export interface RespondSettings extends HandoffSettings {
  readonly thresholds: Thresholds;
  readonly maxFallbacks: number;
  readonly alwaysHumanTags: readonly string[];
  readonly warrantyDialog: Dialog | null;
  /** Fault reports, repair bookings and returns (src/core/cases); none when absent. */
  readonly caseDialog?: CaseDialogPort | null;
  /** The help-centre address of an FAQ entry in a locale ("Read more"); none when not set. */
  readonly articleUrl?: (faqId: string, locale: string) => string | null;
}

export async function respondToMatch(
  turn: Turn,
  settings: RespondSettings,
  candidates: readonly Candidate[],
): Promise<Reply[]> {
  const top = candidates[0];
  const { answer, clarify, choiceRatio } = settings.thresholds;
  if (top && top.score >= answer) return answerLabel(turn, settings, top.label, top.score);

  const hadClarified = turn.state.pending?.kind === 'clarify';
  if (top && top.score >= clarify && !hadClarified) {
    const choices = candidates
      .filter(
        (candidate) => candidate.score >= clarify && candidate.score >= top.score * choiceRatio,
      )
      .slice(0, 3)
      .flatMap((candidate): Choice[] => {
        const label = labelFor(turn, candidate.label);
        return label ? [{ id: candidate.label, label }] : [];
      });
    if (choices.length > 0) {
      turn.state.pending = {
        kind: 'clarify',
        choices: choices.map((choice) => choice.id),
        attempts: 1,
      };
      return [
        reply(turn, {
          kind: 'clarify',
          text: say(turn, 'clarify'),
          choices: [...choices, humanChoice(turn)],
          confidence: top.score,
        }),
      ];
    }
  }
  const confidence = top?.score ?? 0;
  // A clarification that did not help, or too many misses in a row: a person takes over.
  if (hadClarified) return handOff(turn, settings, 'low-confidence', confidence);
  return fallback(turn, settings, confidence);
}

export async function fallback(
  turn: Turn,
  settings: RespondSettings,
  confidence: number,
): Promise<Reply[]> {
  turn.state.pending = null;
  turn.state.fallbacks += 1;
  if (turn.state.fallbacks >= settings.maxFallbacks)
    return handOff(turn, settings, 'repeated-fallback', confidence);
  return [
    reply(turn, {
      kind: 'answer',
      text: say(turn, 'fallback'),
      choices: [humanChoice(turn)],
      confidence,
    }),
  ];
}

/** Answers an FAQ entry or runs an intent, given its label (`faq:<id>` / `intent:<id>`). */
export async function answerLabel(
  turn: Turn,
  settings: RespondSettings,
  label: string,
  confidence: number,
): Promise<Reply[]> {
  turn.state.pending = null;
  const [kind, id = ''] = label.split(':', 2) as [string, string | undefined];
  if (kind === 'intent') {
    const intent = turn.brain.intents.get(id);
    return intent ? runIntent(turn, settings, intent, confidence) : fallback(turn, settings, 0);
  }
  const faq = turn.brain.faqs.get(id);
  if (!faq) return fallback(turn, settings, 0);
  turn.state.fallbacks = 0;
  const text = turn.brain.texts.pick(faq.answers, turn.locale);
  if (faq.tags.some((tag) => settings.alwaysHumanTags.includes(tag))) {
    return handOff(turn, settings, 'always-human-topic', confidence, text);
  }
  const choices = faq.followUps.flatMap((followUp): Choice[] => {
    const target = turn.brain.faqs.has(followUp) ? `faq:${followUp}` : `intent:${followUp}`;
    const followLabel = labelFor(turn, target);
    return followLabel ? [{ id: target, label: followLabel }] : [];
  });
  const readMoreUrl = settings.articleUrl?.(faq.id, turn.locale) ?? null;
  return [reply(turn, { text, faq: faq.id, choices, confidence, readMoreUrl })];
}

async function runIntent(
  turn: Turn,
  settings: RespondSettings,
  intent: Intent,
  confidence: number,
): Promise<Reply[]> {
  turn.state.fallbacks = 0;
  const response = turn.brain.texts.pick(intent.responses, turn.locale);
  if (intent.tags.some((tag) => settings.alwaysHumanTags.includes(tag))) {
    return handOff(turn, settings, 'always-human-topic', confidence, response || undefined);
  }
  switch (intent.action) {
    case 'reply':
      return [reply(turn, { text: response, intent: intent.id, confidence })];
    case 'handoff':
      return handOff(turn, settings, 'requested', confidence);
    case 'complaint':
      return [
        reply(turn, {
          text: response,
          intent: intent.id,
          confidence,
          choices: [humanChoice(turn)],
        }),
      ];
    case 'branch-lookup':
      return [branchReply(turn, confidence)];
    case 'warranty-status':
      if (settings.warrantyDialog) return settings.warrantyDialog.start(turn, confidence);
      return [branchReply(turn, confidence)];
  }
}
