/**
 * The warranty dialog, plugged into the pipeline as its `warrantyDialog`: ask for the serial (or
 * the order number), read it (Persian digits, spaces, dashes, any case), answer with the status in the customer's
 * language and calendar. A wrong format is asked again with an example of the right one; after
 * `maxAttempts` misses a person is offered. A message that is not an attempt at a serial (no
 * digit) is left to the pipeline as a new question. A customer whose record is known (their
 * channel id, or on the phone their number) hears about their own units without giving a serial,
 * and a serial keyed in on a phone keypad (digits only) is completed with its model's letters.
 */
import type { Reply } from '../message';
import type { Dialog } from '../pipeline/respond';
import { humanChoice, reply, type Turn } from '../pipeline/turn';
import { formatCustomerStatus } from './customer-text';
import { mentionedCategory } from './mentioned-category';
import type { CustomerUnitsStore } from './customer-units';
import { warrantyStatus } from './engine';
import type { UnitStore } from './ports';
import { formatList, renderMessage } from './render';
import type { WarrantyRules } from './rules';
import {
  findNumbers,
  keypadSerials,
  parseCustomerSerial,
  parseOrderNumber,
  type FoundNumber,
} from './serial';
import type { Unit } from './types';

export interface WarrantyDialogOptions {
  /** The current rules; a function so that a knowledge reload swaps them between turns. */
  readonly rules: () => WarrantyRules;
  readonly units: Pick<UnitStore, 'findUnit' | 'findUnitsByOrder'>;
  /** The zone whose calendar decides "today" (bot.config.json businessHours.timeZone). */
  readonly timeZone: string;
  /** Misses (wrong format or unknown serial) before a person is offered; default 3. */
  readonly maxAttempts?: number;
  /** The units on the record of the customer asking; without it the dialog always asks. */
  readonly ownedUnits?: Pick<CustomerUnitsStore, 'unitsOf'>;
}

const INTENT = 'warranty-status';

