/**
 * A local stand-in of Twilio on 127.0.0.1: it plays the caller and the SMS sender against the
 * bot's webhooks, signing every request with the auth token over the public URL (as Twilio
 * does behind a proxy), follows the TwiML `<Gather>`, `<Redirect>`, `<Dial>` and `<Record>`
 * action URLs, and answers the REST API's Messages endpoint for outbound SMS (or holds a call to it
 * open: `log.holdNext('messages.create')`).
 */
import twilio from 'twilio';
import { CallLog, startServer, type StartedServer } from './server';

export const ACCOUNT_SID = 'AC00000000000000000000000000000001';
export const AUTH_TOKEN = 'twilio-stand-in-auth-token-0001';
/** The public base the stand-in signs over; requests really go to the app on 127.0.0.1. */
export const PUBLIC_BASE = 'https://phone.aftercare.test';
export const BOT_NUMBER = '+15550100100';

/** One TwiML element: a verb with its attributes, text and nested verbs. */
export interface TwimlNode {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly text: string;
  readonly children: readonly TwimlNode[];
}

const decode = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Reads the small XML TwiML is (elements, attributes, text; no comments or CDATA). */
export function parseTwiml(xml: string): TwimlNode {
  const tokens = xml.replace(/<\?xml[^>]*\?>/, '').match(/<[^>]+>|[^<]+/g) ?? [];
  const root: {
    name: string;
    attributes: Record<string, string>;
    text: string;
    children: TwimlNode[];
  } = { name: '#document', attributes: {}, text: '', children: [] };
  const stack = [root];
  for (const token of tokens) {
    const top = stack[stack.length - 1]!;
    if (!token.startsWith('<')) {
      top.text += decode(token);
      continue;
    }
    if (token.startsWith('</')) {
      stack.pop();
      continue;
    }
    const [, name = '', rest = ''] = /^<([\w:]+)([\s\S]*?)\/?>$/.exec(token) ?? [];
    const attributes: Record<string, string> = {};
    for (const match of rest.matchAll(/([\w:]+)="([^"]*)"/g))
      attributes[match[1]!] = decode(match[2]!);
    const node = { name, attributes, text: '', children: [] as TwimlNode[] };
    top.children.push(node);
    if (!token.endsWith('/>')) stack.push(node);
  }
  const response = root.children[0];
  if (response?.name !== 'Response') throw new Error(`not TwiML: ${xml}`);
  return response;
}

/** Every `<Say>` of a TwiML document, nested ones included, in order. */
export function spoken(node: TwimlNode): TwimlNode[] {
  return node.children.flatMap((child) => (child.name === 'Say' ? [child] : spoken(child)));
}

export interface OutboundSms {
  readonly to: string;
  readonly from: string;
  readonly body: string;
  readonly sid: string;
}

export interface WebhookResult {
  readonly status: number;
  readonly body: string;
  readonly url: string;
}

export interface TwilioStandIn {
  /** The REST API base URL for TWILIO_API_URL. */
  readonly apiUrl: string;
  readonly log: CallLog;
  /** SMS the bot sent through the REST API. */
  sent(): OutboundSms[];
  /** Posts a form to the bot, signed (or not, or wrongly) like Twilio. `path` may carry a query. */
  post(
    appUrl: string,
    path: string,
    params: Record<string, string>,
    signing?: 'signed' | 'unsigned' | 'wrong',
  ): Promise<WebhookResult>;
  /** Places a call to the bot from `from`. */
  call(appUrl: string, from: string): Promise<Call>;
  /**
   * Texts the bot; returns what it answered: the SMS it sent that number through the REST API
   * before answering the webhook, then the bodies of the TwiML `<Message>`s.
   */
  sms(appUrl: string, from: string, body: string, sid?: string): Promise<string[]>;
  close(): Promise<void>;
}

