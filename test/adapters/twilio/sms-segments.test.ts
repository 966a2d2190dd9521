/** SMS segments: GSM-7 for plain Latin, UCS-2 as soon as one other character appears. */
import { smsSize } from '../../../adapters/twilio/sms-segments';
import { optKeyword, smsBodies, SMS_BODY_LIMIT } from '../../../adapters/twilio/sms-mapping';

describe('smsSize', () => {
  it.each([
    ['a'.repeat(160), 'GSM-7', 1],
    ['a'.repeat(161), 'GSM-7', 2],
    ['a'.repeat(306), 'GSM-7', 2],
    ['a'.repeat(307), 'GSM-7', 3],
    ['€'.repeat(80), 'GSM-7', 1],
    ['€'.repeat(81), 'GSM-7', 2],
    ['Ευχαριστώ'.padEnd(70, '.'), 'UCS-2', 1],
    ['Ευχαριστώ'.padEnd(71, '.'), 'UCS-2', 2],
    ['سلام'.repeat(34), 'UCS-2', 3],
    ['வணக்கம்'.repeat(10), 'UCS-2', 1],
    ['வணக்கம்'.repeat(11), 'UCS-2', 2],
    ['Xin chào, cảm ơn', 'UCS-2', 1],
  ] as const)('%#: %s is %s in %d segment(s)', (text, encoding, segments) => {
    expect(smsSize(text)).toMatchObject({ encoding, segments });
  });

  it('counts Greek capitals that GSM-7 has (ΔΦΓΛΩΠΨΣΘΞ) as GSM-7, lower case as UCS-2', () => {
    expect(smsSize('ΔΦΓΛΩ').encoding).toBe('GSM-7');
    expect(smsSize('γεια').encoding).toBe('UCS-2');
  });
});

describe('SMS mapping', () => {
  it('knows the opt-out keywords in any case', () => {
    expect(optKeyword(' stop ')).toBe('stop');
    expect(optKeyword('Unstop')).toBe('start');
    expect(optKeyword('stop the noise')).toBeNull();
  });
  it('renders replies as plain text within the message limit, choices numbered', () => {
    const bodies = smsBodies([
      {
        kind: 'clarify',
        text: '**Did you mean** one of these? ' + 'x '.repeat(1000),
        locale: 'en',
        choices: [
          { id: 'a', label: 'Opening hours' },
          { id: 'b', label: 'Repairs' },
        ],
        intent: null,
        faq: null,
        confidence: 0.4,
      },
    ]);
    expect(bodies.length).toBe(2);
    expect(bodies.every((body) => body.length <= SMS_BODY_LIMIT)).toBe(true);
    expect(bodies[0]).not.toContain('**');
    expect(bodies.at(-1)).toContain('1. Opening hours\n2. Repairs');
  });
});
