/** A Logger that keeps its lines, so tests can show what an adapter reported. */
import type { LogFields, Logger } from '../../../src/core/ports';

export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly fields: LogFields;
  readonly message: string;
}

export interface TestLogger extends Logger {
  readonly lines: LogLine[];
}

export function createTestLogger(lines: LogLine[] = [], bound: LogFields = {}): TestLogger {
  const write = (level: LogLine['level']) => (fields: LogFields, message: string) => {
    lines.push({ level, fields: { ...bound, ...fields }, message });
  };
  return {
    lines,
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (fields) => createTestLogger(lines, { ...bound, ...fields }),
  };
}
