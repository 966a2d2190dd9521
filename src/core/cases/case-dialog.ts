/**
 * The customer side of service cases, plugged into the pipeline as its `caseDialog`: a fault
 * report is recognised (product and symptom, the product also from the customer's own units),
 * self-help steps are offered with "that fixed it" / "still broken", a safety symptom hands off at
 * once with the safety advice; then the unit is identified (a number in the message or asked for,
 * or one of the customer's units chosen with a button) and a repair is booked
 * (repair-booking.ts) or a return or exchange decided (return-flow.ts).
 */
import type { Choice, Locale, Reply } from '../message';
import { handOff } from '../pipeline/handoff';
import type { CaseDialogPort } from '../pipeline/ports';
import type { RespondSettings } from '../pipeline/respond';
import { humanChoice, reply, type Turn } from '../pipeline/turn';
import type { CasePending } from '../ports';
import { normalizeText } from '../language/normalize';
import { mentionedCategory } from '../warranty/mentioned-category';
import { findNumbers } from '../warranty/serial';
import type { Unit } from '../warranty/types';
import { pickText, sayCase } from './case-texts';
import { recognizeFault } from './recognize-fault';
import {
  CASE_INTENT,
  symptomKey,
  symptomOf,
  type CaseDialogOptions,
  type CaseStep,
} from './case-step';
export type { CaseDialogOptions } from './case-step';
import { bookingPressed, bookingResume, slotPressedAgain, startBooking } from './repair-booking';
import { askCondition, returnPressed } from './return-flow';
import type { ReturnKind, ReturnRules, Symptom } from './service-rules';

export type CaseDialog = CaseDialogPort;

const maxAttempts = 3;

export function createCaseDialog(options: CaseDialogOptions): CaseDialog {
  const stepOf = (turn: Turn, settings: RespondSettings): CaseStep | null => {
    const rules = options.rules();
    return rules ? { turn, settings, options, rules, warranty: options.warranty() } : null;
  };
  return {
    async spot(turn, settings, matches) {
      const step = stepOf(turn, settings);
      if (!step) return null;
      const kind = returnRequest(step);
      if (kind) {
        const number = numberIn(step);
        turn.state.fallbacks = 0;
        const pending: CasePending = { kind: 'case', flow: kind, step: 'unit', attempts: 0 };
        return identifyUnit(step, number ? { ...pending, number } : pending);
      }
      const recognize = (owned: readonly string[]) =>
        recognizeFault(turn.text, turn.locale, step.rules.symptoms, {
          named: mentionedCategory(turn.text, turn.locale, step.warranty),
          owned,
        });
      let found = recognize([]);
      if (!found) return null;
      // The customer's units are read only when they can decide (most messages are no fault report).
      if (found.kind === 'which-product' || found.by === 'phrase') {
        const owned = await ownedUnits(step);
        if (owned.length > 0)
          found = recognize(
            owned.flatMap((unit) => step.warranty.models[unit.model]?.category ?? []),
          );
      }
      if (!found) return null;
      turn.state.fallbacks = 0;
      if (found.kind === 'symptom') {
        // "a gas smell from my oven": the phrase is an air conditioner's, the product may not be;
        // an FAQ entry that always goes to a person (tag `safety`) and answers with confidence is
        // the better advice, and hands off too.
        const top = found.symptom.safety && found.by === 'phrase' ? matches()[0] : undefined;
        const faq = top?.label.startsWith('faq:')
          ? turn.brain.faqs.get(top.label.slice(4))
          : undefined;
        const handedOff = faq?.tags.some((tag) => settings.alwaysHumanTags.includes(tag));
        if (top && handedOff && top.score >= settings.thresholds.answer) return null;
        return onSymptom(step, found.symptom, numberIn(step));
      }
      // Which product can wait; safety cannot: every product's advice, and a person at once.
      const advice = [
        ...new Set(found.symptoms.filter((s) => s.safety).map((s) => pickText(turn, s.steps))),
      ];
      if (advice.length > 0)
        return handOff(
          turn,
          settings,
          'safety',
          1,
          sayCase(turn, step.rules, 'fault-safety', { advice: advice.join('\n\n') }),
        );
      return askProduct(step, found.symptoms, numberIn(step));
    },

    async resume(turn, settings) {
      const pending = turn.state.pending;
      const step = stepOf(turn, settings);
      if (pending?.kind !== 'case' || !step) return null;
      if (pending.step === 'unit') return resumeUnit(step, pending);
      if (pending.step === 'product') {
        // The product typed instead of pressed: "the washing machine".
        const named = mentionedCategory(turn.text, turn.locale, step.warranty);
        const symptom = symptomOf(
          step.rules,
          pending.choices?.find((key) => key.startsWith(`${named}/`)),
        );
        return symptom ? onSymptom(step, symptom, pending.number) : null;
      }
      if (pending.step === 'city' || pending.step === 'slot') return bookingResume(step, pending);
      return null;
    },

    async pressed(turn, choiceId, settings) {
      if (!choiceId.startsWith('case:')) return null;
      const step = stepOf(turn, settings);
      const pending = turn.state.pending;
      if (!step) return null;
      const [, what = '', value = ''] = /^case:([a-z-]+):?(.*)$/.exec(choiceId) ?? [];
      // A time button of an offer that is over (booked already, or an old message).
      if (what === 'slot' && (pending?.kind !== 'case' || pending.step !== 'slot'))
        return slotPressedAgain(step, value);
      if (pending?.kind !== 'case') return null;
      switch (what) {
        case 'fixed':
          turn.state.pending = null;
          return [
            reply(turn, { text: sayCase(turn, step.rules, 'fault-fixed'), intent: CASE_INTENT }),
          ];
        case 'broken':
          return identifyUnit(step, { ...pending, step: 'unit', attempts: 0 });
        case 'product': {
          const symptom = symptomOf(
            step.rules,
            pending.choices?.find((key) => key.startsWith(`${value}/`)),
          );
          return symptom ? onSymptom(step, symptom, pending.number) : null;
        }
        case 'unit': {
          const unit = await options.units.findUnit(value);
          return unit ? unitChosen(step, pending, unit) : identifyUnit(step, pending);
        }
        case 'unit-other':
          return askUnit(step, { ...pending, step: 'unit' });
        case 'cond':
          return returnPressed(step, pending, value);
        default:
          return bookingPressed(step, pending, what, value);
      }
    },
  };
}

