/**
 * grammY API transformers for temporary failures. @grammyjs/auto-retry waits out 429s with
 * Telegram's retry_after; server errors and network failures get our own backoff because
 * auto-retry's starts at a fixed 3 s and doubles, which cannot be shortened (tests and small
 * deployments want shorter waits).
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { GrammyError, HttpError, type Transformer } from 'grammy';
import { isTemporaryStatus, sleep, type RetryPolicy } from '../shared/retry';

export function retryServerErrors(policy: RetryPolicy): Transformer {
  return async (prev, method, payload, signal) => {
    for (let retry = 0; ; retry += 1) {
      const delay = policy.delaysMs[retry];
      try {
        const result = await prev(method, payload, signal);
        if (result.ok || result.error_code < 500 || delay === undefined) return result;
      } catch (error) {
        if (!(error instanceof HttpError) || signal?.aborted === true || delay === undefined)
          throw error;
      }
      await sleep(delay);
    }
  };
}

/** The transformers for a bot's API, outermost last (grammY wraps later ones around earlier ones). */
export function telegramRetryTransformers(policy: RetryPolicy): Transformer[] {
  return [
    retryServerErrors(policy),
    autoRetry({
      maxRetryAttempts: policy.delaysMs.length,
      maxDelaySeconds: Math.floor(policy.maxRetryAfterMs / 1000),
      rethrowInternalServerErrors: true,
      rethrowHttpErrors: true,
    }),
  ];
}

/** Worth another try later: rate limits, Telegram's own failures, the network. */
export function isTemporaryTelegramError(error: unknown): boolean {
  if (error instanceof GrammyError) return isTemporaryStatus(error.error_code);
  return error instanceof HttpError;
}
