/**
 * The voice channel: Twilio's incoming-call webhook at POST /voice/twilio and the action URLs
 * its TwiML hands out, all signature-checked. Replies that cannot wait for the caller (a staff
 * answer after the call, the whole of a shortened answer) go to the caller by SMS.
 */
import type { AdapterContext, ChannelAdapter } from '../../src/core/channel';
import type { Reply } from '../../src/core/message';
import type { PhoneServices } from './phone-services';
import { createSmsSender, type SmsJob } from './rest-client';
import { createSignedWebhook, type SignedRequest } from './signed-webhook';
import { smsBodies } from './sms-mapping';
import { createSmsOutbox } from './sms-outbox';
import type { TwilioOptions } from './twilio-env';
import { createVoiceCall, VOICE_CHANNEL, type CallReference } from './voice-call';
import { stateFromQuery, VOICE_PATH } from './voice-twiml';

export function createVoiceAdapter(
  options: TwilioOptions,
  context: AdapterContext,
  services: PhoneServices,
): ChannelAdapter {
  const logger = context.logger.child({ channel: VOICE_CHANNEL });
  const outbox = createSmsOutbox({
    queue: VOICE_CHANNEL,
    send: createSmsSender(options),
    store: context.outbox,
    clock: services.clock,
    laterDelaysMs: options.laterDelaysMs,
    logger,
  });
  const smsJobs = async (callSid: string, replies: readonly Reply[]): Promise<SmsJob[]> => {
    const call = (await context.references.loadReference(
      VOICE_CHANNEL,
      callSid,
    )) as CallReference | null;
    if (call === null) throw new Error(`no call ${callSid} is known; cannot text its caller`);
    const from = call.number !== '' ? call.number : options.phoneNumber;
    if (from === undefined)
      throw new Error('no number to send the SMS from; set TWILIO_PHONE_NUMBER');
    return smsBodies(replies).map((body) => ({ to: call.caller, from, body }));
  };
  const sms = async (callSid: string, replies: readonly Reply[]): Promise<void> => {
    await outbox.send(callSid, await smsJobs(callSid, replies));
  };
  const call = createVoiceCall({
    handle: context.handle,
    references: context.references,
    settings: services.settings,
    text: (key, locale, params) => services.text(key, locale, params),
    staffOpen: () => services.staffOpen(),
    ...(options.staffNumber === undefined ? {} : { staffNumber: options.staffNumber }),
    sms,
    commitSms: async (callSid, replies) => outbox.commit(callSid, await smsJobs(callSid, replies)),
    sendCommitted: () => outbox.flush(),
    now: () => services.clock.now(),
    logger,
  });
  const state = (request: SignedRequest) =>
    stateFromQuery(request.query, services.settings.defaultLocale);
  const route = (path: string, handle: (request: SignedRequest) => Promise<string>): void =>
    context.routes.add(
      'POST',
      `${VOICE_PATH}${path}`,
      createSignedWebhook({ ...options, logger }, handle),
    );

  route('', (request) => call.incoming(request.params));
  route('/language', (request) => Promise.resolve(call.language(request.params)));
  route('/turn', (request) => call.turn(request.params, state(request)));
  route('/dialed', (request) => Promise.resolve(call.dialed(request.params, state(request))));
  route('/recorded', (request) => call.recorded(request.params, state(request)));
  route('/transcription', async (request) => {
    await call.transcription(request.params, state(request));
    return '';
  });

  return {
    channel: VOICE_CHANNEL,
    async start() {
      await outbox.resume();
      logger.info(
        { path: VOICE_PATH, staffNumber: options.staffNumber !== undefined },
        'voice started',
      );
    },
    stop: () => outbox.close(),
    flush: () => outbox.flush(),
    deliver: (callSid, replies) => sms(callSid, replies),
  };
}
