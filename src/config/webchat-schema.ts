/** The `webchat` block of bot.config.json: embedding, sessions, rate limits and branding. */
import { isIP } from 'node:net';
import { z } from 'zod';
import { readableUnderWhite, underWhiteMessage } from './contrast';

const origin = z
  .string()
  .regex(
    /^https?:\/\/[^/\s]+$/,
    'an origin is scheme://host[:port] with no path, e.g. "https://www.example.com"',
  );
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb, e.g. "#0b63c5"');

/** An address or network: "10.0.0.7", "10.0.0.0/8", "fd00::/8". */
export const proxySchema = z.string().refine((value) => {
  const [address = '', bits, extra] = value.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d+$/.test(bits) && prefix >= 0 && prefix <= (family === 4 ? 32 : 128);
}, 'a proxy is an IP address or network, e.g. "10.0.0.7" or "10.0.0.0/8"');

const bucketSchema = z
  .object({
    /** Requests refilled per minute. */
    perMinute: z.number().int().min(1),
    /** Requests allowed at once before the per-minute rate applies. */
    burst: z.number().int().min(1),
  })
  .strict();

export const webchatSchema = z
  .object({
    /** Sites that may embed the chat (frame-ancestors) and call its API (CORS). */
    allowedOrigins: z.array(origin).default([]),
    /** A session token unused for this long is refused; the page then starts a new session. */
    sessionIdleMinutes: z.number().int().min(1).default(10080),
    /**
     * Reverse proxies (addresses or networks) whose X-Forwarded-For is believed: the per-address
     * limit then counts the client they name. From anyone else the header is ignored.
     */
    trustedProxies: z.array(proxySchema).default([]),
    rateLimit: z
      .object({
        perToken: bucketSchema.default({ perMinute: 30, burst: 10 }),
        perAddress: bucketSchema.default({ perMinute: 300, burst: 100 }),
      })
      .strict()
      .default({}),
    branding: z
      .object({
        name: z.string().min(1).max(60).optional(),
        colours: z
          .object({
            /** The customer's bubbles and the buttons, with white text: AA contrast required. */
            primary: colour
              .superRefine((hex, context) => {
                if (!readableUnderWhite(hex))
                  context.addIssue({ code: 'custom', message: underWhiteMessage(hex) });
              })
              .default('#0b63c5'),
            background: colour.default('#f4f6f8'),
            text: colour.default('#1b1f24'),
          })
          .strict()
          .default({}),
        /** An https image shown in the header and on the launcher. */
        logoUrl: z.string().url().startsWith('https://').optional(),
        /** The first message, per locale; knowledge/webchat.yaml's `welcome` where not set. */
        welcome: z.record(z.string().min(1)).default({}),
      })
      .strict()
      .default({}),
  })
  .strict();

export type WebchatConfig = z.infer<typeof webchatSchema>;
