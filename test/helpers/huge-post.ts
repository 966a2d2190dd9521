/** A very large POST streamed to the app, measuring when the answer came and how the process's memory grew. */
import http from 'node:http';

export const fiftyMegabytes = 50 * 1024 * 1024;

export interface BigPostResult {
  readonly status: number;
  readonly body: string;
  /** Bytes the client had written when the answer came. */
  readonly sentWhenAnswered: number;
  /** Highest resident set size of this process (app and client) during the request, minus before. */
  readonly rssGrowthMb: number;
}

/**
 * Streams `total` bytes of JSON-ish filler with chunked encoding (no content-length, so only the
 * bytes themselves can tell the size), respecting back-pressure so the client buffers nothing.
 */
export function postHuge(target: string, headers: Record<string, string>, total: number) {
  return new Promise<BigPostResult>((resolve, reject) => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const rssBefore = process.memoryUsage.rss();
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
    let sent = 0;
    let sentWhenAnswered = -1;
    const request = http.request(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...headers },
    });
    request.on('response', (response) => {
      sentWhenAnswered = sent;
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => {
        clearInterval(sampler);
        peak = Math.max(peak, process.memoryUsage.rss());
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(parts).toString(),
          sentWhenAnswered,
          rssGrowthMb: (peak - rssBefore) / (1024 * 1024),
        });
      });
    });
    // The server may close the connection after answering; the answer is what counts.
    request.on('error', (error) => (sentWhenAnswered < 0 ? reject(error) : undefined));
    const write = (): void => {
      while (sent < total && sentWhenAnswered < 0) {
        sent += chunk.length;
        if (!request.write(chunk)) {
          request.once('drain', write);
          return;
        }
      }
      request.end();
    };
    write();
  });
}

export function reportHugePost(name: string, result: BigPostResult): void {
  process.stdout.write(
    `${name}: ${result.status} after ${Math.round(result.sentWhenAnswered / 1024)} KB sent; rss growth ${result.rssGrowthMb.toFixed(1)} MB\n`,
  );
}
