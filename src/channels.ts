/**
 * The channel registry: one line per channel. Each channel starts when every variable it
 * requires is set in the environment; otherwise the start-up log names the missing ones.
 * Adding a channel: a folder in adapters/, its variables in .env.example, one line here,
 * and its end-to-end test.
 */
import type { AdapterContext, ChannelAdapter } from './core/channel';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ChannelDefinition {
  readonly channel: string;
  /** Variables that must all be set for the channel to start. */
  readonly requiredEnv: readonly string[];
  create(env: Env, context: AdapterContext): ChannelAdapter;
}

export const channelDefinitions: readonly ChannelDefinition[] = [];
