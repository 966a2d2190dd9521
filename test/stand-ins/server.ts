/**
 * Shared plumbing for the platform stand-ins: a node:http server on 127.0.0.1 and a random
 * port, a log of every call, failure injection for the next N calls of a method, and waiting
 * for a call to arrive.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  readonly method: string;
  readonly payload: Record<string, unknown>;
  /** The HTTP status the stand-in answered with. */
  readonly status: number;
}

/** What the stand-in answers instead of the real result, for the next N calls of a method. */
export type InjectedFailure =
  | { readonly status: 429; readonly retryAfterSeconds: number }
  | { readonly status: 500 | 502 | 503; readonly retryAfterSeconds?: number };

export interface StartedServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startServer(
  handler: (
    request: IncomingMessage,
    response: ServerResponse,
    body: string,
  ) => void | Promise<void>,
): Promise<StartedServer> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      Promise.resolve(handler(request, response, Buffer.concat(chunks).toString('utf8'))).catch(
        (error: unknown) => {
          if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
          response.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export function parseBody(
  body: string,
  contentType: string | undefined,
  query: URLSearchParams,
): Record<string, unknown> {
  const fields: Record<string, unknown> = Object.fromEntries(query.entries());
  if (body === '') return fields;
  if (contentType?.includes('application/json'))
    return { ...fields, ...(JSON.parse(body) as Record<string, unknown>) };
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(body)) fields[key] = decodeJsonField(value);
    return fields;
  }
  return { ...fields, ...(JSON.parse(body) as Record<string, unknown>) };
}

/** Form-encoded SDK calls send objects as JSON strings; decode those so tests see one shape. */
function decodeJsonField(value: string): unknown {
  if (/^[[{]/.test(value)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

/** Calls, injected failures and waiters, shared by the stand-ins. */
export class CallLog {
  readonly calls: RecordedCall[] = [];
  /** Methods in the order their requests arrived, before any answer (a long poll answers late). */
  readonly arrivals: string[] = [];
  private readonly failures = new Map<string, { remaining: number; failure: InjectedFailure }>();
  private readonly waiters = new Set<() => void>();

  private readonly holds = new Map<string, number>();

  /**
   * The next call of `method` is held open and never answered: the platform has not accepted
   * it. It ends when the client goes away (a test kills the bot meanwhile).
   */
  holdNext(method: string): void {
    this.holds.set(method, (this.holds.get(method) ?? 0) + 1);
  }

  takeHold(method: string): boolean {
    const count = this.holds.get(method) ?? 0;
    if (count <= 0) return false;
    this.holds.set(method, count - 1);
    return true;
  }

  /** The next `count` calls of `method` answer with `failure`. */
  failNext(method: string, count: number, failure: InjectedFailure): void {
    this.failures.set(method, { remaining: count, failure });
  }

  takeFailure(method: string): InjectedFailure | null {
    const entry = this.failures.get(method);
    if (entry === undefined || entry.remaining <= 0) return null;
    entry.remaining -= 1;
    return entry.failure;
  }

  record(call: RecordedCall): void {
    this.calls.push(call);
    for (const wake of [...this.waiters]) wake();
  }

  arrive(method: string): void {
    this.arrivals.push(method);
    for (const wake of [...this.waiters]) wake();
  }

  /** Successful calls of `method`. */
  succeeded(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method && call.status === 200);
  }

  attempts(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /**
   * Resolves when `predicate` holds for the log. The limit only turns a hang into a readable
   * failure; no test asserts on how long anything took.
   */
  waitUntil(
    predicate: (calls: readonly RecordedCall[]) => boolean,
    description: string,
    limitMs = 8_000,
  ): Promise<void> {
    if (predicate(this.calls)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!predicate(this.calls)) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(
            `stand-in never saw: ${description}; calls were ${this.calls.map((call) => `${call.method}:${call.status}`).join(', ')}`,
          ),
        );
      }, limitMs);
      this.waiters.add(check);
    });
  }

  /** Waits for `count` successful calls of `method` and returns them. */
  async waitForSucceeded(method: string, count = 1): Promise<RecordedCall[]> {
    await this.waitUntil(() => this.succeeded(method).length >= count, `${count} × ${method}`);
    return this.succeeded(method);
  }
}
