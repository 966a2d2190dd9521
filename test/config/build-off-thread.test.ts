/**
 * A reload's reading and training on a worker thread (src/config/build-off-thread.ts), started
 * from the TypeScript sources as under tsx: the built knowledge, an invalid file's problems, and
 * the fall-back to the main thread, logged, when the worker cannot run.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildKnowledgeOffThread } from '../../src/config/build-off-thread';
import { KnowledgeError } from '../../src/config/located-error';
import { wordVectorsFor } from '../../src/config/load-word-vectors';
import { brainFromModel } from '../../src/core/brain-model';
import type { LogFields, Logger } from '../../src/core/ports';
import { shippedProjectCopy } from '../helpers/knowledge-tree';

const locales = ['en', 'fa', 'vi', 'el', 'sr', 'ta'];

function recordingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (fields: LogFields, message: string) =>
    lines.push(`${level} ${message} ${JSON.stringify(fields)}`);
  const logger = {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    child: () => logger,
  };
  return logger;
}

describe('building the knowledge off the main thread', () => {
  const rootDir = shippedProjectCopy('aftercare-off-thread-');
  const request = {
    rootDir,
    knowledgeDir: 'knowledge',
    intentsDir: 'intents',
    locales,
    defaultLocale: 'en',
  };

  test('the worker reads and trains; the main thread answers from what it posted', async () => {
    const logger = recordingLogger();
    const built = await buildKnowledgeOffThread(request, { logger });
    expect(built.thread).toBe('worker');
    expect(logger.lines.filter((line) => line.startsWith('warn'))).toEqual([]);
    expect(built.version).toMatch(/^[0-9a-f]{16}$/);
    // The rules' regular expressions survive the trip between threads.
    const orderNumber = built.warrantyRules.orderNumber?.pattern;
    expect([orderNumber?.test('ORD240517'), orderNumber?.test('ORD24')]).toEqual([true, false]);
    // The worker trained with the English vectors; the main thread restores with its own copy.
    expect(built.model.matcher?.vectors).not.toBeNull();
    const brain = brainFromModel(built.knowledge, built.model, {
      locales,
      defaultLocale: 'en',
      wordVectors: wordVectorsFor(locales),
    });
    expect(brain.matcher.match('How long is the warranty on my laptop?')[0]?.label).toBe(
      'faq:warranty-period',
    );
    expect(brain.matcher.match('گارانتی لپ تاپ چند سال است؟', { locale: 'fa' })[0]?.label).toBe(
      'faq:warranty-period',
    );
    expect(brain.detector.detect('Koliko dugo traje garancija za laptop?').locale).toBe('sr');
  });

  test('an invalid file comes back as its problems with file and line', async () => {
    const broken = shippedProjectCopy('aftercare-off-thread-broken-');
    writeFileSync(
      path.join(broken, 'knowledge/faq/broken.md'),
      '---\nid: broken\nquestions: [\n---\n',
    );
    const error = await buildKnowledgeOffThread(
      { ...request, rootDir: broken },
      { logger: recordingLogger() },
    ).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(KnowledgeError);
    expect((error as KnowledgeError).message).toMatch(/knowledge\/faq\/broken\.md:\d+/);
  });

  test('a worker that cannot start: trained on the main thread, and the log says why', async () => {
    const logger = recordingLogger();
    const built = await buildKnowledgeOffThread(request, {
      logger,
      workerEntry: path.join(rootDir, 'no-such-worker.js'),
    });
    expect(built.thread).toBe('main');
    expect(built.knowledge.faqs.length).toBeGreaterThan(10);
    expect(logger.lines).toEqual([
      expect.stringMatching(
        /^warn knowledge worker failed; training on the main thread.*no-such-worker/,
      ),
    ]);
  });
});