function returnRequest(step: CaseStep): ReturnKind | null {
  const said = ` ${normalizeText(step.turn.text, step.turn.locale)} `;
  const requests = requestPhrases(step.rules.returns, step.turn.locale);
  const asks = (kind: ReturnKind): boolean =>
    requests[kind].some((phrase) => said.includes(` ${phrase} `));
  // "exchange" is the more specific wish: "return it and exchange it for the 9 kg" is an exchange.
  if (asks('exchange')) return 'exchange';
  return asks('return') ? 'return' : null;
}

type RequestPhrases = Readonly<Record<ReturnKind, readonly string[]>>;
const requestCache = new WeakMap<ReturnRules, Map<Locale, RequestPhrases>>();

/** The return and exchange requests of `locale` in normal form, once per loaded rule set. */
function requestPhrases(returns: ReturnRules, locale: Locale): RequestPhrases {
  let byLocale = requestCache.get(returns);
  if (!byLocale) requestCache.set(returns, (byLocale = new Map()));
  let phrases = byLocale.get(locale);
  if (!phrases) {
    const normalized = (kind: ReturnKind): string[] =>
      (returns.requests[kind][locale] ?? [])
        .map((phrase) => normalizeText(phrase, locale))
        .filter((phrase) => phrase.length > 1);
    phrases = { return: normalized('return'), exchange: normalized('exchange') };
    byLocale.set(locale, phrases);
  }
  return phrases;
}

/** The first serial or order number in the message, canonical. */
function numberIn(step: CaseStep): string | undefined {
  if (!/\p{Nd}/u.test(step.turn.text)) return undefined;
  const first = findNumbers(step.turn.text, step.warranty)[0];
  return first ? (first.kind === 'serial' ? first.serial : first.order) : undefined;
}

async function onSymptom(
  step: CaseStep,
  symptom: Symptom,
  number: string | undefined,
): Promise<Reply[]> {
  const { turn, rules } = step;
  const steps = pickText(turn, symptom.steps);
  if (symptom.safety) {
    return handOff(
      turn,
      step.settings,
      'safety',
      1,
      sayCase(turn, rules, 'fault-safety', { advice: steps }),
    );
  }
  const pending: CasePending = {
    kind: 'case',
    flow: 'repair',
    step: 'self-help',
    attempts: 0,
    symptom: symptomKey(symptom),
    ...(number ? { number } : {}),
  };
  if (steps === '') return identifyUnit(step, { ...pending, step: 'unit' });
  turn.state.pending = pending;
  return [
    reply(turn, {
      text: sayCase(turn, rules, 'fault-steps', { steps }),
      intent: CASE_INTENT,
      choices: [
        { id: 'case:fixed', label: sayCase(turn, rules, 'button-fixed') },
        { id: 'case:broken', label: sayCase(turn, rules, 'button-broken') },
      ],
    }),
  ];
}

