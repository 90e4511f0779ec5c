// @ts-check
// Who the client is: the socket's peer, or, behind proxies we were told to trust, the
// right-most address in X-Forwarded-For that is not one of those proxies. Everything to
// the left of that is the client's own word and is never used.
import { BlockList, isIP } from 'node:net';
import { ApiError } from './errors.mjs';

/** @typedef {{ hops: number } | { list: BlockList, spec: string[] }} Trust */

const KEYWORDS = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
};

/**
 * Parses `--trust-proxy`: off, a hop count (how many proxies stand in front of the
 * server, whatever their addresses), or a comma-separated list of addresses and CIDR
 * ranges (and the keywords loopback, private, linklocal).
 * @param {unknown} value false | true (one hop) | number | string | string[]
 * @returns {Trust | null}
 */
export function parseTrustProxy(value) {
  if (value === undefined || value === null || value === false || value === 'off' || value === '' || value === 0 || value === '0') {
    return null;
  }
  if (value === true) return { hops: 1 };
  if (typeof value === 'number' || (typeof value === 'string' && /^[0-9]+$/.test(value))) {
    const hops = Number(value);
    if (!Number.isInteger(hops) || hops < 0 || hops > 100) throw new TypeError(`trustProxy: ${value} is not a hop count`);
    return hops === 0 ? null : { hops };
  }
  const items = (Array.isArray(value) ? value : String(value).split(','))
    .map((item) => String(item).trim())
    .filter(Boolean);
  if (items.length === 0) throw new TypeError('trustProxy: give a hop count or addresses/CIDR ranges');
  const list = new BlockList();
  const spec = [];
  for (const item of items) {
    for (const range of KEYWORDS[/** @type {keyof typeof KEYWORDS} */ (item.toLowerCase())] ?? [item]) {
      const [address, prefixText, extra] = range.split('/');
      const family = isIP(address);
      const max = family === 6 ? 128 : 32;
      const prefix = prefixText === undefined ? max : Number(prefixText);
      if (!family || extra !== undefined || !/^[0-9]{1,3}$/.test(prefixText ?? String(max)) || prefix > max) {
        throw new TypeError(`trustProxy: "${range}" is not an IP address or CIDR range`);
      }
      list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
      spec.push(range);
    }
  }
  return { list, spec };
}

/** An IPv4-mapped IPv6 address as the IPv4 address it is; zone ids dropped. */
export function plainAddress(/** @type {string} */ address) {
  const plain = address.split('%')[0].toLowerCase();
  return plain.startsWith('::ffff:') && isIP(plain.slice(7)) === 4 ? plain.slice(7) : plain;
}

/**
 * True when the socket peer is one of the trusted proxies.
 * @param {Trust | null} trust
 * @param {string} peer
 */
export function isTrustedPeer(trust, peer) {
  if (!trust) return false;
  if ('hops' in trust) return true;
  return isTrusted(trust, plainAddress(peer));
}

/** @param {{ list: BlockList }} trust @param {string} address plain */
function isTrusted(trust, address) {
  const family = isIP(address);
  return family !== 0 && trust.list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address for this request.
 * @param {import('node:http').IncomingMessage} req
 * @param {Trust | null} trust
 * @returns {string}
 * @throws {ApiError} 400 when a forwarded address we would have to rely on is malformed
 */
export function clientAddress(req, trust) {
  const peer = plainAddress(req.socket.remoteAddress ?? '');
  if (!trust || !isTrustedPeer(trust, peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if ('hops' in trust) {
    // The peer is the nearest proxy; `hops` proxies each appended the address they saw.
    const hops = [...chain, peer];
    const index = Math.max(0, hops.length - 1 - trust.hops);
    for (let i = hops.length - 2; i >= index; i--) hops[i] = forwarded(hops[i]);
    return hops[index];
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const address = forwarded(chain[i]);
    if (!isTrusted(trust, address)) return address;
  }
  // Every hop is a proxy of ours: the request started inside; the left-most is the client.
  return chain.length > 0 ? forwarded(chain[0]) : peer;
}

/** One X-Forwarded-For entry as a plain address (ports and brackets allowed), or 400. */
function forwarded(/** @type {string} */ entry) {
  let address = entry;
  const bracketed = /^\[([^\]]+)\](?::[0-9]{1,5})?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^[0-9.]+:[0-9]{1,5}$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  const plain = plainAddress(address);
  if (!isIP(plain)) {
    throw new ApiError(400, 'bad_request', 'X-Forwarded-For holds something that is not an IP address.');
  }
  return plain;
}

/**
 * The rate-limit key for an address. An IPv6 user typically holds a whole /64, so
 * addresses inside one count as one client.
 * @param {string} address
 */
export function rateLimitKey(address) {
  const plain = plainAddress(address);
  if (!plain.includes(':')) return plain;
  const [head, tail] = plain.includes('::') ? plain.split('::') : [plain, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
