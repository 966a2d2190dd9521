/**
 * Outbound SMS through Twilio's REST API with the official client. The client's `httpClient`
 * option is the one seam it offers for its transport; with TWILIO_API_URL set, requests go to that
 * base URL instead (a proxy, or the tests' stand-in) and keep their path.
 */
import twilio from 'twilio';
import type { TwilioOptions } from './twilio-env';

export interface SmsJob {
  readonly to: string;
  readonly from: string;
  readonly body: string;
}

export type SendSms = (job: SmsJob) => Promise<{ readonly sid: string }>;

interface TransportRequest {
  readonly method: string;
  readonly uri: string;
  readonly username?: string;
  readonly password?: string;
  readonly headers?: Record<string, string>;
  readonly params?: Record<string, unknown>;
  readonly data?: Record<string, unknown>;
}

function formBody(data: Record<string, unknown> | undefined): URLSearchParams {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(data ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, String(item));
  }
  return form;
}

/** The client's transport, sending to `apiUrl` (what the default RequestClient does, minus retries). */
function redirectedTransport(apiUrl: string) {
  return {
    async request(options: TransportRequest) {
      const original = new URL(options.uri);
      const target = new URL(`${original.pathname}${original.search}`, apiUrl);
      for (const [name, value] of formBody(options.params)) target.searchParams.append(name, value);
      const credentials = Buffer.from(`${options.username ?? ''}:${options.password ?? ''}`);
      const response = await fetch(target, {
        method: options.method.toUpperCase(),
        headers: { ...options.headers, authorization: `Basic ${credentials.toString('base64')}` },
        ...(options.method.toLowerCase() === 'get' ? {} : { body: formBody(options.data) }),
      });
      return {
        statusCode: response.status,
        body: await response.text(),
        headers: { 'content-type': response.headers.get('content-type') ?? '' },
      };
    },
  };
}

export function createSmsSender(options: TwilioOptions): SendSms {
  const client = twilio(options.accountSid, options.authToken, {
    ...(options.apiUrl === undefined
      ? {}
      : {
          httpClient: redirectedTransport(options.apiUrl) as unknown as NonNullable<
            twilio.ClientOpts['httpClient']
          >,
        }),
  });
  return async (job) => {
    const message = await client.messages.create({ to: job.to, from: job.from, body: job.body });
    return { sid: message.sid };
  };
}

/** A refusal worth another attempt: the network, a 429 or a 5xx. */
export function isTemporaryTwilioError(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status !== 'number' || status === 429 || status >= 500;
}
