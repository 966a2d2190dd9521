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

/**
 * Stored transcripts read in bulk (the gaps report, learned variants, the insights report): every
 * line matching the filter, grouped by conversation (conversations in code-point order of channel
 * and id), each conversation's lines in the order stored. Each backend implements it
 * (src/storage/sqlite/transcript-reader.ts, src/storage/postgres/transcript-reader.ts).
 */
export interface TranscriptReader {
  lines(filter?: TranscriptFilter): AsyncIterable<TranscriptLine>;
  /** How many lines match, so a long report can show its progress. */
  count(filter?: TranscriptFilter): Promise<number>;
}
