/**
 * Web chat session tokens on an injected clock: accepted until the configured idle time has passed
 * since the token was issued, refused as "expired" after it; a fresh token (every accepted request
 * hands one out) moves the end; a changed payload, a foreign signature or a rotated secret is
 * "invalid".
 */
import { createSessionTokens } from '../../../adapters/webchat/session-tokens';

const minutes = (n: number) => n * 60_000;

function clockAt(iso: string) {
  let now = new Date(iso).getTime();
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('web chat session tokens', () => {
  it('are accepted while the session is used and expire after the idle time', () => {
    const clock = clockAt('2026-12-07T09:00:00Z');
    const tokens = createSessionTokens({ secret: 's1', idleMs: minutes(30), now: clock.now });
    const first = tokens.issue('web-a');
    clock.advance(minutes(29));
    expect(tokens.verify(first)).toEqual({ conversationId: 'web-a' });
    // The request above was accepted, so the page got a fresh token: 29 more minutes are fine.
    const refreshed = tokens.issue('web-a');
    clock.advance(minutes(29));
    expect(tokens.verify(refreshed)).toEqual({ conversationId: 'web-a' });
    expect(tokens.verify(first)).toEqual({ refused: 'expired' });
    clock.advance(minutes(2));
    expect(tokens.verify(refreshed)).toEqual({ refused: 'expired' });
  });

  it('refuse a changed conversation, a cut token and another secret as invalid', () => {
    const clock = clockAt('2026-12-07T09:00:00Z');
    const tokens = createSessionTokens({ secret: 's1', idleMs: minutes(30), now: clock.now });
    const token = tokens.issue('web-a');
    const [, signature] = token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ c: 'web-b', e: clock.now().getTime() + minutes(30) }),
    ).toString('base64url');
    expect(tokens.verify(`${forgedPayload}.${signature}`)).toEqual({ refused: 'invalid' });
    expect(tokens.verify(token.split('.')[0]!)).toEqual({ refused: 'invalid' });
    expect(tokens.verify(`${token}.extra`)).toEqual({ refused: 'invalid' });
    expect(tokens.verify('')).toEqual({ refused: 'invalid' });
    const rotated = createSessionTokens({ secret: 's2', idleMs: minutes(30), now: clock.now });
    expect(rotated.verify(token)).toEqual({ refused: 'invalid' });
  });
});
