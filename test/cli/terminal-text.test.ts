import { forTerminal } from '../../src/cli/terminal-text';

describe('aftercare chat renders bold and lists for the terminal', () => {
  const reply =
    'Covered until **September 14, 2027**.\n\n- The battery: ended.\n- **Paid repair**: ask us.';

  test('bold as the terminal shows it, list items as bullets', () => {
    expect(forTerminal(reply, { color: true })).toBe(
      'Covered until \u001b[1mSeptember 14, 2027\u001b[22m.\n\n  • The battery: ended.\n  • \u001b[1mPaid repair\u001b[22m: ask us.',
    );
  });

  test('without colour, the plain words and no asterisks', () => {
    expect(forTerminal(reply, { color: false })).toBe(
      'Covered until September 14, 2027.\n\n  • The battery: ended.\n  • Paid repair: ask us.',
    );
  });
});
