/**
 * The pipeline's hooks for the hand-off (create-core.ts calls them; nothing else there knows about
 * tickets): buttons the desk sent (satisfaction, follow-up), the customer's comment after a
 * rating, and strong negative sentiment, which hands off before the bot tries to answer.
 */
import type { Reply } from '../message';
import { handOff } from '../pipeline/handoff';
import type { RespondSettings } from '../pipeline/respond';
import type { Turn } from '../pipeline/turn';
import type { SentimentAnalysis } from '../sentiment/sentiment';

export interface TurnHooks {
  /** Before the bot decides on a typed message; replies when the hook answers it itself. */
  beforeText(turn: Turn, settings: RespondSettings): Promise<Reply[] | null>;
  /** A pressed button; null when the button is not one of the hook's. */
  pressed(turn: Turn, choiceId: string, settings: RespondSettings): Promise<Reply[] | null>;
}

export const noHooks: TurnHooks = {
  beforeText: () => Promise.resolve(null),
  pressed: () => Promise.resolve(null),
};

export interface HandoffHooksOptions {
  readonly sentiment: SentimentAnalysis | null;
  /** The ticket desk's own hooks (createTicketDesk(...).hooks), or null with no desk. */
  readonly desk: TurnHooks | null;
}

export function createHandoffHooks(options: HandoffHooksOptions): TurnHooks {
  const desk = options.desk ?? noHooks;
  return {
    async beforeText(turn, settings) {
      const handled = await desk.beforeText(turn, settings);
      if (handled) return handled;
      if (options.sentiment?.isStronglyNegative(turn.text, turn.locale))
        return handOff(turn, settings, 'negative-sentiment', 1);
      return null;
    },
    pressed: (turn, choiceId, settings) => desk.pressed(turn, choiceId, settings),
  };
}
