/**
 * The one body reader and the one JSON sender of the bot's HTTP server, for the web chat, health
 * and every adapter's webhook. The limit is the configured `server.maxBodyBytes`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** Reads the whole body up to `limit` bytes; rejects with a BodyError (413) past it. */
export async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return (await readBodyBytes(request, limit)).toString('utf8');
}

/** readBody's bytes, for a signature computed over exactly what was sent. */
export function readBodyBytes(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyError(413, `the body is larger than ${limit} bytes`));
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Answer 413 at once and discard the rest of the upload rather than buffering it.
        reject(new BodyError(413, `the body is larger than ${limit} bytes`));
        request.removeAllListeners('data');
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('error', reject);
    request.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** Reads a JSON body (content-type application/json) up to `limit` bytes; a BodyError says the 4xx. */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!type.includes('application/json')) {
    request.resume();
    throw new BodyError(415, 'send JSON with content-type: application/json');
  }
  const text = await readBody(request, limit);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError(400, 'the body is not valid JSON');
  }
}

/** Sends `body` as JSON; does nothing when a reply has already begun (a handler failed late). */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Sends an empty reply with `status`; does nothing when a reply has already begun. */
export function sendStatus(response: ServerResponse, status: number): void {
  if (response.headersSent) return;
  response.writeHead(status);
  response.end();
}
