/** The storage port for suggested variants; SQLite implements it (src/storage/sqlite/suggestion-store.ts). */
import type { LearnedVariant } from './learn';

export type SuggestionStatus = 'open' | 'accepted' | 'rejected';

export interface Suggestion {
  readonly id: number;
  readonly faq: string;
  readonly locale: string;
  readonly text: string;
  readonly source: 'clarify' | 'staff';
  readonly status: SuggestionStatus;
  /** How many times customers (or staff) pointed this question at this entry. */
  readonly seen: number;
  readonly firstSeen: Date;
  readonly lastSeen: Date;
}

export interface SuggestionStore {
  /** Records variants; one already learned from the same transcript line is skipped. */
  record(variants: readonly LearnedVariant[], source: 'clarify' | 'staff'): Promise<number>;
  list(status?: SuggestionStatus): Promise<Suggestion[]>;
  get(id: number): Promise<Suggestion | null>;
  setStatus(id: number, status: SuggestionStatus): Promise<void>;
}
