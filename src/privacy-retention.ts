/**
 * The retention timer's work (bot.config.json `privacy`): every `sweepHours`, transcripts older
 * than `retentionDays` go (src/storage/sqlite/retention.ts). The composition root starts and
 * stops it; `sweep()` runs one pass on the app's clock, which is how the tests drive it.
 */
import type { PrivacySettings } from './config/privacy-schema';
import { errorMessage } from './core/error-message';
import type { Clock, Logger } from './core/ports';
import type { PrivacyStore, TableCounts } from './core/privacy/ports';

export interface RetentionSweep {
  /** One pass now; null when no retention period is configured. */
  sweep(): Promise<TableCounts | null>;
  start(): void;
  stop(): void;
}

export function createRetentionSweep(
  privacy: PrivacyStore,
  settings: PrivacySettings,
  clock: Clock,
  logger: Logger,
): RetentionSweep {
  let timer: NodeJS.Timeout | null = null;
  const sweep = async (): Promise<TableCounts | null> => {
    if (settings.retentionDays === null) return null;
    const now = clock.now();
    const cutoff = new Date(now.getTime() - settings.retentionDays * 86_400_000);
    const counts = await privacy.applyRetention(cutoff, { actor: 'retention', at: now });
    logger.info({ retentionDays: settings.retentionDays, counts }, 'retention sweep done');
    return counts;
  };
  const sweepLogged = (): void => {
    sweep().catch((error: unknown) =>
      logger.error({ error: errorMessage(error) }, 'retention sweep failed'),
    );
  };
  return {
    sweep,
    start() {
      if (settings.retentionDays === null || timer !== null) return;
      sweepLogged();
      timer = setInterval(sweepLogged, settings.sweepHours * 3_600_000);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
