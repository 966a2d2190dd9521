/**
 * Token buckets per key (a session token's conversation, a client address). A refused request
 * learns how many seconds until one more is allowed, for Retry-After. Held in memory: a limit is
 * not worth keeping across a restart.
 */
export interface RateLimiter {
  /** 0 when allowed (and counted); otherwise seconds to wait. */
  take(key: string): number;
}

export function createRateLimiter(
  limit: { readonly perMinute: number; readonly burst: number },
  now: () => number,
): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = limit.perMinute / 60_000;
  return {
    take(key) {
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at: time };
      bucket.tokens = Math.min(limit.burst, bucket.tokens + (time - bucket.at) * perMs);
      bucket.at = time;
      buckets.set(key, bucket);
      if (buckets.size > 50_000) buckets.delete(buckets.keys().next().value as string);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    },
  };
}
