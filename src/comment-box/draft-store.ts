/**
 * Where `<comment-box>` keeps what a reader typed. Per article, in sessionStorage: the
 * draft (it survives a reload and a failed send, and goes when the server accepted it)
 * and the reader's own comments awaiting moderation (the server does not list them). In
 * localStorage, only with the reader's consent: name, email and website for next time.
 * Storage that is full, disabled or blocked just means nothing is kept.
 */
import type { CommentData, CommentDraft } from '../internal/events.js';

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

const PREFIX = 'lapa-comment-box:';
const IDENTITY_KEY = `${PREFIX}identity`;

function storage(kind: 'sessionStorage' | 'localStorage'): Storage | undefined {
  try {
    return window[kind];
  } catch {
    return undefined;
  }
}

function read(kind: 'sessionStorage' | 'localStorage', key: string): unknown {
  try {
    const text = storage(kind)?.getItem(key);
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function write(kind: 'sessionStorage' | 'localStorage', key: string, value: unknown): void {
  try {
    if (value === undefined) storage(kind)?.removeItem(key);
    else storage(kind)?.setItem(key, JSON.stringify(value));
  } catch {
    // Quota exceeded or storage blocked: the form still works, it just cannot remember.
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 100_000) : '');

export class DraftStore {
  constructor(readonly article: string) {}

  static loadIdentity(): Identity | undefined {
    const v = read('localStorage', IDENTITY_KEY);
    return isRecord(v) && typeof v.name === 'string' ? { name: str(v.name), email: str(v.email), url: str(v.url) } : undefined;
  }

  static saveIdentity(identity: Identity): void {
    write('localStorage', IDENTITY_KEY, { name: identity.name, email: identity.email, url: identity.url });
  }

  static forgetIdentity(): void {
    write('localStorage', IDENTITY_KEY, undefined);
  }

  loadDraft(): StoredDraft | undefined {
    const v = read('sessionStorage', this.key('draft'));
    if (!isRecord(v)) return undefined;
    const a = v.attempt;
    return {
      name: str(v.name),
      email: str(v.email),
      url: str(v.url),
      text: str(v.text),
      parent: typeof v.parent === 'string' ? v.parent : null,
      consent: v.consent === true,
      attempt:
        isRecord(a) && typeof a.key === 'string' && typeof a.fingerprint === 'string'
          ? { key: a.key, fingerprint: a.fingerprint, uncertain: a.uncertain === true }
          : undefined,
    };
  }

  saveDraft(draft: StoredDraft): void {
    write('sessionStorage', this.key('draft'), draft);
  }

  clearDraft(): void {
    write('sessionStorage', this.key('draft'), undefined);
  }

  loadPending(): CommentData[] {
    const v = read('sessionStorage', this.key('pending'));
    if (!Array.isArray(v)) return [];
    return v.filter(
      (c): c is CommentData =>
        isRecord(c) && typeof c.id === 'string' && typeof c.text === 'string' && typeof c.date === 'string' &&
        (c.parent === null || typeof c.parent === 'string') && isRecord(c.author) && typeof c.author.name === 'string',
    ).map((c) => ({ ...c, status: 'pending' as const }));
  }

  savePending(comments: readonly CommentData[]): void {
    write('sessionStorage', this.key('pending'), comments.length ? comments : undefined);
  }

  private key(what: string): string {
    return `${PREFIX}${what}:${this.article}`;
  }
}