export function createWarrantyDialog(options: WarrantyDialogOptions): Dialog {
  const maxAttempts = options.maxAttempts ?? 3;

  async function answer(
    turn: Turn,
    serial: string,
    attempts: number,
    category: string | undefined,
    confidence: number,
  ): Promise<Reply[]> {
    const rules = options.rules();
    const status = warrantyStatus(await options.units.findUnit(serial), rules, {
      on: turn.now,
      timeZone: options.timeZone,
      serial,
    });
    turn.state.fallbacks = 0;
    if (status.state === 'unknown-serial') {
      // The format was right; maybe a digit was mistyped. Let the customer try again.
      const text = renderMessage(rules, 'unknown-serial', turn.locale, { serial: status.serial });
      return miss(turn, rules, text, attempts + 1, category, confidence);
    }
    turn.state.pending = null;
    const text = formatCustomerStatus(status, {
      rules,
      locale: turn.locale,
      branches: turn.brain.branches,
    });
    return [
      reply(turn, {
        text,
        intent: INTENT,
        confidence,
        choices: status.covered ? [] : [humanChoice(turn)],
      }),
    ];
  }

  /** An order number instead of a serial: the status of every unit on the order. */
  async function answerOrder(
    turn: Turn,
    order: string,
    attempts: number,
    category: string | undefined,
    confidence: number,
  ): Promise<Reply[]> {
    const rules = options.rules();
    const onOrder = await options.units.findUnitsByOrder(order);
    turn.state.fallbacks = 0;
    if (onOrder.length === 0)
      return miss(
        turn,
        rules,
        renderMessage(rules, 'unknown-order', turn.locale, { order }),
        attempts + 1,
        category,
        confidence,
      );
    turn.state.pending = null;
    // The units are already read: their status straight from the engine, without looking each up again.
    const statuses = onOrder.map((unit) =>
      warrantyStatus(unit, rules, { on: turn.now, timeZone: options.timeZone }),
    );
    const text = statuses
      .map((status) =>
        formatCustomerStatus(status, { rules, locale: turn.locale, branches: turn.brain.branches }),
      )
      .join('\n\n');
    return [
      reply(turn, {
        text,
        intent: INTENT,
        confidence,
        choices: statuses.every((status) => status.covered) ? [] : [humanChoice(turn)],
      }),
    ];
  }

  function miss(
    turn: Turn,
    rules: WarrantyRules,
    text: string,
    attempts: number,
    category: string | undefined,
    confidence: number,
  ): Reply[] {
    if (attempts >= maxAttempts) {
      turn.state.pending = null;
      const giveUp = renderMessage(rules, 'too-many-attempts', turn.locale);
      return [
        reply(turn, {
          text: `${text}\n\n${giveUp}`,
          intent: INTENT,
          confidence,
          choices: [humanChoice(turn)],
        }),
      ];
    }
    turn.state.pending = { kind: 'warranty-serial', attempts, ...(category ? { category } : {}) };
    return [reply(turn, { text, intent: INTENT, confidence })];
  }

  /** The units on the customer's own record, each with its status; another unit can still be named. */
  function answerOwned(
    turn: Turn,
    owned: readonly Unit[],
    category: string | undefined,
    confidence: number,
  ): Reply[] {
    const rules = options.rules();
    const statuses = owned.map((unit) =>
      warrantyStatus(unit, rules, { on: turn.now, timeZone: options.timeZone }),
    );
    const named = owned.map((unit, index) =>
      renderMessage(rules, 'owned-unit', turn.locale, {
        model: statuses[index]?.modelName ?? unit.model,
        purchaseDate: unit.purchaseDate,
      }),
    );
    const text = [
      renderMessage(rules, 'your-units', turn.locale, { units: formatList(named, turn.locale) }),
      ...statuses.map((status) =>
        formatCustomerStatus(status, { rules, locale: turn.locale, branches: turn.brain.branches }),
      ),
      renderMessage(rules, 'other-unit', turn.locale, {
        example: exampleFor(rules, category),
        orderExample: rules.orderNumber?.example ?? '',
      }),
    ].join('\n\n');
    turn.state.fallbacks = 0;
    turn.state.pending = {
      kind: 'warranty-serial',
      attempts: 0,
      ...(category ? { category } : {}),
    };
    return [
      reply(turn, {
        text,
        intent: INTENT,
        confidence,
        choices: statuses.every((status) => status.covered) ? [] : [humanChoice(turn)],
      }),
    ];
  }

  /** The customer's units, those of the category they named when there are any. */
  async function ownedUnits(turn: Turn, category: string | undefined): Promise<readonly Unit[]> {
    if (!options.ownedUnits) return [];
    const { channel, userId } = turn.message;
    const owned = await options.ownedUnits.unitsOf({ channel, userId });
    const rules = options.rules();
    const ofCategory = owned.filter((unit) => rules.models[unit.model]?.category === category);
    return category !== undefined && ofCategory.length > 0 ? ofCategory : owned;
  }

  /** Digits keyed on a phone: the serial on record among the models' completions, else the only completion. */
  async function keyedSerial(text: string): Promise<string | undefined> {
    const completions = keypadSerials(text, options.rules());
    const known: string[] = [];
    for (const serial of completions)
      if ((await options.units.findUnit(serial)) !== undefined) known.push(serial);
    if (known.length === 1) return known[0];
    return completions.length === 1 ? completions[0] : undefined;
  }

  /** Two or more numbers in one message: the status of each, one paragraph per number. */
  async function answerAll(
    turn: Turn,
    found: readonly FoundNumber[],
    confidence: number,
  ): Promise<Reply[]> {
    let pending = null as Turn['state']['pending'];
    const replies: Reply[] = [];
    for (const number of found) {
      const replied =
        number.kind === 'serial'
          ? await answer(turn, number.serial, 0, undefined, confidence)
          : await answerOrder(turn, number.order, 0, undefined, confidence);
      // A number we do not know is asked again; the customer can retype that one alone.
      pending = turn.state.pending ?? pending;
      replies.push(...replied);
    }
    turn.state.pending = pending;
    return [
      reply(turn, {
        text: replies.map((one) => one.text).join('\n\n'),
        intent: INTENT,
        confidence,
        choices: replies.some((one) => one.choices.length > 0) ? [humanChoice(turn)] : [],
      }),
    ];
  }

  return {
    async spot(turn) {
      if (!/\p{Nd}/u.test(turn.text)) return null;
      const found = findNumbers(turn.text, options.rules());
      const first = found[0];
      if (!first) return null;
      if (found.length > 1) return answerAll(turn, found, 1);
      return first.kind === 'serial'
        ? answer(turn, first.serial, 0, undefined, 1)
        : answerOrder(turn, first.order, 0, undefined, 1);
    },

    async start(turn, confidence) {
      const rules = options.rules();
      const category = mentionedCategory(turn.text, turn.locale, rules);
      // "Is NV12-2301-4567 still covered?": the serial came with the question.
      if (/\p{Nd}/u.test(turn.text)) {
        const parsed = parseCustomerSerial(turn.text, rules, category);
        if (parsed.ok) return answer(turn, parsed.serial, 0, category, confidence);
        const order = parseOrderNumber(turn.text, rules);
        if (order) return answerOrder(turn, order, 0, category, confidence);
      }
      const owned = await ownedUnits(turn, category);
      if (owned.length > 0) return answerOwned(turn, owned, category, confidence);
      const example = exampleFor(rules, category);
      turn.state.pending = {
        kind: 'warranty-serial',
        attempts: 0,
        ...(category ? { category } : {}),
      };
      const orderExample = rules.orderNumber?.example ?? '';
      return [
        reply(turn, {
          text: renderMessage(rules, 'ask-serial', turn.locale, { example, orderExample }),
          intent: INTENT,
          confidence,
        }),
      ];
    },

    async resume(turn) {
      const pending = turn.state.pending;
      if (pending?.kind !== 'warranty-serial') return null;
      const rules = options.rules();
      const parsed = parseCustomerSerial(turn.text, rules, pending.category);
      if (parsed.ok) return answer(turn, parsed.serial, pending.attempts, pending.category, 1);
      const order = parseOrderNumber(turn.text, rules);
      if (order) return answerOrder(turn, order, pending.attempts, pending.category, 1);
      const keyed = await keyedSerial(turn.text);
      if (keyed) return answer(turn, keyed, pending.attempts, pending.category, 1);
      if (!looksLikeSerialAttempt(turn.text)) return null;
      const text = renderMessage(rules, 'reask-serial', turn.locale, {
        example: parsed.example,
        orderExample: rules.orderNumber?.example ?? '',
      });
      return miss(turn, rules, text, pending.attempts + 1, pending.category, 1);
    },
  };
}

function exampleFor(rules: WarrantyRules, category: string | undefined): string {
  const result = parseCustomerSerial('', rules, category);
  return result.ok ? '' : result.example;
}

/**
 * Every serial has digits; a message without any ("operator please", "thanks") is something else
 * and goes back to the pipeline.
 */
function looksLikeSerialAttempt(text: string): boolean {
  return /\p{Nd}/u.test(text);
}
