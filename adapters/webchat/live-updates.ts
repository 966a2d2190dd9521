/**
 * Server-Sent Events for the web chat: GET /webchat/events streams every reply stored after the
 * client's Last-Event-ID (the transcript row id), then each new one as deliver() stores it. Ids
 * only grow, so a reconnect resumes where it stopped and the page never shows a reply twice.
 */
import type { ServerResponse } from 'node:http';
import type { StoredReply } from '../../src/core/ports';

export interface LiveUpdates {
  /** Streams to `response` until the client goes; `after` is the last id it has. */
  subscribe(conversationId: string, after: number, response: ServerResponse): void;
  /** Something was stored for the conversation: wake its streams. */
  notify(conversationId: string): void;
  closeAll(): void;
}

export function createLiveUpdates(
  repliesAfter: (conversationId: string, after: number) => Promise<StoredReply[]>,
  heartbeatMs = 15_000,
): LiveUpdates {
  const streams = new Map<string, Set<() => void>>();
  const closers = new Set<() => void>();
  return {
    subscribe(conversationId, after, response) {
      let last = after;
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      });
      // One read at a time, in order: a reply is written once, after the ones before it.
      let reading: Promise<void> = Promise.resolve();
      const send = async (): Promise<void> => {
        for (const item of await repliesAfter(conversationId, last)) {
          if (response.writableEnded) return;
          last = item.id;
          const data = JSON.stringify({
            id: item.id,
            at: item.at.toISOString(),
            reply: item.reply,
          });
          response.write(`id: ${item.id}\nevent: reply\ndata: ${data}\n\n`);
        }
      };
      const push = (): void => {
        reading = reading.then(send).catch(() => undefined);
      };
      response.write('retry: 2000\n\n');
      push();
      const set = streams.get(conversationId) ?? new Set();
      set.add(push);
      streams.set(conversationId, set);
      // A comment now and then keeps proxies from closing an idle stream, and catches replies
      // another process stored.
      const heartbeat = setInterval(() => {
        response.write(': ping\n\n');
        push();
      }, heartbeatMs);
      const close = (): void => {
        clearInterval(heartbeat);
        set.delete(push);
        if (set.size === 0) streams.delete(conversationId);
        closers.delete(close);
        response.end();
      };
      closers.add(close);
      response.on('close', close);
    },
    notify(conversationId) {
      for (const push of streams.get(conversationId) ?? []) push();
    },
    closeAll() {
      for (const close of [...closers]) close();
    },
  };
}
