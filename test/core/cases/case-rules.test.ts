/** Pure parts of the service cases: fault recognition, slots from a schedule, return eligibility. */
import { loadServiceRules } from '../../../src/config/load-service';
import { loadWarrantyRules } from '../../../src/config/load-warranty';
import { loadKnowledge } from '../../../src/config/load-knowledge';
import { recognizeFault } from '../../../src/core/cases/recognize-fault';
import { returnDecision } from '../../../src/core/cases/returns';
import type { ServiceRules, SlotSchedule } from '../../../src/core/cases/service-rules';
import { freeSlots, slotsAhead, zonedInstant } from '../../../src/core/cases/slots';
import { repoRoot } from '../../helpers/paths';

const locales = ['en', 'fa', 'vi', 'el', 'sr', 'ta'];
const dirs = { rootDir: repoRoot, knowledgeDir: 'knowledge', intentsDir: 'intents', locales };
const warranty = loadWarrantyRules({ ...dirs, defaultLocale: 'en' }).rules;
const rules = loadServiceRules(dirs, {
  warranty,
  branchIds: loadKnowledge(dirs).knowledge.branches.map((branch) => branch.id),
}).rules as ServiceRules;

describe('recognizeFault', () => {
  const found = (text: string, locale: string, owned: string[] = [], named?: string) => {
    const result = recognizeFault(text, locale, rules.symptoms, {
      owned,
      ...(named ? { named } : {}),
    });
    return result?.kind === 'symptom'
      ? `${result.symptom.category}/${result.symptom.id}`
      : result?.symptoms.map((symptom) => symptom.category).sort();
  };

  it.each([
    ['the washing machine is leaking water', 'en', 'washing-machine/leaking'],
    ['my aircon makes a loud noise', 'en', 'air-conditioner/loud-noise'],
    ['I dropped my phone in water', 'en', 'phone/water-damage'],
    ['the keyboard stopped working', 'en', 'laptop/keyboard'],
    ['ماشین لباسشویی نشتی داره', 'fa', 'washing-machine/leaking'],
    ['Máy lạnh kêu to quá', 'vi', 'air-conditioner/loud-noise'],
    ['Το κινητό μου έπεσε στο νερό', 'el', 'phone/water-damage'],
    ['tastatura ne radi', 'sr', 'laptop/keyboard'],
    ['என் சலவை இயந்திரம் கசிகிறது', 'ta', 'washing-machine/leaking'],
  ])('%s (%s) is %s', (text, locale, expected) => {
    expect(found(text, locale)).toBe(expected);
  });

  it("a symptom of several products: the named product decides, else the customer's own unit, else ask", () => {
    expect(found('there is smoke', 'en')).toEqual(['air-conditioner', 'washing-machine']);
    expect(found('there is smoke', 'en', ['air-conditioner'])).toBe('air-conditioner/gas-smell');
    expect(found('there is smoke', 'en', ['phone', 'washing-machine'])).toBe(
      'washing-machine/smoke',
    );
    expect(found('there is smoke', 'en', ['air-conditioner'], 'washing-machine')).toBe(
      'washing-machine/smoke',
    );
  });

  it('words of another language and words inside words are not symptoms', () => {
    expect(found('the screen is dim', 'en')).toBeUndefined();
    expect(found('unnoisy', 'en')).toBeUndefined();
    expect(found('what is the warranty period', 'en')).toBeUndefined();
  });
});

describe('slots', () => {
  const schedule: SlotSchedule = {
    days: ['sat', 'sun', 'mon', 'tue', 'wed'],
    hours: [{ from: '08:00', to: '10:00' }],
    slotMinutes: 60,
    capacity: 2,
    holidays: ['2026-06-03'],
  };
  const where = { branch: 'east', mode: 'carry-in' as const };

  it('wall-clock times of the zone (Tehran is UTC+03:30)', () => {
    expect(zonedInstant('2026-06-02', 8 * 60, 'Asia/Tehran').toISOString()).toBe(
      '2026-06-02T04:30:00.000Z',
    );
    expect(zonedInstant('2026-01-15', 8 * 60, 'Europe/Belgrade').toISOString()).toBe(
      '2026-01-15T07:00:00.000Z',
    );
    expect(zonedInstant('2026-07-15', 8 * 60, 'Europe/Belgrade').toISOString()).toBe(
      '2026-07-15T06:00:00.000Z',
    );
  });

  it('from tomorrow, open days only, holidays skipped, each window cut into slots', () => {
    // Monday 1 June 2026, 12:30 in Tehran.
    const slots = slotsAhead(schedule, where, new Date('2026-06-01T09:00:00Z'), 6, 'Asia/Tehran');
    expect(slots.map((slot) => slot.start.toISOString())).toEqual([
      '2026-06-02T04:30:00.000Z', // Tue 08:00
      '2026-06-02T05:30:00.000Z', // Tue 09:00
      // Wed 3 June is a holiday, Thu and Fri are closed
      '2026-06-06T04:30:00.000Z', // Sat
      '2026-06-06T05:30:00.000Z',
      '2026-06-07T04:30:00.000Z', // Sun
      '2026-06-07T05:30:00.000Z',
    ]);
    expect(slots[0]?.end.toISOString()).toBe('2026-06-02T05:30:00.000Z');
  });

  it('a slot is free while it has fewer bookings than its capacity', () => {
    const slots = slotsAhead(schedule, where, new Date('2026-06-01T09:00:00Z'), 6, 'Asia/Tehran');
    const booked = new Map([
      ['2026-06-02T04:30:00.000Z', 2],
      ['2026-06-02T05:30:00.000Z', 1],
    ]);
    expect(freeSlots(slots, booked, 2).map((slot) => slot.start.toISOString())).toEqual([
      '2026-06-02T05:30:00.000Z',
      '2026-06-06T04:30:00.000Z',
    ]);
  });
});

describe('returnDecision', () => {
  const unit = { purchaseDate: '2026-05-20', deliveryDate: '2026-05-28' };
  const on = (today: string, kind: 'return' | 'exchange', condition: string) =>
    returnDecision(unit, kind, condition, rules.returns, today);

  it('unused within 14 days of purchase: accepted; on day 15: too late, with the figures', () => {
    expect(on('2026-06-03', 'return', 'unused')).toMatchObject({ accepted: true, days: 14 });
    expect(on('2026-06-04', 'return', 'unused')).toEqual({
      accepted: false,
      reason: 'too-late',
      limit: 14,
      days: 15,
      from: 'purchase',
    });
  });

  it('dead on arrival counts from the delivery date', () => {
    expect(on('2026-06-04', 'exchange', 'dead-on-arrival')).toMatchObject({
      accepted: true,
      days: 7,
    });
    expect(on('2026-06-05', 'exchange', 'dead-on-arrival')).toMatchObject({
      accepted: false,
      reason: 'too-late',
      from: 'delivery',
    });
  });

  it('a condition no rule takes for the kind is refused for the condition', () => {
    expect(on('2026-05-21', 'return', 'used')).toEqual({
      accepted: false,
      reason: 'condition',
      condition: 'used',
    });
    expect(on('2026-06-10', 'return', 'defective')).toMatchObject({ reason: 'condition' });
    expect(on('2026-06-10', 'exchange', 'defective')).toMatchObject({ accepted: true });
  });
});
