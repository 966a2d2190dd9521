import {
  canonicalSerial,
  displaySerial,
  findNumbers,
  parseCustomerSerial,
  parseOrderNumber,
} from '../../../src/core/warranty/serial';
import { sampleRules } from './fixtures';

const rules = sampleRules();

describe('serial numbers as customers type them', () => {
  test.each([
    ['NV12-2301-4567', 'the printed form'],
    ['nv12 2301 4567', 'lower case with spaces'],
    ['NV12۲۳۰۱۴۵۶۷', 'Persian digits'],
    ['NV12-٢٣٠١-٤٥٦٧', 'Arabic-Indic digits with dashes'],
    ['ＮＶ１２–２３０１—４５６７', 'full-width letters and digits, en and em dashes'],
    ['  NV12 - 2301 - 4567  ', 'spaces around dashes'],
  ])('%s (%s) reads as NV1223014567, a Nova 12', (typed) => {
    const parsed = parseCustomerSerial(typed, rules);
    expect(parsed).toMatchObject({ ok: true, serial: 'NV1223014567' });
    expect(parsed.ok && parsed.model.id).toBe('nova-12');
  });

  test('a serial inside a sentence, in any language', () => {
    expect(parseCustomerSerial('my serial is wm07 2304 1188, thanks', rules)).toMatchObject({
      ok: true,
      serial: 'WM0723041188',
    });
    expect(parseCustomerSerial('شماره سریال من WM07-۲۳۰۴-۱۱۸۸ است', rules)).toMatchObject({
      ok: true,
      serial: 'WM0723041188',
    });
    expect(parseCustomerSerial('Σειριακός: AC12 2306 7731', rules)).toMatchObject({
      ok: true,
      serial: 'AC1223067731',
    });
  });

  test('a wrong format is an error carrying an example of the right format', () => {
    expect(parseCustomerSerial('12345', rules)).toEqual({
      ok: false,
      reason: 'format',
      example: 'NV12-2301-4567',
    });
    expect(parseCustomerSerial('', rules)).toEqual({
      ok: false,
      reason: 'empty',
      example: 'NV12-2301-4567',
    });
  });

  test('the example is of the model the attempt starts like, else of the category the customer named', () => {
    // One digit short of a washing machine serial.
    expect(parseCustomerSerial('WM07-2304-118', rules)).toMatchObject({
      ok: false,
      example: 'WM07-2304-1188',
    });
    expect(parseCustomerSerial('abc', rules, 'air-conditioner')).toMatchObject({
      ok: false,
      example: 'AC12-2306-7731',
    });
  });

  test('one digit too many is not a serial (the pattern must match in full)', () => {
    expect(parseCustomerSerial('NV12-2301-45678', rules).ok).toBe(false);
  });

  test('an order number instead of a serial, in any digits, alone or in a sentence', () => {
    expect(parseOrderNumber('ord-۲۵۰۹۱۴', rules)).toBe('ORD250914');
    expect(parseOrderNumber('my order number is ORD 250914', rules)).toBe('ORD250914');
    expect(parseOrderNumber('NV12-2301-4567', rules)).toBeNull();
    expect(parseOrderNumber('ORD-250914', { ...rules, orderNumber: null })).toBeNull();
  });

  test('canonical and display forms', () => {
    expect(canonicalSerial('sl14-2205 0031')).toBe('SL1422050031');
    expect(displaySerial('SL1422050031', rules.models['slate-14'])).toBe('SL14-2205-0031');
    // A serial that does not have the example's length is shown as stored.
    expect(displaySerial('SL14220500', rules.models['slate-14'])).toBe('SL14220500');
  });
});

describe('findNumbers: every serial and order number anywhere in a sentence', () => {
  test('two serials typed in groups, one with Persian digits, each once and in order', () => {
    const found = findNumbers(
      'compare NV12 2301 4567 and WM07-۲۳۰۴-۱۱۸۸, then nv12-2301-4567 again',
      rules,
    );
    expect(found.map((one) => (one.kind === 'serial' ? one.serial : one.order))).toEqual([
      'NV1223014567',
      'WM0723041188',
    ]);
  });

  test('an order number inside a Greek sentence; nothing in a sentence without one', () => {
    expect(findNumbers('Η παραγγελία μου ORD-240517 έφτασε χαλασμένη', rules)).toEqual([
      { kind: 'order', order: 'ORD240517' },
    ]);
    expect(findNumbers('I bought it in 2023 for 450 euros', rules)).toEqual([]);
  });
});
