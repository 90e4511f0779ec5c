// @ts-check
// What a submission must look like (docs/comments-protocol.md, "POST"), and the text
// rules behind it: which characters are refused, when a text is empty, when two texts
// are the same comment. Pure functions; no I/O.
import { ApiError, invalidField } from './errors.mjs';

export const ARTICLE_ID = /^[A-Za-z0-9_-]{1,100}$/;
// Ids stay below 2^53 so they survive a round trip through a JS number.
export const COMMENT_ID = /^[1-9][0-9]{0,14}$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

export const MAX_URL_LENGTH = 2000;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 100;

// Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069) reorder the text
// around them: `…/\u202Efdp.exe` reads as `…/exe.pdf`. They are refused everywhere. The
// bidi marks (U+200E, U+200F, U+061C) only steer neutral characters and are what a
// right-to-left writer legitimately types, so names and texts keep them.
const BIDI_CONTROLS = '\\u202a-\\u202e\\u2066-\\u2069';
// C0 and C1 controls and DEL, the line and paragraph separators, bidi controls.
const NAME_FORBIDDEN = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029${BIDI_CONTROLS}]`);
// A text keeps tab and line feed (carriage returns are normalised to line feeds first).
const TEXT_FORBIDDEN = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${BIDI_CONTROLS}]`);
// A URL has no business holding anything invisible: controls, invisible characters and
// every space but the plain one (which browsers percent-encode).
const URL_FORBIDDEN = /[\u0000-\u001f\u007f-\u00a0\p{Default_Ignorable_Code_Point}\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;
// Characters that show nothing: with only these (and spaces) a name or text is empty.
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{White_Space}\u2800]/gu;

/**
 * @typedef {{ name: string, email: string, url: string | null, text: string, parent: string | null }} Fields
 */

/**
 * Checks a parsed body's fields in the protocol's order; throws the first fault.
 * @param {Record<string, unknown>} input
 * @param {{ maxNameLength: number, maxTextLength: number }} limits
 * @returns {Fields}
 */
export function validateFields(input, { maxNameLength, maxTextLength }) {
  const name = cleanString(input.author_name, 'author_name', 'Your name');
  if (isBlank(name)) throw invalidField('author_name', 'Your name is required.');
  if (name.length > maxNameLength) {
    throw invalidField('author_name', `Your name can be at most ${maxNameLength} characters.`);
  }
  if (NAME_FORBIDDEN.test(name)) throw invalidField('author_name', 'Your name contains control characters.');

  const emailInput = cleanString(input.author_email, 'author_email', 'Your email');
  if (emailInput.length < 1) throw invalidField('author_email', 'Your email is required.');
  if (emailInput.length > MAX_EMAIL_LENGTH || !EMAIL.test(emailInput) || URL_FORBIDDEN.test(emailInput)) {
    throw invalidField('author_email', 'Your email does not look like an email address.');
  }
  const email = normaliseEmail(emailInput);

  let url = null;
  if (input.author_url !== undefined && input.author_url !== null) {
    const raw = cleanString(input.author_url, 'author_url', 'Your website');
    if (raw !== '') {
      if (raw.length > MAX_URL_LENGTH) {
        throw invalidField('author_url', `Your website address can be at most ${MAX_URL_LENGTH} characters.`);
      }
      const parsed = URL.canParse(raw) ? new URL(raw) : null;
      if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || URL_FORBIDDEN.test(raw)) {
        throw invalidField('author_url', 'Your website must be a full http:// or https:// address.');
      }
      url = raw;
    }
  }

  const text = cleanString(input.text, 'text', 'The comment').replace(/\r\n?/g, '\n').trim();
  if (isBlank(text)) throw invalidField('text', 'The comment is empty.');
  if (text.length > maxTextLength) {
    throw invalidField('text', `The comment can be at most ${maxTextLength} characters.`);
  }
  if (TEXT_FORBIDDEN.test(text)) throw invalidField('text', 'The comment contains control characters.');

  let parent = null;
  if (input.parent !== undefined && input.parent !== null) {
    if (typeof input.parent !== 'string' || !COMMENT_ID.test(input.parent)) {
      throw invalidField('parent', 'The comment you reply to does not exist (any more).');
    }
    parent = input.parent;
  }
  return { name, email, url, text, parent };
}

/**
 * The largest body a valid submission can need, so the body limit never refuses one:
 * every character of every field written as a six-byte `\uXXXX` escape (a client may
 * escape all of them), plus room for the member names, the token and the honeypot.
 * @param {{ maxNameLength: number, maxTextLength: number }} limits
 */
export function largestSubmissionBytes({ maxNameLength, maxTextLength }) {
  return 6 * (maxNameLength + maxTextLength + MAX_URL_LENGTH + MAX_EMAIL_LENGTH + 64) + 4096;
}

/** @param {unknown} value @param {string} field @param {string} label */
function cleanString(value, field, label) {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw invalidField(field, `${label} must be text.`);
  // Lone surrogates cannot be stored as UTF-8 without being mangled.
  if (!value.isWellFormed()) throw invalidField(field, `${label} contains invalid characters.`);
  return value.trim();
}

/** True when nothing of the string would show: only spaces and zero-width characters. */
export function isBlank(/** @type {string} */ value) {
  return value.replace(INVISIBLE, '') === '';
}

/** Emails are compared case-insensitively, so they are stored in one case. */
export function normaliseEmail(/** @type {string} */ email) {
  return email.trim().toLowerCase();
}

/**
 * Two texts are the same comment when they differ only in case, spacing, invisible
 * characters or Unicode form.
 * @param {string} text
 */
export function duplicateKey(text) {
  return text.normalize('NFKC').replace(INVISIBLE, ' ').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** @param {unknown} honeypot */
export function isFilled(honeypot) {
  return !(honeypot === undefined || honeypot === null || honeypot === '');
}

/** @param {unknown} header */
export function isJsonContentType(header) {
  if (typeof header !== 'string') return false;
  const [type, ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => {
    if (!param.startsWith('charset=')) return true;
    const charset = param.slice(8).replace(/^"|"$/g, '');
    return charset === 'utf-8' || charset === 'utf8';
  });
}

/** @param {Buffer} body @returns {Record<string, unknown>} */
export function parseJsonObject(body) {
  let value;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw new ApiError(400, 'invalid_json', 'The body is not valid JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ApiError(400, 'invalid_json', 'The body must be a JSON object.');
  }
  return value;
}

/**
 * A stored string made safe for a terminal: controls, bidi controls and other invisible
 * characters are shown as `\u{…}` escapes instead of being obeyed.
 * @param {string} value
 */
export function escapeForTerminal(value) {
  return value.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Default_Ignorable_Code_Point}\\]/gu,
    (char) => (char === '\\' ? '\\\\' : `\\u{${char.codePointAt(0)?.toString(16)}}`),
  );
}
