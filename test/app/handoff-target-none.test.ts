/**
 * With the shipped `handoff.target: none`, the start-up log says that hand-offs reach no person
 * and where the tickets are kept, so an operator is not left believing someone is told.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { handoffSchema } from '../../src/config/config-schema';
import { createStaffChannel } from '../../src/staff-channels';
import { repoRoot } from '../helpers/paths';

const shipped = JSON.parse(readFileSync(path.join(repoRoot, 'bot.config.json'), 'utf8')) as {
  handoff: unknown;
};
import type { LogFields, Logger } from '../../src/core/ports';

function recordingLogger(lines: { level: string; fields: LogFields; message: string }[]): Logger {
  const at =
    (level: string) =>
    (fields: LogFields, message: string): void =>
      void lines.push({ level, fields, message });
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}

test('the shipped handoff.target none is a start-up warning naming the ticket queue', () => {
  const lines: { level: string; fields: LogFields; message: string }[] = [];
  const channel = createStaffChannel(
    handoffSchema.parse(shipped.handoff),
    {},
    () => [],
    recordingLogger(lines),
  );
  expect(channel).toBeNull();
  expect(lines).toEqual([
    expect.objectContaining({
      level: 'warn',
      message: expect.stringMatching(/handoff\.target is "none".*aftercare tickets/u),
    }),
  ]);
});
