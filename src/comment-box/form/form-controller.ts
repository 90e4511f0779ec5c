/**
 * The comment form of `<comment-box>`, without its markup: the draft (kept per article),
 * validation with our own words, and sending it once however often it is submitted (the
 * Idempotency-Key stays with the draft's content until the server has it).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CommentDraft } from '../../internal/data.js';
import { CommentBoxSubmitEvent } from '../../internal/events.js';
import type { CommentBackend, CommentField, CommentPostResult } from '../backend.js';
import { CommentError } from '../comment-error.js';
import type { CommentBoxMessageKey } from '../comment-box.messages.js';
import { storeDraft, storeIdentity, storedDraft, storedIdentity } from '../draft-store.js';
import type { Attempt, StoredDraft } from '../draft-store.js';
import { REJECTED, problemOf } from '../problems.js';
import type { Problem } from '../problems.js';

export const FIELDS: readonly CommentField[] = ['name', 'email', 'url', 'text'];

const EMPTY: StoredDraft = { name: '', email: '', url: '', text: '', parent: null, consent: false };

const trimmed = ({ name, email, url, text, parent }: CommentDraft): CommentDraft => ({ name: name.trim(), email: email.trim(), url: url.trim(), text: text.trim(), parent });
/** What makes two sends the same comment. */
const fingerprintOf = (d: CommentDraft) => JSON.stringify(Object.values(trimmed(d)));

// randomUUID needs a secure context; partners' pages are not all https.
const newKey = () =>
  crypto.randomUUID?.() ?? Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

