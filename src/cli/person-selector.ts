/**
 * The selectors of `aftercare export` and `aftercare erase`, and who an audited command runs as:
 * `--as NAME`, or the operating-system user.
 */
import type { PersonSelector } from '../core/privacy/ports';
import type { CliIo } from './io';

export const selectorUsage = '--customer ID | --phone P | --channel-id CHANNEL:ID';

/** The one selector given, or an error message naming what is wrong. */
export function personSelector(flags: ReadonlyMap<string, string | true>): PersonSelector | string {
  const given = ['customer', 'phone', 'channel-id'].filter((name) => flags.has(name));
  if (given.length !== 1) return `give exactly one of ${selectorUsage}`;
  const value = flags.get(given[0] ?? '');
  if (typeof value !== 'string' || value.trim() === '') return `--${given[0]} needs a value`;
  if (given[0] === 'customer') {
    const id = Number(value);
    return Number.isInteger(id) && id > 0
      ? { kind: 'customer', customerId: id }
      : `--customer takes the customer's number (a positive integer), not "${value}"`;
  }
  if (given[0] === 'phone')
    return /\d/.test(value) ? { kind: 'phone', phone: value } : `--phone "${value}" has no digits`;
  const colon = value.indexOf(':');
  if (colon <= 0 || colon === value.length - 1)
    return `--channel-id is CHANNEL:ID, e.g. telegram:4201, not "${value}"`;
  return { kind: 'channel-id', channel: value.slice(0, colon), userId: value.slice(colon + 1) };
}

export function cliActor(io: CliIo, flags: ReadonlyMap<string, string | true>): string {
  const as = flags.get('as');
  if (typeof as === 'string' && as.trim() !== '') return `cli:${as.trim()}`;
  return `cli:${io.env.USER ?? io.env.USERNAME ?? 'unknown'}`;
}
