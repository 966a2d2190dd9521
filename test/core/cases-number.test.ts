/** A case number recognised however a customer or a speech recogniser writes it, and only then. */
import { findCaseNumber } from '../../src/core/cases/case-status-hooks';

describe('findCaseNumber', () => {
  test.each([
    ['Where is my repair R-2611-0102?', 'R-2611-0102'],
    ['where is my repair r 2611 0102', 'R-2611-0102'],
    ['R26110102 please', 'R-2611-0102'],
    ['(RMA-2611-0204)', 'RMA-2611-0204'],
    ['rma 2611 0204', 'RMA-2611-0204'],
    ['Τι γίνεται με την επιστροφή RMA26110204;', 'RMA-2611-0204'],
    // Cyrillic and Greek capitals that look like R, M, A.
    ['Где је моја поправка Р-2611-0105?', 'R-2611-0105'],
    ['Πού είναι η επισκευή Ρ 2611 0104;', 'R-2611-0104'],
    ['پرونده R-۲۶۱۱-۰۱۰۱ کجاست؟', 'R-2611-0101'],
    ['R-2611-12345', 'R-2611-12345'],
  ])('%s → %s', (text, expected) => {
    expect(findCaseNumber(text)).toBe(expected);
  });

  test.each([
    'my number 2611 0102',
    'serial WM07-2509-0030',
    'call 021-66097859',
    'R2D2 is broken',
    'order ORD-260301',
    'XR-2611-0102',
    'R-2611-010',
  ])('%s → none', (text) => {
    expect(findCaseNumber(text)).toBeNull();
  });
});
