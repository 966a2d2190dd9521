/**
 * The SMS channel at POST /sms/twilio: each signed inbound message goes through the core, and its
 * replies, committed with the turn as outbox jobs, go out through the REST API after the commit
 * (as do later messages: staff replies, follow-ups). A redelivered MessageSid is answered once
 * (the core records message ids). STOP/START switch proactive messages off and on; their
 * confirmation, not a turn, is the webhook's TwiML (`MessagingResponse`).
 */
import twilio from 'twilio';
import type { AdapterContext, ChannelAdapter } from '../../src/core/channel';
import type { PhoneServices } from './phone-services';
import { createSmsSender, type SmsJob } from './rest-client';
import { createSignedWebhook } from './signed-webhook';
import { optKeyword, SMS_CHANNEL, smsBodies, toSmsMessage } from './sms-mapping';
import { createSmsOutbox } from './sms-outbox';
import { smsSize } from './sms-segments';
import type { TwilioOptions } from './twilio-env';

export const SMS_PATH = '/sms/twilio';

interface SmsReference {
  /** The customer's number, and the bot's number they wrote to. */
  readonly to: string;
  readonly from: string;
  readonly optedOut: boolean;
  readonly choices: readonly string[];
  readonly locale: string | null;
  [key: string]: unknown;
}

export function createSmsAdapter(
  options: TwilioOptions & { readonly phoneNumber: string },
  context: AdapterContext,
  services: PhoneServices,
): ChannelAdapter {
  const logger = context.logger.child({ channel: SMS_CHANNEL });
  const outbox = createSmsOutbox({
    queue: SMS_CHANNEL,
    send: createSmsSender(options),
    store: context.outbox,
    clock: services.clock,
    laterDelaysMs: options.laterDelaysMs,
    logger,
  });
  const load = async (number: string): Promise<SmsReference | null> =>
    (await context.references.loadReference(SMS_CHANNEL, number)) as SmsReference | null;
  const twiml = (bodies: readonly string[]): string => {
    const response = new twilio.twiml.MessagingResponse();
    for (const body of bodies) response.message(body);
    return response.toString();
  };

  context.routes.add(
    'POST',
    SMS_PATH,
    createSignedWebhook({ ...options, logger }, async ({ params }) => {
      const inbound = toSmsMessage(params, services.clock.now());
      if (inbound === null) {
        logger.warn({}, 'sms webhook without MessageSid, From or To; ignored');
        return twiml([]);
      }
      const saved = await load(inbound.from);
      const reference: SmsReference = {
        to: inbound.from,
        from: inbound.to,
        optedOut: saved?.optedOut ?? false,
        choices: saved?.choices ?? [],
        locale: saved?.locale ?? null,
      };
      const locale = reference.locale ?? services.settings.defaultLocale;
      const keyword = optKeyword(inbound.message.text);
      if (keyword !== null) {
        await context.references.saveReference(SMS_CHANNEL, inbound.from, {
          ...reference,
          optedOut: keyword === 'stop',
        });
        logger.info({ sid: inbound.message.messageId, keyword }, 'sms opt-out keyword');
        return twiml([services.text(keyword === 'stop' ? 'sms-stopped' : 'sms-started', locale)]);
      }
      const picked = /^\d$/.test(inbound.message.text)
        ? reference.choices[Number(inbound.message.text) - 1]
        : undefined;
      const message =
        picked === undefined ? inbound.message : { ...inbound.message, text: '', choiceId: picked };
      await context.references.saveReference(SMS_CHANNEL, inbound.from, reference);
      const jobs = (bodies: readonly string[]): SmsJob[] =>
        bodies.map((body) => ({ to: inbound.from, from: inbound.to, body }));
      // The replies' jobs commit with the turn, and so do the choices they offer ("reply 1 or
      // 2"); they are sent through the REST API from the outbox after the commit, and the webhook
      // is answered (empty TwiML) once that first attempt is over. A redelivered MessageSid
      // commits nothing new; the flush still sends what it left pending (docs/channels.md).
      let committed = false;
      let bodies: string[] = [];
      const replies = await context.handle(message, {
        commit: async (turnReplies) => {
          committed = true;
          bodies = smsBodies(turnReplies);
          await outbox.commit(inbound.from, jobs(bodies));
          if (turnReplies.length > 0)
            await context.references.saveReference(SMS_CHANNEL, inbound.from, {
              ...reference,
              choices: turnReplies.flatMap((reply) => reply.choices.map((choice) => choice.id)),
              locale: turnReplies.at(-1)?.locale ?? reference.locale,
            });
        },
      });
      if (!committed && replies.length > 0) {
        bodies = smsBodies(replies);
        await outbox.send(inbound.from, jobs(bodies));
      }
      await outbox.flush();
      logger.info(
        {
          sid: inbound.message.messageId,
          messages: bodies.length,
          segments: bodies.reduce((sum, body) => sum + smsSize(body).segments, 0),
        },
        'sms answered',
      );
      return twiml([]);
    }),
  );

  return {
    channel: SMS_CHANNEL,
    async start() {
      await outbox.resume();
      logger.info({ path: SMS_PATH, number: options.phoneNumber }, 'sms started');
    },
    stop: () => outbox.close(),
    flush: () => outbox.flush(),
    async deliver(conversationId, replies) {
      const reference = await load(conversationId);
      if (reference?.optedOut === true) {
        logger.info({ conversationId }, 'customer sent STOP; proactive sms not sent');
        return;
      }
      const jobs = smsBodies(replies).map((body) => ({
        to: reference?.to ?? conversationId,
        from: options.phoneNumber,
        body,
      }));
      await outbox.send(conversationId, jobs);
    },
  };
}
