/**
 * Everything a reload reads and trains, as one function of plain data in and plain data out,
 * so it can run on a worker thread (knowledge-worker.ts) or, when that fails, on the main one.
 */
import path from 'node:path';
import { trainBrainModel, type BrainModel } from '../core/brain-model';
import type { Knowledge } from '../core/knowledge/knowledge';
import type { Locale } from '../core/message';
import type { ServiceRules } from '../core/cases/service-rules';
import type { WarrantyRules } from '../core/warranty/rules';
import { knowledgeVersion } from './knowledge-watch';
import { loadKnowledge } from './load-knowledge';
import { wordVectorsFor } from './load-word-vectors';
import { loadServiceRules } from './load-service';
import { loadCaseStatuses } from './load-case-statuses';
import type { CaseStatusRules } from '../core/cases/statuses';
import { loadWarrantyRules } from './load-warranty';

export interface KnowledgeBuildRequest {
  readonly rootDir: string;
  readonly knowledgeDir: string;
  readonly intentsDir: string;
  readonly locales: readonly Locale[];
  readonly defaultLocale: Locale;
}

export interface BuiltKnowledge {
  /** Content hash taken before reading: an edit landing during the read makes the next check reload again. */
  readonly version: string;
  readonly knowledge: Knowledge;
  readonly warrantyRules: WarrantyRules;
  /** Fault symptoms, bookings, returns; null without knowledge/service. */
  readonly serviceRules: ServiceRules | null;
  /** Statuses of service cases and their texts; null without knowledge/case-statuses.yaml. */
  readonly caseStatuses: CaseStatusRules | null;
  readonly model: BrainModel;
  /** Reading and validating the files, and training, in ms. */
  readonly readMs: number;
  readonly trainMs: number;
}

/** Throws KnowledgeError when a file is invalid (nothing half-loaded is returned). */
export function buildKnowledge(request: KnowledgeBuildRequest): BuiltKnowledge {
  const started = performance.now();
  const version = knowledgeVersion(
    [request.knowledgeDir, request.intentsDir].map((dir) => path.resolve(request.rootDir, dir)),
  );
  const { knowledge } = loadKnowledge(request);
  const warrantyRules = loadWarrantyRules(request).rules;
  const serviceRules = loadServiceRules(request, {
    warranty: warrantyRules,
    branchIds: knowledge.branches.map((branch) => branch.id),
  }).rules;
  const caseStatuses = loadCaseStatuses(request);
  const read = performance.now();
  // Read here, not sent: the request crosses to a worker thread as plain data.
  const model = trainBrainModel(knowledge, {
    ...request,
    wordVectors: wordVectorsFor(request.locales),
  });
  return {
    version,
    knowledge,
    warrantyRules,
    serviceRules,
    caseStatuses,
    model,
    readMs: read - started,
    trainMs: performance.now() - read,
  };
}
