/**
 * Retrying a platform call: the platform's own "retry after" hint when it gives one, otherwise
 * the configured backoff. Only failures the platform calls temporary are retried.
 */

export type Failure =
  { readonly retryable: false } | { readonly retryable: true; readonly retryAfterMs?: number };

export interface RetryPolicy {
  /** Waits between attempts; its length is the number of retries. */
  readonly delaysMs: readonly number[];
  /** A platform asking for a longer wait than this fails the call instead of blocking it. */
  readonly maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  delaysMs: [1_000, 3_000, 9_000],
  maxRetryAfterMs: 60_000,
};

export const sleep = (milliseconds: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, milliseconds));

export async function withRetry<T>(
  attempt: () => Promise<T>,
  classify: (error: unknown) => Failure,
  policy: RetryPolicy,
): Promise<T> {
  for (let retry = 0; ; retry += 1) {
    try {
      return await attempt();
    } catch (error) {
      const failure = classify(error);
      const backoff = policy.delaysMs[retry];
      if (!failure.retryable || backoff === undefined) throw error;
      const wait = failure.retryAfterMs ?? backoff;
      if (wait > policy.maxRetryAfterMs) throw error;
      await sleep(wait);
    }
  }
}

/** HTTP status codes that mean "try again later" on every platform we talk to. */
export const isTemporaryStatus = (status: number): boolean => status === 429 || status >= 500;
