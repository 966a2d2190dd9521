/**
 * The Metrics port: what the core counts, described by the core. The composition root injects a
 * Prometheus implementation (src/server/metrics.ts); the core never imports prom-client.
 */
import type { HandoffReason, Locale, Reply } from './message';

export interface Metrics {
  /** One customer message that reached the pipeline (not a duplicate). */
  messageReceived(channel: string, locale: Locale): void;
  /** The decision of one turn: answer, clarify, fallback, handoff or silent. */
  replied(channel: string, kind: string, handoffReason: HandoffReason | null): void;
  /** How long the matcher took for one text, in seconds. */
  matchTimed(seconds: number): void;
  /** How long a whole turn took, in seconds. */
  turnTimed(seconds: number): void;
  /** A delivery the channel had already sent (a platform retry). */
  duplicateIgnored(channel: string): void;
}

/** Counts nothing: the default when no metrics are wired (tests, the CLI's one-shot commands). */
export const noMetrics: Metrics = {
  messageReceived: () => undefined,
  replied: () => undefined,
  matchTimed: () => undefined,
  turnTimed: () => undefined,
  duplicateIgnored: () => undefined,
};

/** The kind a turn is counted as: a plain answer with neither intent nor FAQ is the fallback text. */
export function decisionOf(reply: Reply | undefined): string {
  if (!reply) return 'silent';
  if (reply.kind === 'answer' && reply.intent === null && reply.faq === null) return 'fallback';
  return reply.kind;
}
