/** What follows a failed attempt at an outbox job: another attempt later, or giving it up. */

/** A failure no later attempt can fix (no staff channel configured, the ticket is gone). */
export class PermanentFailure extends Error {}

export type AfterFailure =
  | { readonly next: 'retry'; readonly inMs: number }
  /** `refused`: the failure is permanent; `exhausted`: no attempt is left. */
  | { readonly next: 'give-up'; readonly why: 'refused' | 'exhausted' };

/**
 * After the `attempts`-th attempt failed: the next one waits `delaysMs[attempts - 1]`; after the
 * last delay, or at once for a failure that is not temporary, the job is given up.
 */
export function afterFailure(
  delaysMs: readonly number[],
  attempts: number,
  temporary: boolean,
): AfterFailure {
  if (!temporary) return { next: 'give-up', why: 'refused' };
  const inMs = delaysMs[attempts - 1];
  return inMs === undefined ? { next: 'give-up', why: 'exhausted' } : { next: 'retry', inMs };
}

/** Every failure is temporary except a PermanentFailure. */
export const temporaryUnlessPermanent = (error: unknown): boolean =>
  !(error instanceof PermanentFailure);
