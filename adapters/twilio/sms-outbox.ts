/** Proactive SMS (staff replies, follow-ups, answers sent from a call) through the shared outbox. */
import type { AdapterContext } from '../../src/core/channel';
import type { Clock, Logger } from '../../src/core/ports';
import { createOutbox, type Outbox } from '../shared/outbox';
import { isTemporaryTwilioError, type SendSms, type SmsJob } from './rest-client';
import { smsSize } from './sms-segments';

export function createSmsOutbox(options: {
  readonly queue: string;
  readonly send: SendSms;
  readonly store: AdapterContext['outbox'];
  readonly clock: Clock;
  readonly laterDelaysMs: readonly number[] | undefined;
  readonly logger: Logger;
}): Outbox<SmsJob> {
  const { logger } = options;
  return createOutbox<SmsJob>({
    queue: options.queue,
    store: options.store,
    now: () => options.clock.now(),
    send: async (job) => {
      const { sid } = await options.send(job);
      const size = smsSize(job.body);
      logger.info({ sid, encoding: size.encoding, segments: size.segments }, 'sms sent');
    },
    isTemporary: isTemporaryTwilioError,
    laterDelaysMs: options.laterDelaysMs,
    logger,
  });
}
