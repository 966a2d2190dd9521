/** Compares one reply with what a turn expects; each difference is one readable line. */
import type { Reply } from '../core/message';
import type { Expectation } from './schema';

export function differences(expect: Expectation, reply: Reply | undefined): string[] {
  if (expect.silent)
    return reply ? [`expected silence, got: ${reply.kind} ${JSON.stringify(reply.text)}`] : [];
  if (!reply) return ['expected a reply, got none (the bot stayed silent)'];
  const out: string[] = [];
  const same = (field: string, wanted: string | undefined, actual: string | null | undefined) => {
    if (wanted !== undefined && wanted !== actual)
      out.push(`${field}: expected ${wanted}, got ${actual ?? '(none)'}`);
  };
  same('kind', expect.kind, reply.kind);
  same('faq', expect.faq, reply.faq);
  same('intent', expect.intent, reply.intent);
  same('locale', expect.locale, reply.locale);
  same('handoffReason', expect.handoffReason, reply.handoffReason);
  const text = reply.text.toLocaleLowerCase();
  for (const wanted of expect.must ?? [])
    if (!text.includes(wanted.toLocaleLowerCase())) out.push(`text must contain "${wanted}"`);
  for (const unwanted of expect.mustNot ?? [])
    if (text.includes(unwanted.toLocaleLowerCase()))
      out.push(`text must not contain "${unwanted}"`);
  for (const button of expect.buttons ?? [])
    if (!reply.choices.some((choice) => choice.id === button || choice.label === button))
      out.push(`button "${button}" not offered`);
  if (out.length > 0) {
    out.push(
      `  got: ${reply.kind} faq=${reply.faq ?? '-'} intent=${reply.intent ?? '-'} locale=${reply.locale} confidence=${reply.confidence.toFixed(3)}`,
      ...indent(reply.text),
      ...reply.choices.map((choice) => `  [${choice.label}] (${choice.id})`),
    );
  }
  return out;
}

function indent(text: string): string[] {
  return text.split('\n').map((line) => `  | ${line}`);
}
