/**
 * A local stand-in of Slack's Socket Mode endpoint: the WebSocket that apps.connections.open
 * points to. It greets with `hello`, pushes envelopes (events_api, slash_commands, interactive)
 * and resolves each push with the app's acknowledgement. Uses the `ws` package that
 * @slack/socket-mode itself depends on.
 */
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';

export interface SocketAck {
  readonly envelope_id: string;
  readonly payload?: Record<string, unknown>;
}

export interface SocketModeStandIn {
  readonly url: string;
  /** Resolves once the app has connected and been greeted. */
  connected(): Promise<void>;
  /** Pushes an envelope to the app and resolves with its acknowledgement. */
  push(
    type: 'events_api' | 'slash_commands' | 'interactive',
    payload: Record<string, unknown>,
    retryAttempt?: number,
  ): Promise<SocketAck>;
  close(): Promise<void>;
}

export async function startSocketModeStandIn(): Promise<SocketModeStandIn> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const waiting = new Map<string, (ack: SocketAck) => void>();
  let socket: WebSocket | null = null;
  let onConnected: (() => void) | null = null;
  const connected = new Promise<void>((resolve) => {
    onConnected = resolve;
  });
  let envelopes = 0;

  server.on('connection', (client) => {
    socket = client;
    client.on('message', (data: Buffer) => {
      const ack = JSON.parse(data.toString('utf8')) as SocketAck;
      waiting.get(ack.envelope_id)?.(ack);
      waiting.delete(ack.envelope_id);
    });
    client.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'stand-in', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0AFTERCARE' },
      }),
    );
    onConnected?.();
  });

  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link/?ticket=stand-in`,
    connected: () => connected,
    push(type, payload, retryAttempt = 0) {
      const current = socket;
      if (current === null) return Promise.reject(new Error('no app connected'));
      const envelopeId = `envelope-${++envelopes}`;
      return new Promise<SocketAck>((resolve) => {
        waiting.set(envelopeId, resolve);
        current.send(
          JSON.stringify({
            envelope_id: envelopeId,
            payload,
            type,
            accepts_response_payload: type !== 'events_api',
            retry_attempt: retryAttempt,
            retry_reason: retryAttempt > 0 ? 'timeout' : '',
          }),
        );
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