export interface Call {
  readonly sid: string;
  /** The TwiML the bot last answered with. */
  twiml(): TwimlNode;
  /** What the bot said in the last TwiML, in order. */
  said(): string[];
  /** Everything said on the call so far. */
  readonly transcript: string[];
  /** Presses keys at the current `<Gather>`. */
  press(digits: string): Promise<TwimlNode>;
  /** Speaks at the current `<Gather>` (the speech recogniser's result). */
  say(speech: string): Promise<TwimlNode>;
  /** Stays silent at the current `<Gather>` (its action is called with no result). */
  silence(): Promise<TwimlNode>;
  /** The `<Dial>` ends with `status` (completed, no-answer, busy…). */
  dialEnds(status: string): Promise<TwimlNode>;
  /** The `<Record>` ends with a recording, then the transcription callback arrives. */
  leaveMessage(recordingUrl: string, transcription: string): Promise<TwimlNode>;
  /** True when the last TwiML hangs up. */
  hungUp(): boolean;
  /**
   * Posts the last request again, as Twilio does when it got no answer in time; returns the
   * TwiML answered (the call itself stays where it was).
   */
  retryLast(): Promise<TwimlNode>;
}

let sequence = 0;
const nextSid = (prefix: string): string => `${prefix}${String(++sequence).padStart(32, '0')}`;

function find(node: TwimlNode, name: string): TwimlNode | undefined {
  return node.children.find((child) => child.name === name);
}

