// @ts-check
// Rules that hold a comment for moderation instead of publishing it: too many links, a
// word from the operator's list, or the operator's own function. A rule never refuses a
// comment (a person may well have written it); it only asks a moderator to look.

/**
 * @typedef {import('./validation.mjs').Fields} Fields
 * @typedef {(comment: Fields & { articleId: string }) => boolean | string | undefined | Promise<boolean | string | undefined>} RuleHook
 *   true or a reason: hold the comment
 * @typedef {{ maxLinks?: number, words?: string[], hook?: RuleHook }} HoldRules
 */

const LINK = /\bhttps?:\/\/|\bwww\.[^\s.]+\.[^\s]/gi;

/**
 * @param {HoldRules} rules
 * @returns {(comment: Fields & { articleId: string }) => Promise<string | null>} the reason to hold, or null
 */
export function createRules({ maxLinks, words = [], hook } = {}) {
  if (maxLinks !== undefined && !(Number.isInteger(maxLinks) && maxLinks >= 0)) throw new TypeError('holdRules.maxLinks must be a whole number >= 0');
  const listed = words.map((word) => word.normalize('NFKC').toLowerCase().trim()).filter(Boolean);
  // Whole words only, in any script: "class" must not match "classic".
  const pattern = listed.length
    ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${listed.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\p{L}\\p{N}])`, 'u')
    : null;
  return async (comment) => {
    if (maxLinks !== undefined) {
      const links = (comment.text.match(LINK) ?? []).length;
      if (links > maxLinks) return `more than ${maxLinks} links`;
    }
    if (pattern) {
      const flat = `${comment.name}\n${comment.text}\n${comment.url ?? ''}`.normalize('NFKC').toLowerCase();
      if (pattern.test(flat)) return 'a listed word';
    }
    if (hook) {
      const verdict = await hook(comment);
      if (verdict) return typeof verdict === 'string' ? verdict : 'the rules hook';
    }
    return null;
  };
}
