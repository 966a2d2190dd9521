/** Small HTTP helpers for the server and web chat tests (Node's own fetch and http). */
import http from 'node:http';

export interface JsonResponse<T = unknown> {
  readonly status: number;
  readonly contentType: string;
  readonly body: T;
}

export async function getJson<T = unknown>(
  url: string,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(url, { headers });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: (await response.json()) as T,
  };
}

/** POSTs `body` as is (a string is sent verbatim, anything else as JSON). */
export async function postJson<T = unknown>(
  url: string,
  body: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body:
      typeof body === 'string'
        ? body
        : body instanceof Uint8Array
          ? Uint8Array.from(body).buffer
          : JSON.stringify(body),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: (await response.json()) as T,
  };
}

/** POSTs `body` with chunked transfer encoding (no content-length), `chunkBytes` at a time. */
export function postChunked(
  url: string,
  body: Buffer,
  chunkBytes = 64 * 1024,
): Promise<JsonResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve({
              status: response.statusCode ?? 0,
              contentType: String(response.headers['content-type'] ?? ''),
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
            });
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    // The server may answer 413 and stop reading before the upload ends; that is not a failure here.
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    let offset = 0;
    const writeMore = (): void => {
      while (offset < body.length) {
        const chunk = body.subarray(offset, offset + chunkBytes);
        offset += chunk.length;
        if (!request.write(chunk)) {
          request.once('drain', writeMore);
          return;
        }
      }
      request.end();
    };
    writeMore();
  });
}

/**
 * Web chat sessions for tests that talk to several conversations: each name gets its own session
 * (POST /webchat/sessions) the first time it is used, and its token thereafter.
 */
export function webchatSessions(baseUrl: () => string) {
  const known = new Map<string, { conversationId: string; token: string }>();
  const session = async (name: string) => {
    const existing = known.get(name);
    if (existing) return existing;
    const response = await fetch(`${baseUrl()}/webchat/sessions`, { method: 'POST' });
    if (response.status !== 201) throw new Error(`POST /webchat/sessions: ${response.status}`);
    const created = (await response.json()) as { conversationId: string; token: string };
    known.set(name, created);
    return created;
  };
  return {
    async auth(name: string): Promise<Record<string, string>> {
      return { authorization: `Bearer ${(await session(name)).token}` };
    },
    async idOf(name: string): Promise<string> {
      return (await session(name)).conversationId;
    },
  };
}
