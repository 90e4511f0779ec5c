// @ts-check
// Form tokens: the time a form was shown, signed, so a submission made implausibly fast
// after it (or with a forged, foreign or expired token) is recognised. Also the keyed
// hashes that stand for a commenter without storing who they are in the clear.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ApiError } from './errors.mjs';

const TOKEN = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;
// A token issued slightly "in the future" is clock skew between processes sharing a
// secret, not forgery.
const TOKEN_CLOCK_SKEW_MS = 60_000;

/**
 * @param {{ secret: string | Buffer, now: () => number, tokenMaxAgeMs: number }} options
 */
export function createTokens({ secret, now, tokenMaxAgeMs }) {
  /** @param {string} articleId @param {string} issued */
  const sign = (articleId, issued) =>
    createHmac('sha256', secret).update(`lapa-comments-v1\n${articleId}\n${issued}`).digest('base64url');

  return {
    /** @param {string} articleId */
    issue(articleId) {
      const issued = Math.floor(now()).toString(36);
      return `${issued}.${sign(articleId, issued)}`;
    },

    /**
     * @param {unknown} token
     * @param {string} articleId
     * @param {number} at
     * @returns {number} the token's age in milliseconds
     */
    age(token, articleId, at) {
      const invalid = () =>
        new ApiError(400, 'invalid_token', 'The form has expired or was not issued by this server. Reload it and try again.');
      if (typeof token !== 'string') throw invalid();
      const match = TOKEN.exec(token);
      if (!match) throw invalid();
      const expected = Buffer.from(sign(articleId, match[1]));
      if (!timingSafeEqual(expected, Buffer.from(match[2]))) throw invalid();
      const age = at - parseInt(match[1], 36);
      if (age > tokenMaxAgeMs || age < -TOKEN_CLOCK_SKEW_MS) throw invalid();
      return age;
    },
  };
}

/**
 * Who a commenter is, for the "known commenter" and duplicate checks: the email together
 * with the network the comment came from, so knowing someone's email alone is not
 * enough to be taken for them. Keyed with the store's own secret, so the same person
 * gets the same key across restarts and instances.
 * @param {string | Buffer} secret
 * @param {string} email normalised
 * @param {string} client a rate-limit key (IPv4 address or IPv6 /64)
 */
export function authorKey(secret, email, client) {
  return createHmac('sha256', secret).update(`lapa-author-v1\n${email}\n${client}`).digest('base64url');
}

/** A short fixed-size stand-in for a normalised text, for the duplicate index. */
export function textKey(/** @type {string} */ normalised) {
  return createHash('sha256').update(normalised).digest('base64url');
}
