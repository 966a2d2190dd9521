/**
 * Booking a repair once the unit is known: what it will cost (the warranty decides: parts, labour,
 * on-site visit, exclusions such as liquid damage) is said before anything is booked; then the
 * customer's city gives the nearest branch with a schedule for the kind of visit (carry-in, or
 * on-site for the categories that get one), its free slots are offered as buttons, and the pressed
 * one is booked through the store, which refuses a full slot atomically. A case number confirms it.
 */
import type { Choice, Reply } from '../message';
import { normalizeText } from '../language/normalize';
import { humanChoice, reply } from '../pipeline/turn';
import type { CasePending } from '../ports';
import { warrantyStatus } from '../warranty/engine';
import { formatDate, renderReason } from '../warranty/render';
import type { Unit } from '../warranty/types';
import { CASE_INTENT, symptomOf, type CaseStep } from './case-step';
import { formatMoney, formatSlot, pickText, sayCase } from './case-texts';
import type { City, VisitMode } from './service-rules';
import { freeSlots, slotsAhead, type Slot } from './slots';

/** The cost, then the city question. */
export function startBooking(step: CaseStep, pending: CasePending, unit: Unit): Reply[] {
  const { turn, rules, warranty, options } = step;
  const category = warranty.models[unit.model]?.category ?? '';
  const symptom = symptomOf(rules, pending.symptom);
  const status = warrantyStatus(unit, warranty, {
    on: turn.now,
    timeZone: options.timeZone,
    ...(symptom?.exclusion ? { issue: symptom.exclusion } : {}),
  });
  const mode: VisitMode = rules.booking.onSite.includes(category) ? 'on-site' : 'carry-in';
  const fees = rules.booking.fees[category] ?? { diagnosis: 0, visit: 0 };
  const money = (amount: number): string =>
    formatMoney(amount, rules.booking.currency, turn.locale);
  const model = status.modelName ?? unit.model;
  const free = status.covered && status.costs.parts && status.costs.labour;
  const lines: string[] = [];
  if (free) {
    lines.push(
      sayCase(turn, rules, 'cost-covered', {
        model,
        until: status.until ? formatDate(status.until, turn.locale) : '',
      }),
    );
  } else {
    const why =
      [...status.reasons]
        .reverse()
        .find((reason) => ['excluded', 'expired', 'part-expired'].includes(reason.code)) ??
      status.reasons[status.reasons.length - 1];
    lines.push(
      sayCase(turn, rules, 'cost-not-covered', {
        model,
        reason: why ? renderReason(warranty, why, turn.locale) : '',
        fee: money(fees.diagnosis),
      }),
    );
  }
  const visitFree = status.covered && status.costs.onSite;
  if (mode === 'on-site')
    lines.push(
      visitFree
        ? sayCase(turn, rules, 'visit-free')
        : sayCase(turn, rules, 'visit-paid', { fee: money(fees.visit) }),
    );
  const cost = [
    free
      ? 'in warranty: parts and labour free'
      : `paid: diagnosis ${fees.diagnosis} ${rules.booking.currency}`,
    mode === 'on-site'
      ? visitFree
        ? 'visit free'
        : `visit ${fees.visit} ${rules.booking.currency}`
      : 'carry-in',
  ].join('; ');
  turn.state.fallbacks = 0;
  turn.state.pending = { ...pending, step: 'city', mode, cost, attempts: 0 };
  lines.push(sayCase(turn, rules, 'ask-city'));
  return [
    reply(turn, {
      text: lines.join('\n\n'),
      intent: CASE_INTENT,
      choices: cityChoices(step),
    }),
  ];
}

function cityChoices(step: CaseStep): Choice[] {
  return step.rules.booking.cities.map((city) => ({
    id: `case:city:${city.id}`,
    label: pickText(step.turn, city.names),
  }));
}

function cityNamed(step: CaseStep): City | undefined {
  const { turn } = step;
  const said = ` ${normalizeText(turn.text, turn.locale)} `;
  return step.rules.booking.cities.find((city) =>
    [...Object.values(city.names), ...city.aliases].some((name) => {
      const normalized = normalizeText(name, turn.locale);
      return normalized.length > 1 && said.includes(` ${normalized} `);
    }),
  );
}

export async function bookingResume(step: CaseStep, pending: CasePending): Promise<Reply[] | null> {
  if (pending.step !== 'city') return null;
  const city = cityNamed(step);
  if (city) return offerSlots(step, pending, city);
  // Something that is not a city name: once, the list; a second miss is a new question.
  if (pending.attempts > 0) return null;
  step.turn.state.pending = { ...pending, attempts: pending.attempts + 1 };
  return [
    reply(step.turn, {
      text: sayCase(step.turn, step.rules, 'city-unknown'),
      intent: CASE_INTENT,
      choices: cityChoices(step),
    }),
  ];
}

export async function bookingPressed(
  step: CaseStep,
  pending: CasePending,
  what: string,
  value: string,
): Promise<Reply[] | null> {
  if (what === 'city' && pending.step === 'city') {
    const city = step.rules.booking.cities.find((candidate) => candidate.id === value);
    return city ? offerSlots(step, pending, city) : null;
  }
  if (what === 'slot' && pending.step === 'slot') return book(step, pending, value);
  return null;
}

/**
 * A time button pressed when no offer is open: the slot this conversation booked already (the
 * customer pressed it twice, or again later) is named with its case number; any other time of an
 * old offer books nothing and the customer is asked to start again. Whatever else is under way
 * (another report) stays as it was.
 */
