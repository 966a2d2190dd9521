/**
 * `POST /api/cases/{id}/status`: the company's service system pushes a status change. A bearer
 * API key from the environment (AFTERCARE_CASES_API_KEY) is required: without the right key the
 * answer is 401 before the body is read; with the variable unset, 403 (the endpoint is off).
 * The body is zod-checked: `{"status": "repairing", "note": "…"}`; a status the case's kind does
 * not have is 422 with the allowed ones. A change is told to the customer like any other.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { headerValue, secretMatches } from '../../adapters/shared/http';
import type { CaseDesk } from '../core/cases/case-desk';
import type { HttpRoutes } from '../core/channel';
import type { Logger } from '../core/ports';
import { BodyError, readJsonBody, sendJson } from './http-body';

export const caseStatusBodySchema = z
  .object({
    status: z.string().regex(/^[a-z0-9-]{1,64}$/, 'a status id such as "repairing"'),
    note: z.string().trim().min(1).max(2000).optional(),
    /** Who changed it in the service system; recorded as `api:<by>`. */
    by: z
      .string()
      .regex(/^[A-Za-z0-9._@-]{1,64}$/)
      .optional(),
  })
  .strict();

export interface CaseStatusApiOptions {
  /** Null: the endpoint is off (403). */
  readonly apiKey: string | null;
  readonly desk: Pick<CaseDesk, 'changeStatus'>;
  readonly maxBodyBytes: number;
  readonly logger: Logger;
}

const PATH = /^\/api\/cases\/([^/]{1,40})\/status$/;

export function mountCaseStatusApi(routes: HttpRoutes, options: CaseStatusApiOptions): void {
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    const match = PATH.exec(pathname);
    if (match === null) {
      sendJson(response, 404, { error: 'not found; POST /api/cases/{id}/status' });
      return;
    }
    if (options.apiKey === null) {
      sendJson(response, 403, { error: 'the case API is off; set AFTERCARE_CASES_API_KEY' });
      request.resume();
      return;
    }
    const authorization = headerValue(request, 'authorization') ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    if (!secretMatches(token, options.apiKey)) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      sendJson(response, 401, {
        error: 'a valid API key is required: Authorization: Bearer <key>',
      });
      request.resume();
      return;
    }
    let body: unknown;
    try {
      body = await readJsonBody(request, options.maxBodyBytes);
    } catch (error) {
      if (error instanceof BodyError) {
        sendJson(response, error.status, { error: error.message });
        return;
      }
      throw error;
    }
    const parsed = caseStatusBodySchema.safeParse(body);
    if (!parsed.success) {
      sendJson(response, 400, {
        error: 'invalid body',
        issues: parsed.error.issues.map((issue) => ({
          field: issue.path.join('.') || '(body)',
          message: issue.message,
        })),
      });
      return;
    }
    const id = decodeURIComponent(match[1]!);
    const outcome = await options.desk.changeStatus(id, {
      status: parsed.data.status,
      by: `api${parsed.data.by ? `:${parsed.data.by}` : ''}`,
      note: parsed.data.note ?? null,
    });
    switch (outcome.outcome) {
      case 'not-found':
        sendJson(response, 404, { error: `no case ${id}` });
        return;
      case 'unknown-status':
        sendJson(response, 422, {
          error: `"${parsed.data.status}" is not a status of case ${id}`,
          allowed: outcome.allowed,
        });
        return;
      default:
        options.logger.info(
          { caseId: outcome.case.id, status: outcome.case.status, outcome: outcome.outcome },
          'case status pushed',
        );
        sendJson(response, 200, {
          id: outcome.case.id,
          status: outcome.case.status,
          changed: outcome.outcome === 'changed',
        });
    }
  };
  routes.add('POST', '/api/cases/*', (request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.logger.error({ err: error }, 'case status push failed');
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
    });
  });
}
