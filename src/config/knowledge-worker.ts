/**
 * The worker thread's side of an off-thread reload (build-off-thread.ts starts it): builds the
 * knowledge named in `workerData`, posts it back with the model's typed arrays transferred, and
 * ends. An invalid file is a normal answer (its problems), not a crash of the worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { modelBuffers } from '../core/brain-model';
import { buildKnowledge, type BuiltKnowledge, type KnowledgeBuildRequest } from './build-knowledge';
import { KnowledgeError, type Problem } from './located-error';

export type WorkerAnswer =
  | { readonly kind: 'built'; readonly built: BuiltKnowledge }
  | { readonly kind: 'invalid'; readonly problems: readonly Problem[] };

function answer(request: KnowledgeBuildRequest): WorkerAnswer {
  try {
    return { kind: 'built', built: buildKnowledge(request) };
  } catch (error) {
    // Anything else is a fault of the worker: thrown, so the caller falls back and logs it.
    if (error instanceof KnowledgeError) return { kind: 'invalid', problems: error.problems };
    throw error;
  }
}

if (parentPort !== null) {
  const result = answer(workerData as KnowledgeBuildRequest);
  parentPort.postMessage(result, result.kind === 'built' ? modelBuffers(result.built.model) : []);
}