export interface CommentFormOptions {
  backend(): CommentBackend | undefined;
  /** Longest comment accepted, in characters. */
  maxLength(): number;
  /** A problem's words, for the browser's validation message. */
  say(problem: Problem): string;
  /** The form element, when it is shown. */
  form(): HTMLFormElement | null | undefined;
  /** A submit begins: what was announced of the last one goes. */
  submitting(): void;
  /** The server accepted the comment (the draft is cleared). */
  posted(result: CommentPostResult): void;
  /** A send retried after a lost answer: the server had the first one after all. */
  received(): void;
  /** Sending failed (the form shows why). */
  failed(error: CommentError): void;
  /** The server says the article takes no more comments. */
  closed(): void;
  /** The Reply button of comment `id`, when it is shown. */
  replyButton(id: string): HTMLElement | null | undefined;
}

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export class CommentFormController implements ReactiveController {
  draft = EMPTY;
  /** Each field's problem, once it is shown: the field was left, or the form submitted. */
  problems: Partial<Record<CommentField, Problem>> = {};
  /** A field the server refused, until it is edited. */
  serverProblems: Partial<Record<CommentField, Problem>> = {};
  /** What stopped the last send, shown above the buttons. */
  formProblem?: Problem;
  /** The character count, announced near the limit. */
  counter?: Problem;
  sending = false;
  /** The key drafts are kept under: the backend's. */
  private article?: string;
  private counterTimer?: ReturnType<typeof setTimeout>;
  /** True during the host's update: a focused field a render removes fires focusout, though the reader stayed. */
  private rendering = false;

  constructor(
    private readonly host: Host,
    private readonly options: CommentFormOptions,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    this.rendering = true;
    const key = this.options.backend()?.key;
    if (key !== undefined && key !== this.article) {
      // Another article: its own draft, or a new one with the reader's saved identity.
      this.article = key;
      const identity = storedIdentity();
      this.draft = storedDraft(key) ?? { ...EMPTY, ...identity, consent: !!identity };
      this.reset();
    }
  }

  hostUpdated(): void {
    this.rendering = false;
  }

  hostDisconnected(): void {
    clearTimeout(this.counterTimer);
  }

  /** A field's problem as shown: the server's, else ours. */
  problem(field: CommentField): Problem | undefined {
    return this.serverProblems[field] ?? this.problems[field];
  }

  control(field: CommentField | 'website2'): HTMLInputElement {
    return this.options.form()!.querySelector(`[name=${field}]`)!;
  }

  /** Moves the form under comment `id` (focus in its text), or back (`null`: focus on the Reply it came from). */
  readonly reply = async (id: string | null): Promise<void> => {
    const from = this.draft.parent;
    this.update({ parent: id });
    if (id !== null) this.formProblem = undefined;
    await this.host.updateComplete;
    const opener = id === null ? this.options.replyButton(from!) : null;
    (opener ?? this.control('text')).focus();
  };

  readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.draft.parent !== null) {
      event.preventDefault();
      void this.reply(null);
    }
  };

  /**
   * The reader has started on the form (focus or typing): the backend gets ready to send
   * (a proof-of-work challenge is solved meanwhile), so Post does not wait for it.
   */
  readonly onStart = (): void => {
    this.options.backend()?.prepare?.();
  };

  /** `input` and `focusout` of the four fields. */
  readonly onField = (event: Event): void => {
    const el = event.target as HTMLInputElement;
    const field = el.name as CommentField;
    const value = el.value.trim();
    const input = event.type === 'input';
    if (!FIELDS.includes(field) || this.rendering) return;
    if (input) {
      this.onStart();
      this.update({ [field]: el.value });
      this.serverProblems = { ...this.serverProblems, [field]: undefined };
      if (field === 'text') {
        clearTimeout(this.counterTimer);
        this.counterTimer = setTimeout(() => this.count(), 800);
      }
    } else if (field === 'url' && value && !/^[a-z][a-z\d+.-]*:/i.test(value)) {
      // "anna.example" is what people type for a website; the servers want a full URL.
      this.update({ url: (el.value = `https://${value}`) });
    }
    // A problem shows once the field was left (or the form submitted), then follows the typing.
    if (!input || field in this.problems) this.problems = { ...this.problems, [field]: this.check(field) };
  };

  readonly onConsent = (event: Event): void => {
    const consent = (event.target as HTMLInputElement).checked;
    this.update({ consent });
    // Unticking means "forget me": now, not after the next comment.
    if (!consent) storeIdentity();
  };

  readonly onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    // The button is disabled while sending; this also stops a second submit that
    // arrives before the re-render (Enter twice, a double click).
    if (this.sending) return;
    this.formProblem = undefined;
    this.options.submitting();
    this.problems = Object.fromEntries(FIELDS.map((field) => [field, this.check(field)]));
    this.host.requestUpdate();
    const invalid = FIELDS.find((field) => this.problem(field));
    if (invalid) {
      await this.host.updateComplete;
      this.control(invalid).focus();
      return;
    }
    const draft = trimmed(this.draft);
    const fingerprint = fingerprintOf(draft);
    const attempt = this.draft.attempt?.fingerprint === fingerprint ? this.draft.attempt : { key: newKey(), fingerprint, uncertain: false };
    this.update({ attempt });
    const submit = new CommentBoxSubmitEvent(draft);
    this.host.dispatchEvent(submit);
    if (!submit.defaultPrevented) void this.send(draft, attempt, this.control('website2').value);
  };

  /** Clears every problem shown. */
  reset(): void {
    this.problems = {};
    this.serverProblems = {};
    this.formProblem = undefined;
  }

  private update(change: Partial<StoredDraft>): void {
    this.draft = { ...this.draft, ...change };
    storeDraft(this.article!, this.draft);
    this.host.requestUpdate();
  }

  private count(): void {
    const max = this.options.maxLength();
    const left = max - this.draft.text.trim().length;
    // Announced once a tenth of the limit (at least 10) is left.
    this.counter = left > Math.max(10, max * 0.1) ? undefined : left < 0 ? { key: 'textTooLong', n: -left } : { key: 'charsLeft', n: left };
    this.host.requestUpdate();
  }

  /** Runs the browser's constraint validation on one field, with our own checks and words. */
  private check(field: CommentField): Problem | undefined {
    const el = this.control(field);
    const value = el.value.trim();
    const over = field === 'text' ? value.length - this.options.maxLength() : 0;
    // Blank (spaces only, too) is missing; the browser takes "anna@localhost", comment
    // servers want a domain with a dot; a website is a web address.
    let key: CommentBoxMessageKey | undefined;
    if (over > 0) key = 'textTooLong';
    else if (!value) key = field === 'url' ? undefined : (`${field}Missing` as const);
    else if (!(field === 'email' ? /@[^@.\s]+(\.[^@.\s]+)+$/ : field === 'url' ? /^https?:\/\//i : /./).test(value)) key = REJECTED[field];
    const custom: Problem | undefined = key && { key, n: over > 0 ? over : undefined };
    el.setCustomValidity(custom ? this.options.say(custom) : '');
    return el.validity.valid ? undefined : custom || { key: REJECTED[field] };
  }

  private async send(draft: CommentDraft, attempt: Attempt, honeypot: string): Promise<void> {
    this.sending = true;
    this.host.requestUpdate();
    try {
      const result = await this.options.backend()!.post({ draft, idempotencyKey: attempt.key, honeypot, signal: new AbortController().signal });
      // Like WordPress's cookies, the identity is written when a comment is accepted; it
      // is removed only by unticking the box.
      const { consent, name, email, url } = { ...this.draft, ...trimmed(this.draft) };
      if (consent) storeIdentity({ name, email, url });
      this.settle(attempt);
      this.reset();
      this.options.posted(result);
    } catch (caught) {
      const error = CommentError.from(caught);
      if (error.reason === 'duplicate' && attempt.uncertain) {
        // A retry after a lost answer: the first attempt had arrived after all.
        this.settle(attempt);
        this.options.received();
      } else {
        if (this.draft.attempt?.key === attempt.key) this.update({ attempt: { ...attempt, uncertain: attempt.uncertain || error.uncertain } });
        this.failed(error);
      }
    }
    this.sending = false;
    this.host.requestUpdate();
  }

  /** Shows why a send failed; then focus goes to the field at fault, the closed notice, or the button. */
  private failed(error: CommentError): void {
    const problem = problemOf(error);
    const field = error.field ?? 'text';
    let focus = '[part=submit]';
    if (error.reason === 'closed') {
      this.options.closed();
      focus = '[part=notice]';
    } else if (error.reason === 'field' || error.reason === 'too-large') {
      this.serverProblems = { ...this.serverProblems, [field]: problem };
      focus = `#f-${field}`;
    } else {
      this.formProblem = problem;
    }
    this.options.failed(error);
    void this.host.updateComplete.then(() => this.host.renderRoot.querySelector<HTMLElement>(focus)?.focus());
  }

  /**
   * The server has the comment: the draft goes with it. Name, email and website stay in
   * the form for another comment; they are stored again only with the next draft (or
   * across visits with consent). Text typed while the comment was on its way is a new
   * draft, and kept.
   */
  private settle(attempt: Attempt): void {
    if (fingerprintOf(this.draft) === attempt.fingerprint) {
      storeDraft(this.article!);
      this.draft = { ...this.draft, text: '', parent: null, attempt: undefined };
    } else {
      this.update({ attempt: undefined });
    }
  }
}
