/**
 * The process logger: pino writes one JSON line per event (fast, structured, with redaction), so
 * ids, intents, confidences and timings can be searched. Tokens never reach it: the paths below
 * are redacted in case an object carrying one is logged by mistake.
 */
import pino from 'pino';
import type { LogFields, Logger } from './core/ports';

export function createLogger(
  level: string,
  destination: NodeJS.WritableStream = process.stderr,
): Logger {
  const base = pino(
    {
      level,
      base: undefined,
      redact: {
        paths: [
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'password',
          '*.password',
          'secret',
          '*.secret',
        ],
        censor: '[redacted]',
      },
      serializers: { err: pino.stdSerializers.err },
    },
    destination as pino.DestinationStream,
  );
  return wrap(base);
}

function wrap(log: pino.Logger): Logger {
  return {
    debug: (fields: LogFields, message: string) => log.debug(fields, message),
    info: (fields: LogFields, message: string) => log.info(fields, message),
    warn: (fields: LogFields, message: string) => log.warn(fields, message),
    error: (fields: LogFields, message: string) => log.error(fields, message),
    child: (fields: LogFields) => wrap(log.child(fields)),
  };
}

/** For tests and the CLI's one-shot commands. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};