function askProduct(
  step: CaseStep,
  symptoms: readonly Symptom[],
  number: string | undefined,
): Reply[] {
  const { turn, rules, warranty } = step;
  turn.state.pending = {
    kind: 'case',
    flow: 'repair',
    step: 'product',
    attempts: 0,
    choices: symptoms.map(symptomKey),
    ...(number ? { number } : {}),
  };
  const choices = symptoms.map((symptom): Choice => {
    const name = warranty.categories[symptom.category]?.name;
    return {
      id: `case:product:${symptom.category}`,
      label: name ? pickText(turn, name) : symptom.category,
    };
  });
  return [
    reply(turn, {
      text: sayCase(turn, rules, 'fault-which-product'),
      intent: CASE_INTENT,
      choices,
    }),
  ];
}

/** The category a repair or return is about, when known. */
const categoryOf = (pending: CasePending): string | undefined => pending.symptom?.split('/')[0];

async function ownedUnits(step: CaseStep): Promise<readonly Unit[]> {
  if (!step.options.ownedUnits) return [];
  const { channel, userId } = step.turn.message;
  return step.options.ownedUnits.unitsOf({ channel, userId });
}

/** A number already given, else the customer's own units as buttons, else ask for it. */
export async function identifyUnit(step: CaseStep, pending: CasePending): Promise<Reply[]> {
  if (pending.number) return unitFromNumber(step, { ...pending, step: 'unit' }, pending.number);
  const category = categoryOf(pending);
  const owned = (await ownedUnits(step)).filter(
    (unit) => category === undefined || step.warranty.models[unit.model]?.category === category,
  );
  if (owned.length === 0) return askUnit(step, { ...pending, step: 'unit' });
  return chooseUnit(step, { ...pending, step: 'unit' }, owned);
}

function chooseUnit(step: CaseStep, pending: CasePending, units: readonly Unit[]): Reply[] {
  const { turn, rules, warranty } = step;
  turn.state.pending = pending;
  const choices: Choice[] = units.map((unit) => ({
    id: `case:unit:${unit.serial}`,
    label: `${warranty.models[unit.model]?.name ?? unit.model} (${unit.serial})`,
  }));
  choices.push({ id: 'case:unit-other', label: sayCase(turn, rules, 'button-other-unit') });
  return [reply(turn, { text: sayCase(turn, rules, 'choose-unit'), intent: CASE_INTENT, choices })];
}

function askUnit(step: CaseStep, pending: CasePending, before = ''): Reply[] {
  const { turn, rules, warranty } = step;
  const category = categoryOf(pending);
  const model = Object.values(warranty.models).find((candidate) => candidate.category === category);
  const example = (model ?? Object.values(warranty.models)[0])?.serial.example ?? '';
  const ask = sayCase(turn, rules, 'ask-unit', {
    example,
    orderExample: warranty.orderNumber?.example ?? '',
  });
  if (pending.attempts >= maxAttempts) {
    turn.state.pending = null;
    return [
      reply(turn, { text: before || ask, intent: CASE_INTENT, choices: [humanChoice(turn)] }),
    ];
  }
  turn.state.pending = pending;
  return [reply(turn, { text: before ? `${before}\n\n${ask}` : ask, intent: CASE_INTENT })];
}

async function unitFromNumber(
  step: CaseStep,
  pending: CasePending,
  number: string,
): Promise<Reply[]> {
  const { options, turn, rules, warranty } = step;
  const { number: _given, ...rest } = pending;
  const unit = await options.units.findUnit(number);
  if (unit) return unitChosen(step, rest, unit);
  const onOrder = await options.units.findUnitsByOrder(number);
  const category = categoryOf(pending);
  const fitting = onOrder.filter(
    (candidate) =>
      category === undefined || warranty.models[candidate.model]?.category === category,
  );
  const only = fitting.length === 1 ? fitting[0] : undefined;
  if (only) return unitChosen(step, rest, only);
  if (fitting.length > 1) return chooseUnit(step, rest, fitting);
  const unknown = sayCase(turn, rules, 'unit-unknown', { number });
  return askUnit(step, { ...rest, attempts: pending.attempts + 1 }, unknown);
}

async function resumeUnit(step: CaseStep, pending: CasePending): Promise<Reply[] | null> {
  const number = numberIn(step);
  if (number) return unitFromNumber(step, pending, number);
  // No number: digits that fit no format are asked again; words are a new question.
  if (!/\p{Nd}/u.test(step.turn.text)) return null;
  return askUnit(step, { ...pending, attempts: pending.attempts + 1 });
}

async function unitChosen(step: CaseStep, pending: CasePending, unit: Unit): Promise<Reply[]> {
  const next: CasePending = { ...pending, serial: unit.serial, attempts: 0 };
  if (pending.flow === 'repair') return startBooking(step, next, unit);
  return askCondition(step, next, unit);
}
