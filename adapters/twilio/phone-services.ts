/** What the voice and SMS channels need from the composition root besides the AdapterContext. */
import type { Clock } from '../../src/core/ports';
import type { VoiceSettings } from './voice-twiml';

export interface PhoneServices {
  readonly settings: VoiceSettings;
  /** The bot's own text `key` in `locale` (knowledge/messages.yaml), placeholders filled. */
  text(key: string, locale: string, params?: Record<string, string>): string;
  /** True while staff take calls (the configured business hours). */
  staffOpen(): boolean;
  readonly clock: Clock;
}
