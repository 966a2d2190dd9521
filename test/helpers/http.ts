/** Small HTTP helpers for the server and web chat tests (Node's own fetch and http). */
import http from 'node:http';

export interface JsonResponse<T = unknown> {
  readonly status: number;
  readonly contentType: string;
  readonly body: T;
}

export async function getJson<T = unknown>(url: string): Promise<JsonResponse<T>> {
  const response = await fetch(url);
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
): Promise<JsonResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': contentType },
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
