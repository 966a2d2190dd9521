/** One stored transcript line as the gaps report reads it (bot lines carry the match behind them). */
export interface TranscriptLine {
  /** The stored row's id. */
  readonly id: number;
  readonly channel: string;
  readonly conversationId: string;
  readonly direction: 'in' | 'out';
  readonly text: string;
  readonly locale: string | null;
  readonly intent: string | null;
  readonly faq: string | null;
  readonly confidence: number | null;
  readonly kind: string | null;
  readonly handoffReason: string | null;
  readonly at: Date;
}

export interface TranscriptFilter {
  readonly since?: Date;
  readonly channel?: string;
}
