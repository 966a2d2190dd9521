/**
 * The address a web chat request comes from, for the per-address rate limit. Behind a reverse
 * proxy every request arrives from the proxy, so its X-Forwarded-For names the client; but anyone
 * can send that header, so it is read only when the connection comes from a trusted proxy
 * (webchat.trustedProxies / AFTERCARE_TRUSTED_PROXIES), right to left, skipping trusted hops.
 */
import type http from 'node:http';
import { BlockList, isIP } from 'node:net';

export type ClientAddress = (request: http.IncomingMessage) => string;

/** "::ffff:10.0.0.7" (an IPv4 client on a dual-stack socket) is 10.0.0.7. */
const plain = (address: string): string => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

export function createClientAddress(trustedProxies: readonly string[]): ClientAddress {
  const trusted = new BlockList();
  for (const entry of trustedProxies) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) trusted.addAddress(address, family);
    else trusted.addSubnet(address, Number(bits), family);
  }
  const isTrusted = (address: string): boolean => {
    const family = isIP(address);
    return family !== 0 && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
  return (request) => {
    const peer = plain(request.socket.remoteAddress ?? 'unknown');
    if (trustedProxies.length === 0 || !isTrusted(peer)) return peer;
    const header = request.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((hop) => plain(hop.trim()))
      .filter((hop) => isIP(hop) !== 0);
    for (let index = hops.length - 1; index >= 0; index--) {
      const hop = hops[index] as string;
      if (!isTrusted(hop)) return hop;
    }
    return hops[0] ?? peer;
  };
}