export async function startTwilioStandIn(): Promise<TwilioStandIn> {
  const log = new CallLog();
  const outbound: OutboundSms[] = [];
  const server: StartedServer = await startServer((request, response, body) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const fields = Object.fromEntries(new URLSearchParams(body));
    const match = /^\/2010-04-01\/Accounts\/(\w+)\/Messages\.json$/.exec(url.pathname);
    const expected = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
    const answer = (status: number, json: unknown): void => {
      log.record({ method: 'messages.create', payload: fields, status });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(json));
    };
    if (request.method !== 'POST' || match === null)
      return answer(404, { code: 20404, message: 'not found', status: 404 });
    log.arrive('messages.create');
    if (log.takeHold('messages.create'))
      // Never answered: Twilio has not accepted it (a test kills the bot meanwhile).
      return new Promise<void>((resolve) => request.socket.once('close', () => resolve()));
    if (request.headers.authorization !== expected || match[1] !== ACCOUNT_SID)
      return answer(401, { code: 20003, message: 'Authenticate', status: 401 });
    if (!fields.To || !fields.From || !fields.Body)
      return answer(400, { code: 21604, message: 'To, From and Body are required', status: 400 });
    const failure = log.takeFailure('messages.create');
    if (failure)
      return answer(failure.status, { code: 20500, message: 'down', status: failure.status });
    const sid = nextSid('SM');
    outbound.push({ to: fields.To, from: fields.From, body: fields.Body, sid });
    return answer(200, {
      sid,
      account_sid: ACCOUNT_SID,
      to: fields.To,
      from: fields.From,
      body: fields.Body,
      status: 'queued',
      num_segments: '1',
    });
  });

  const post: TwilioStandIn['post'] = async (appUrl, path, params, signing = 'signed') => {
    const signature = twilio.getExpectedTwilioSignature(
      signing === 'wrong' ? 'not-the-auth-token' : AUTH_TOKEN,
      `${PUBLIC_BASE}${path}`,
      params,
    );
    const response = await fetch(`${appUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(signing === 'unsigned' ? {} : { 'x-twilio-signature': signature }),
      },
      body: new URLSearchParams(params),
    });
    return { status: response.status, body: await response.text(), url: path };
  };

  const call: TwilioStandIn['call'] = async (appUrl, from) => {
    const sid = nextSid('CA');
    const base = {
      AccountSid: ACCOUNT_SID,
      CallSid: sid,
      From: from,
      To: BOT_NUMBER,
      Direction: 'inbound',
    };
    const transcript: string[] = [];
    let current: TwimlNode;
    let currentPath = '/voice/twilio';
    let last: { path: string; params: Record<string, string> } | null = null;

    const request = async (path: string, params: Record<string, string>): Promise<TwimlNode> => {
      last = { path, params };
      const result = await post(appUrl, path, { ...base, CallStatus: 'in-progress', ...params });
      if (result.status !== 200) throw new Error(`the bot answered ${path} with ${result.status}`);
      current = parseTwiml(result.body);
      currentPath = path;
      transcript.push(...spoken(current).map((say) => say.text));
      // A <Redirect> with nothing to wait for is followed at once, as Twilio does.
      const redirect = find(current, 'Redirect');
      if (redirect && !find(current, 'Gather')) return request(resolve(redirect.text), {});
      return current;
    };
    /** Action URLs are relative to the URL that returned the TwiML. */
    const resolve = (action: string): string => {
      const absolute = new URL(action, `${PUBLIC_BASE}${currentPath}`);
      return `${absolute.pathname}${absolute.search}`;
    };
    const verb = (name: string): TwimlNode => {
      const node = find(current, name);
      if (!node) throw new Error(`the bot's TwiML has no <${name}>: ${JSON.stringify(current)}`);
      return node;
    };
    const gather = (params: Record<string, string>): Promise<TwimlNode> =>
      request(resolve(verb('Gather').attributes.action ?? currentPath), params);

    current = await request('/voice/twilio', { CallStatus: 'ringing' });
    return {
      sid,
      twiml: () => current,
      said: () => spoken(current).map((say) => say.text),
      transcript,
      press: (digits) => gather({ Digits: digits }),
      say: (speech) => gather({ SpeechResult: speech, Confidence: '0.91' }),
      silence: () => gather({}),
      dialEnds: (status) =>
        request(resolve(verb('Dial').attributes.action ?? currentPath), { DialCallStatus: status }),
      async leaveMessage(recordingUrl, transcription) {
        const record = verb('Record');
        const callback = record.attributes.transcribeCallback;
        const after = await request(resolve(record.attributes.action ?? currentPath), {
          RecordingUrl: recordingUrl,
          RecordingDuration: '14',
          RecordingSid: nextSid('RE'),
        });
        if (callback !== undefined) {
          const result = await post(appUrl, resolve(callback), {
            ...base,
            RecordingUrl: recordingUrl,
            TranscriptionText: transcription,
            TranscriptionStatus: 'completed',
          });
          if (result.status >= 300) throw new Error(`transcription callback got ${result.status}`);
        }
        return after;
      },
      hungUp: () => find(current, 'Hangup') !== undefined,
      async retryLast() {
        if (last === null) throw new Error('no request to retry');
        const result = await post(appUrl, last.path, {
          ...base,
          CallStatus: 'in-progress',
          ...last.params,
        });
        if (result.status !== 200)
          throw new Error(`the bot answered the retried ${last.path} with ${result.status}`);
        return parseTwiml(result.body);
      },
    };
  };

  return {
    apiUrl: server.url,
    log,
    sent: () => [...outbound],
    post,
    call,
    async sms(appUrl, from, body, sid = nextSid('SM')) {
      const before = outbound.length;
      const result = await post(appUrl, '/sms/twilio', {
        AccountSid: ACCOUNT_SID,
        MessageSid: sid,
        From: from,
        To: BOT_NUMBER,
        Body: body,
        NumMedia: '0',
      });
      if (result.status !== 200)
        throw new Error(`the bot answered /sms/twilio with ${result.status}`);
      // Turn replies come through the REST API while the webhook is open; keyword answers in
      // the TwiML.
      const sent = outbound
        .slice(before)
        .filter((sms) => sms.to === from)
        .map((sms) => sms.body);
      const answered = parseTwiml(result.body)
        .children.filter((child) => child.name === 'Message')
        .map((message) => message.text);
      return [...sent, ...answered];
    },
    close: () => server.close(),
  };
}
