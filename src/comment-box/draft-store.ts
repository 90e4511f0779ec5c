/**
 * Where `<comment-box>` keeps what a reader typed. Per article, in sessionStorage: the
 * draft (it survives a reload and a failed send, and goes when the server accepted it)
 * and the reader's own comments awaiting moderation (the server does not list them). In
 * localStorage, only with the reader's consent: name, email and website for next time.
 * Storage that is full, disabled or blocked just means nothing is kept. What is read
 * back is checked like any other input: the page's own scripts share the storage.
 */
import type { CommentData, CommentDraft } from '../internal/data.js';

export interface Identity {
  name: string;
  email: string;
  url: string;
}

export interface Attempt {
  /** Sent as the Idempotency-Key with every attempt at sending the same content. */
  key: string;
  /** The content it was made for: any change makes the next send a new comment. */
  fingerprint: string;
  /** The last attempt ended without a clear answer: the server may have the comment. */
  uncertain: boolean;
}

export interface StoredDraft extends CommentDraft {
  consent: boolean;
  attempt?: Attempt;
}

type Kind = 'sessionStorage' | 'localStorage';

function read(kind: Kind, key: string): unknown {
  try {
    return JSON.parse(window[kind].getItem(`lapa-comment-box:${key}`)!);
  } catch {
    return undefined;
  }
}

/** Stores `value` as JSON; `undefined` removes it. */
function write(kind: Kind, key: string, value?: unknown): void {
  try {
    const storage = window[kind];
    key = `lapa-comment-box:${key}`;
    if (value === undefined) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(value));
  } catch {
    // Quota exceeded or storage blocked: the form still works, it just cannot remember.
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 100_000) : '');

export function storedIdentity(): Identity | undefined {
  const v = read('localStorage', 'identity');
  return isRecord(v) && typeof v.name === 'string' ? { name: str(v.name), email: str(v.email), url: str(v.url) } : undefined;
}

/** Without an identity: forgets the stored one. */
export const storeIdentity = (identity?: Identity): void => write('localStorage', 'identity', identity);

export function storedDraft(article: string): StoredDraft | undefined {
  const v = read('sessionStorage', `draft:${article}`);
  if (!isRecord(v)) return undefined;
  const a = v.attempt;
  return {
    name: str(v.name),
    email: str(v.email),
    url: str(v.url),
    text: str(v.text),
    parent: str(v.parent) || null,
    consent: v.consent === true,
    attempt:
      isRecord(a) && typeof a.key === 'string' && typeof a.fingerprint === 'string'
        ? { key: a.key, fingerprint: a.fingerprint, uncertain: a.uncertain === true }
        : undefined,
  };
}

/** Without a draft: clears the stored one. */
export const storeDraft = (article: string, draft?: StoredDraft): void => write('sessionStorage', `draft:${article}`, draft);

export function storedPending(article: string): CommentData[] {
  const v = read('sessionStorage', `pending:${article}`);
  return Array.isArray(v)
    ? v
        .filter(
          (c): c is CommentData =>
            isRecord(c) && typeof c.id === 'string' && typeof c.text === 'string' && typeof c.date === 'string' &&
            (c.parent === null || typeof c.parent === 'string') && isRecord(c.author) && typeof c.author.name === 'string',
        )
        .map((c) => ({ ...c, status: 'pending' }))
    : [];
}

export const storePending = (article: string, comments: readonly CommentData[]): void =>
  write('sessionStorage', `pending:${article}`, comments.length ? comments : undefined);