export async function slotPressedAgain(step: CaseStep, startIso: string): Promise<Reply[]> {
  const { turn, rules, options } = step;
  const start = new Date(startIso);
  const booked = Number.isNaN(start.getTime())
    ? null
    : await options.bookings.bookedAt(turn.key, start);
  const text = booked
    ? sayCase(turn, rules, 'slot-already-booked', {
        when: formatSlot(
          booked.appointment.start,
          booked.appointment.end,
          turn.locale,
          options.timeZone,
        ),
        case: booked.number,
      })
    : sayCase(turn, rules, 'slot-offer-over');
  return [reply(turn, { text, intent: CASE_INTENT })];
}

/** The branch that takes the booking: the nearest with a schedule for this kind of visit. */
function branchFor(step: CaseStep, city: City, mode: VisitMode): string | undefined {
  return city.branches.find((id) => {
    const schedule = step.rules.booking.branches[id];
    return mode === 'on-site' ? schedule?.onSite : schedule?.carryIn;
  });
}

function slotsOf(step: CaseStep, branch: string, mode: VisitMode): Slot[] {
  const schedule = step.rules.booking.branches[branch];
  const chosen = mode === 'on-site' ? schedule?.onSite : schedule?.carryIn;
  if (!chosen) return [];
  return slotsAhead(
    chosen,
    { branch, mode },
    step.turn.now,
    step.rules.booking.daysAhead,
    step.options.timeZone,
  );
}

async function offerSlots(
  step: CaseStep,
  pending: CasePending,
  city: City,
  before = '',
): Promise<Reply[]> {
  const mode = pending.mode ?? 'carry-in';
  const branch = branchFor(step, city, mode);
  return offerAt(step, pending, branch, before);
}

async function offerAt(
  step: CaseStep,
  pending: CasePending,
  branch: string | undefined,
  before: string,
): Promise<Reply[]> {
  const { turn, rules, options } = step;
  const mode = pending.mode ?? 'carry-in';
  const slots = branch ? slotsOf(step, branch, mode) : [];
  const first = slots[0];
  const last = slots[slots.length - 1];
  const booked =
    branch && first && last
      ? await options.bookings.bookedCounts(branch, mode, first.start, last.end)
      : new Map<string, number>();
  const free = freeSlots(slots, booked, rules.booking.offer);
  const intro = before ? `${before}\n\n` : '';
  if (!branch || free.length === 0) {
    turn.state.pending = null;
    return [
      reply(turn, {
        text: `${intro}${sayCase(turn, rules, 'no-slots')}`,
        intent: CASE_INTENT,
        choices: [humanChoice(turn)],
      }),
    ];
  }
  const directory = turn.brain.branches.find((candidate) => candidate.id === branch);
  const params = {
    branch: directory ? pickText(turn, directory.name) : branch,
    phone: directory?.phone ?? '',
    model: modelOf(step, pending),
  };
  turn.state.pending = { ...pending, step: 'slot', branch, attempts: 0 };
  return [
    reply(turn, {
      text: `${intro}${sayCase(turn, rules, mode === 'on-site' ? 'slots-on-site' : 'slots-carry-in', params)}`,
      intent: CASE_INTENT,
      choices: free.map((slot) => ({
        id: `case:slot:${slot.start.toISOString()}`,
        label: formatSlot(slot.start, slot.end, turn.locale, options.timeZone),
      })),
    }),
  ];
}

function modelOf(step: CaseStep, pending: CasePending): string {
  const serial = pending.serial ?? '';
  const prefix = Object.values(step.warranty.models).find((model) =>
    model.serial.pattern.test(serial),
  );
  return prefix?.name ?? serial;
}

async function book(
  step: CaseStep,
  pending: CasePending,
  startIso: string,
): Promise<Reply[] | null> {
  const { turn, rules, options } = step;
  const branch = pending.branch;
  const mode = pending.mode ?? 'carry-in';
  // Only a slot the schedule really has (a stale or forged button books nothing).
  const slot = branch
    ? slotsOf(step, branch, mode).find((candidate) => candidate.start.toISOString() === startIso)
    : undefined;
  if (!branch || !pending.serial) return null;
  // A stale or forged time: the free times again, the booking still open.
  if (!slot) return offerAt(step, pending, branch, '');
  const opened = await options.bookings.open(
    {
      kind: 'repair',
      serial: pending.serial,
      customer: { channel: turn.message.channel, userId: turn.message.userId },
      conversation: turn.key,
      locale: turn.locale,
      script: turn.state.script,
      symptom: pending.symptom ?? null,
      summary: pending.cost ?? '',
      appointment: { branch, mode, start: slot.start, end: slot.end },
      at: turn.now,
    },
    slot.capacity,
  );
  if (!opened.ok) return offerAt(step, pending, branch, sayCase(turn, rules, 'slot-taken'));
  turn.state.pending = null;
  const directory = turn.brain.branches.find((candidate) => candidate.id === branch);
  return [
    reply(turn, {
      text: sayCase(turn, rules, mode === 'on-site' ? 'booked-on-site' : 'booked-carry-in', {
        model: modelOf(step, pending),
        branch: directory ? pickText(turn, directory.name) : branch,
        when: formatSlot(slot.start, slot.end, turn.locale, options.timeZone),
        case: opened.number,
      }),
      intent: CASE_INTENT,
    }),
  ];
}
