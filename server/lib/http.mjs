// @ts-check
// A listener that survives slow and greedy clients: header, body and idle timeouts
// (Node enforces the first two only on a periodic sweep, so the sweep runs often
// enough for them to mean what they say), a cap on connections per client address
// (trusted proxies exempt: everyone behind them shares their address) and a total cap.
// A connection over a cap is closed the moment it is accepted, before it costs a parser.
import { createServer } from 'node:http';
import { isTrustedPeer, parseTrustProxy, plainAddress } from './proxy.mjs';

/**
 * @typedef {{
 *   headersTimeoutMs?: number, requestTimeoutMs?: number, idleTimeoutMs?: number, keepAliveTimeoutMs?: number,
 *   maxConnectionsPerAddress?: number, maxConnections?: number, trustProxy?: unknown,
 * }} ListenerLimits
 */

export const LIMIT_DEFAULTS = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  maxConnectionsPerAddress: 64,
  maxConnections: 4096,
});

/**
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void} handler
 * @param {ListenerLimits} [limits]
 */
export function createListener(handler, limits = {}) {
  const l = { ...LIMIT_DEFAULTS, ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)) };
  for (const name of /** @type {const} */ (['headersTimeoutMs', 'requestTimeoutMs', 'idleTimeoutMs', 'keepAliveTimeoutMs', 'maxConnectionsPerAddress', 'maxConnections'])) {
    const value = l[name];
    if (!Number.isInteger(value) || value < 1) throw new TypeError(`createListener: ${name} must be a whole number >= 1`);
  }
  const trust = parseTrustProxy(limits.trustProxy);
  const headersTimeout = Math.min(l.headersTimeoutMs, l.requestTimeoutMs);
  const server = createServer({
    headersTimeout,
    requestTimeout: l.requestTimeoutMs,
    // The sweep that enforces both: a tenth of the shorter one, at most a second.
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 10))),
    // A request whose headers fill this much is not a comment reader.
    maxHeaderSize: 16 * 1024,
  });
  server.keepAliveTimeout = l.keepAliveTimeoutMs;
  // Inactivity on a connection in any state; an answer held open on purpose lifts it
  // with res.socket.setTimeout(0).
  server.timeout = l.idleTimeoutMs;
  server.maxConnections = l.maxConnections;

  /** @type {Map<string, number>} */
  const perAddress = new Map();
  let shed = 0;
  server.on('connection', (socket) => {
    const address = plainAddress(socket.remoteAddress ?? '');
    if (isTrustedPeer(trust, address)) return;
    const open = perAddress.get(address) ?? 0;
    if (open >= l.maxConnectionsPerAddress) {
      shed++;
      socket.destroy();
      return;
    }
    perAddress.set(address, open + 1);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
  });
  server.on('request', handler);
  server.on('clientError', (error, socket) => {
    // Timeouts and malformed requests: answer if the socket still can, never crash.
    const code = /** @type {{ code?: string }} */ (error).code;
    if (socket.writable && !socket.destroyed) {
      const status = code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    }
    socket.destroy();
  });

  return {
    server,
    /** How many connections were closed at once for being over the per-address cap. */
    get shed() {
      return shed;
    },
    /** Open connections per client address. */
    connectionsFrom: (/** @type {string} */ address) => perAddress.get(plainAddress(address)) ?? 0,
    /**
     * @param {number} port
     * @param {string} host
     * @returns {Promise<{ port: number, host: string, url: string }>}
     */
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = /** @type {import('node:net').AddressInfo} */ (server.address());
          const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ port: address.port, host: address.address, url: `http://${shown}:${address.port}` });
        });
      });
    },
    /** @returns {Promise<void>} */
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
