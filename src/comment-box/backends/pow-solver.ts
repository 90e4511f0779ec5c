/**
 * Solves a Lapa server's proof-of-work challenge (ALTCHA v2, SHA-256; docs/comments-protocol.md).
 * Its own module, loaded with `import()` only when a server advertises a challenge: pages
 * whose server asks for none (WordPress, older servers) never download it.
 *
 * The key of counter n is SHA-256(salt ‖ nonce ‖ n as 4 bytes, big-endian), hashed again
 * `cost - 1` times; the solution is the first n whose key starts with `keyPrefix`. The
 * search runs on the main thread in slices of a few milliseconds, so typing stays smooth:
 * no Worker, hence nothing for a strict CSP's `worker-src` to refuse. `crypto.subtle`
 * hashes where the page has it; plain-http pages (not a secure context, so no
 * `crypto.subtle`) use the small SHA-256 below.
 */

/** A challenge as the server advertised it: sent back unchanged with the solution. */
export interface Challenge {
  parameters: Record<string, unknown>;
  signature?: string;
}

export interface Solution {
  counter: number;
  derivedKey: string;
}

export interface SolveOptions {
  signal?: AbortSignal;
  /** Where hashing comes from; the page's `crypto.subtle` by default, the fallback without one. */
  subtle?: Pick<SubtleCrypto, 'digest'>;
  /** Milliseconds of hashing before the page gets the thread back. */
  slice?: number;
}

/**
 * Counters tried before giving up. The reference server picks its counter below 50,000;
 * the ALTCHA protocol allows up to 2^32, which a hostile server could use to keep a
 * reader's CPU busy for hours.
 */
export const MAX_ATTEMPTS = 2_000_000;
/** Hash rounds per counter (the challenge's `cost`) accepted; ours is 1. */
const MAX_COST = 64;
/** Digests asked of `crypto.subtle` at once: its promises cost more than its hashing. */
const BATCH = 64;

const HEX = /^(?:[0-9a-f]{2})+$/i;

const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g)!, (byte) => parseInt(byte, 16));
const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

// ---- SHA-256 (FIPS 180-4), for pages without crypto.subtle ---------------------------

const K = Uint32Array.from(
  '428a2f98 71374491 b5c0fbcf e9b5dba5 3956c25b 59f111f1 923f82a4 ab1c5ed5 d807aa98 12835b01 243185be 550c7dc3 72be5d74 80deb1fe 9bdc06a7 c19bf174 e49b69c1 efbe4786 0fc19dc6 240ca1cc 2de92c6f 4a7484aa 5cb0a9dc 76f988da 983e5152 a831c66d b00327c8 bf597fc7 c6e00bf3 d5a79147 06ca6351 14292967 27b70a85 2e1b2138 4d2c6dfc 53380d13 650a7354 766a0abb 81c2c92e 92722c85 a2bfe8a1 a81a664b c24b8b70 c76c51a3 d192e819 d6990624 f40e3585 106aa070 19a4c116 1e376c08 2748774c 34b0bcb5 391c0cb3 4ed8aa4a 5b9cca4f 682e6ff3 748f82ee 78a5636f 84c87814 8cc70208 90befffa a4506ceb bef9a3f7 c67178f2'.split(' '),
  (word) => parseInt(word, 16),
);
const H0 = Uint32Array.from('6a09e667 bb67ae85 3c6ef372 a54ff53a 510e527f 9b05688c 1f83d9ab 5be0cd19'.split(' '), (word) => parseInt(word, 16));
const W = new Uint32Array(64);
const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** The SHA-256 digest of `data`. */
export function sha256(data: Uint8Array): Uint8Array<ArrayBuffer> {
  const blocks = Math.ceil((data.length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(data.length / 0x20000000));
  view.setUint32(padded.length - 4, data.length * 8);
  const h = H0.slice();
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) W[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const w15 = W[i - 15]!;
      const w2 = W[i - 2]!;
      W[i] = (W[i - 16]! + (rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3)) + W[i - 7]! + (rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10))) | 0;
    }
    let [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, k = 0] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    [a, b, c, d, e, f, g, k].forEach((value, i) => (h[i] = (h[i]! + value) | 0));
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  h.forEach((value, i) => outView.setUint32(i * 4, value));
  return out;
}

// ---- the search ------------------------------------------------------------------------

/** Gives the thread back to the page: input, rendering and timers run before the next slice. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The challenge's parameters, checked: a server's JSON is untrusted input. */
function read(challenge: Challenge) {
  const p = challenge?.parameters;
  const { algorithm, nonce, salt, keyPrefix, cost = 1, keyLength = 32 } = (p ?? {}) as Record<string, unknown>;
  if (algorithm !== 'SHA-256') throw new Error(`Unsupported proof-of-work algorithm: ${String(algorithm)}`);
  if (typeof nonce !== 'string' || !HEX.test(nonce) || typeof salt !== 'string' || !HEX.test(salt) || nonce.length + salt.length > 1024) {
    throw new Error('Malformed proof-of-work challenge');
  }
  if (typeof keyPrefix !== 'string' || !/^[0-9a-f]{1,64}$/i.test(keyPrefix)) throw new Error('Malformed proof-of-work key prefix');
  if (!Number.isInteger(cost) || (cost as number) < 1 || (cost as number) > MAX_COST) throw new Error('Proof-of-work cost out of range');
  if (!Number.isInteger(keyLength) || (keyLength as number) < 1 || (keyLength as number) > 32) throw new Error('Proof-of-work key length out of range');
  return { nonce: fromHex(nonce), salt: fromHex(salt), prefix: keyPrefix.toLowerCase(), cost: cost as number, keyLength: keyLength as number };
}

/**
 * Finds the counter of `challenge`. Rejects when the challenge is not one we can solve,
 * when MAX_ATTEMPTS counters found nothing, or with the signal's reason when it aborts.
 */
export async function solve(challenge: Challenge, { signal, subtle = globalThis.crypto?.subtle, slice = 8 }: SolveOptions = {}): Promise<Solution> {
  const { nonce, salt, prefix, cost, keyLength } = read(challenge);
  const input = (counter: number) => {
    const bytes = new Uint8Array(salt.length + nonce.length + 4);
    bytes.set(salt);
    bytes.set(nonce, salt.length);
    new DataView(bytes.buffer).setUint32(salt.length + nonce.length, counter);
    return bytes;
  };
  const derive = async (counter: number): Promise<Uint8Array> => {
    let key: Uint8Array<ArrayBuffer> = input(counter);
    for (let round = 0; round < cost; round++) key = subtle ? new Uint8Array(await subtle.digest('SHA-256', key)) : sha256(key);
    return key.slice(0, keyLength);
  };
  for (let counter = 0; counter < MAX_ATTEMPTS; ) {
    signal?.throwIfAborted();
    const until = performance.now() + slice;
    while (counter < MAX_ATTEMPTS && performance.now() < until) {
      const batch = Array.from({ length: Math.min(subtle ? BATCH : 16, MAX_ATTEMPTS - counter) }, (_, i) => counter + i);
      const keys = await Promise.all(batch.map(derive));
      const found = keys.findIndex((key) => toHex(key).startsWith(prefix));
      if (found >= 0) return { counter: batch[found]!, derivedKey: toHex(keys[found]!) };
      counter += batch.length;
    }
    await yieldToPage();
  }
  throw new Error('Proof-of-work challenge not solved');
}
