/**
 * A reload without the pause: the files are read and the model trained on a worker thread
 * (knowledge-worker.ts) while the main thread keeps answering; only rebuilding the lookup maps
 * from the transferred arrays (a few ms) happens on it. If the worker cannot run, the same work
 * is done on the main thread, as before, and the log says so.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { errorMessage } from '../core/error-message';
import type { Logger } from '../core/ports';
import { buildKnowledge, type BuiltKnowledge, type KnowledgeBuildRequest } from './build-knowledge';
import type { WorkerAnswer } from './knowledge-worker';
import { KnowledgeError } from './located-error';

export interface OffThreadOptions {
  readonly logger: Logger;
  /** The worker's entry file (default: knowledge-worker beside this file, .ts or built .js). */
  readonly workerEntry?: string;
}

export interface OffThreadBuild extends BuiltKnowledge {
  /** Where it was trained: `main` means the worker failed and requests waited meanwhile. */
  readonly thread: 'worker' | 'main';
}

// Running from the sources (tsx, ts-jest) this file is .ts, from `npm run build` output .js.
const defaultEntry = path.join(__dirname, `knowledge-worker${path.extname(__filename)}`);

/** Throws KnowledgeError when a file is invalid, wherever it was found. */
export async function buildKnowledgeOffThread(
  request: KnowledgeBuildRequest,
  options: OffThreadOptions,
): Promise<OffThreadBuild> {
  let answer: WorkerAnswer;
  try {
    answer = await runWorker(options.workerEntry ?? defaultEntry, request);
  } catch (error) {
    options.logger.warn(
      { detail: errorMessage(error) },
      'knowledge worker failed; training on the main thread (requests wait until it is done)',
    );
    return { ...buildKnowledge(request), thread: 'main' };
  }
  if (answer.kind === 'invalid') throw new KnowledgeError(answer.problems);
  return { ...answer.built, thread: 'worker' };
}

function runWorker(entry: string, request: KnowledgeBuildRequest): Promise<WorkerAnswer> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(entry, request);
    let answered = false;
    worker.once('message', (message: WorkerAnswer) => {
      answered = true;
      resolve(message);
    });
    worker.once('error', reject);
    worker.once('messageerror', reject);
    worker.once('exit', (code) => {
      if (!answered)
        reject(new Error(`the knowledge worker exited (code ${code}) without an answer`));
    });
  });
}

function startWorker(entry: string, request: KnowledgeBuildRequest): Worker {
  if (!entry.endsWith('.ts')) return new Worker(entry, { workerData: request });
  // TypeScript sources: the worker registers tsx's CommonJS hook first, as bin/run-ts.js does.
  const hook = require.resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(hook)}); require(${JSON.stringify(entry)});`, {
    eval: true,
    workerData: request,
  });
}
