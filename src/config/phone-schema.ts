/**
 * bot.config.json `phone`: what the voice and SMS channels need that is not a secret. Every key
 * has a default, so a deployment without a phone number needs no `phone` block at all.
 */
import { z } from 'zod';

const perLocale = z.record(z.string(), z.string());

export const phoneSchema = z
  .object({
    /** The speech recogniser's language per locale (Twilio `<Gather language>`). */
    speechCodes: perLocale.default({
      en: 'en-US',
      fa: 'fa-IR',
      vi: 'vi-VN',
      el: 'el-GR',
      sr: 'sr-RS',
      ta: 'ta-IN',
    }),
    /**
     * The text-to-speech voice per locale (`<Say voice>`). A locale without one is not spoken:
     * the caller hears so in the default locale and is offered the answer by SMS. Twilio has no
     * Persian voice (it recognises Persian speech, fa-IR, but cannot say it), so `fa` has none.
     */
    voices: perLocale.default({
      en: 'Polly.Joanna',
      vi: 'Google.vi-VN-Standard-A',
      el: 'Google.el-GR-Standard-A',
      sr: 'Google.sr-RS-Standard-A',
      ta: 'Google.ta-IN-Standard-A',
    }),
    /** Caller number prefixes that pick the language without the keypad menu, e.g. {"+98": "fa"}. */
    countryPrefixes: perLocale.default({}),
    /** Longest answer read out in full; a longer one is shortened and offered by SMS. */
    maxSpokenChars: z.number().int().min(80).default(400),
    /** Seconds the staff number rings before the caller is asked to leave a message. */
    dialTimeoutSeconds: z.number().int().min(5).max(120).default(20),
    /** Longest voicemail, in seconds. */
    maxRecordingSeconds: z.number().int().min(10).max(3600).default(120),
  })
  .strict();

export type PhoneConfig = z.infer<typeof phoneSchema>;
