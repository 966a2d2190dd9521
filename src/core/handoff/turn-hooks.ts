/**
 * The hand-off's hooks into the pipeline (the TurnHooks contract of src/core/pipeline/ports.ts):
 * the ticket desk's buttons and comments first, then strong negative sentiment, which hands off
 * before the bot tries to answer.
 */
import { handOff } from '../pipeline/handoff';
import { noHooks, type TurnHooks } from '../pipeline/ports';
import type { SentimentAnalysis } from '../sentiment/sentiment';

export interface HandoffHooksOptions {
  readonly sentiment: SentimentAnalysis | null;
  /** The ticket desk's own hooks (createTicketDesk(...).hooks), or null with no desk. */
  readonly desk: TurnHooks | null;
}

export function createHandoffHooks(options: HandoffHooksOptions): TurnHooks {
  const desk = options.desk ?? noHooks;
  return {
    async beforeText(turn, settings, matches) {
      const handled = await desk.beforeText(turn, settings, matches);
      if (handled) return handled;
      if (options.sentiment?.isStronglyNegative(turn.text, turn.locale))
        return handOff(turn, settings, 'negative-sentiment', 1);
      return null;
    },
    pressed: (turn, choiceId, settings) => desk.pressed(turn, choiceId, settings),
  };
}
