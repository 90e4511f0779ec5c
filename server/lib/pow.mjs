// @ts-check
// Spam without third parties: a proof-of-work challenge on the ALTCHA protocol (v2,
// SHA-256, altcha-lib), advertised in every GET answer and checked on POST. The server
// picks a random counter below `maxNumber`, derives its key and publishes the key's
// prefix, signed; a client finds the counter by trying them (half of maxNumber hashes
// on average), the server checks it with one hash. Each solved challenge is accepted
// once (its nonce is remembered by the store until the token would have expired), for
// one article, within the form token's lifetime, on the server's own clock.
import { createChallenge, randomInt, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { ApiError } from './errors.mjs';

const ALGORITHM = 'SHA-256';
export const DEFAULT_MAX_NUMBER = 50_000;

/**
 * @typedef {import('altcha-lib').Challenge} Challenge
 * @typedef {{ maxNumber?: number }} ProofOfWorkOptions
 */

/**
 * @param {{ secret: string, now: () => number, maxAgeMs: number, maxNumber?: number }} options
 */
export function createProofOfWork({ secret, now, maxAgeMs, maxNumber = DEFAULT_MAX_NUMBER }) {
  if (!Number.isInteger(maxNumber) || maxNumber < 1 || maxNumber > 2 ** 32 - 1) throw new TypeError('proofOfWork.maxNumber must be a whole number from 1 to 2^32 - 1');
  const invalid = () =>
    new ApiError(400, 'invalid_challenge', 'The anti-spam challenge is missing, expired or not solved. Reload the form and try again.');
  return {
    /** @param {string} articleId @returns {Promise<Challenge>} */
    async issue(articleId) {
      const challenge = await createChallenge({
        algorithm: ALGORITHM,
        cost: 1,
        counter: randomInt(maxNumber),
        deriveKey,
        hmacSignatureSecret: secret,
        data: { article: articleId, issued: Math.floor(now()) },
      });
      delete challenge.codeChallenge;
      return challenge;
    },

    /**
     * @param {unknown} payload the body's `altcha`: { challenge, solution }, or that as base64 JSON
     * @param {string} articleId
     * @returns {Promise<string>} the challenge's nonce, to be marked used
     */
    async verify(payload, articleId) {
      let value = payload;
      if (typeof value === 'string') {
        try {
          value = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
        } catch {
          throw invalid();
        }
      }
      const { challenge, solution } = /** @type {any} */ (value ?? {});
      const parameters = challenge?.parameters;
      if (
        typeof parameters !== 'object' ||
        parameters === null ||
        parameters.algorithm !== ALGORITHM ||
        parameters.data?.article !== articleId ||
        typeof parameters.data?.issued !== 'number' ||
        typeof solution?.counter !== 'number' ||
        typeof solution?.derivedKey !== 'string'
      ) {
        throw invalid();
      }
      const age = now() - parameters.data.issued;
      if (age > maxAgeMs || age < -60_000) throw invalid();
      let result;
      try {
        result = await verifySolution({ challenge, solution, deriveKey, hmacSignatureSecret: secret });
      } catch {
        throw invalid();
      }
      if (!result.verified) throw invalid();
      return String(parameters.nonce);
    },
  };
}
