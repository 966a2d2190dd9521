/** Reading an adapter's variables: blank counts as unset, and errors name the variable and the fix. */
import { defaultRetryPolicy, type RetryPolicy } from './retry';

export type Env = Readonly<Record<string, string | undefined>>;

export function optionalEnv(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

export function requiredEnv(env: Env, name: string, hint: string): string {
  const value = optionalEnv(env, name);
  if (value === undefined) throw new Error(`${name} is not set. ${hint}`);
  return value;
}

/** `5,50,500` → [5, 50, 500]: waits in milliseconds, e.g. short retries for end-to-end tests. */
export function delaysEnv(env: Env, name: string): readonly number[] | undefined {
  const value = optionalEnv(env, name);
  if (value === undefined) return undefined;
  const delays = value.split(',').map((part) => Number(part.trim()));
  if (delays.some((delay) => !Number.isInteger(delay) || delay < 0)) {
    throw new Error(
      `${name} must be a comma-separated list of waits in milliseconds, e.g. 1000,3000,9000; got "${value}"`,
    );
  }
  return delays;
}

/** An adapter's retry waits and outbox waits, each only where its variable sets it. */
export function sendDelaysEnv(
  env: Env,
  names: { readonly retry: string; readonly outbox: string },
): { readonly retry?: RetryPolicy; readonly laterDelaysMs?: readonly number[] } {
  const retryDelays = delaysEnv(env, names.retry);
  const laterDelays = delaysEnv(env, names.outbox);
  return {
    ...(retryDelays === undefined
      ? {}
      : { retry: { ...defaultRetryPolicy, delaysMs: retryDelays } }),
    ...(laterDelays === undefined ? {} : { laterDelaysMs: laterDelays }),
  };
}
