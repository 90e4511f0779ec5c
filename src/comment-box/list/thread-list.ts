/**
 * The threaded list of comments as a Lit directive that owns its render isolation: it
 * renders the threads again only when what they show changed, never while the reader
 * types (BENCHMARKS.md: a keystroke must not re-render 1,000 comments). The form, when it
 * sits under the comment being answered, is the one part of the list that follows every
 * render: it is handed to a slot of its own.
 */
import { html, noChange, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { Directive, directive } from 'lit/directive.js';
import type { Part } from 'lit/directive.js';
import { AsyncDirective } from 'lit/async-directive.js';
import { formatDate } from '../../internal/i18n.js';
import { sanitizedHtml } from '../../internal/sanitized-html.js';
import type { CommentData } from '../../internal/data.js';
import { authorUrl } from '../backends/parse.js';
import { linkify } from '../linkify.js';
import type { ReportController, ReportState } from './report-controller.js';
import { renderReportButton, renderReportForm } from './report.view.js';
import type { Texts } from '../texts.js';
import { flatten } from '../threads.js';
import type { ThreadNode } from '../threads.js';

export interface ThreadListView {
  threads: readonly ThreadNode[];
  /** Levels of replies shown indented. */
  maxDepth: number;
  /** Whether comments can be answered (Reply buttons). */
  open: boolean;
  /** The comment the form is under, or null. */
  parent: string | null;
  /** Relative links in HTML bodies resolve against it. */
  baseUrl?: string;
  /** What else the words depend on: the language, the `messages` property, the labels' version. */
  wording: readonly unknown[];
  texts: Texts;
  reply(id: string): void;
  /** Threads whose replies go on: the next part's state. */
  replies: ReadonlyMap<string, 'idle' | 'loading' | 'failed'>;
  /** "Show more replies" of thread `id`. */
  moreReplies(id: string): void;
  /** Reporting, when the backend can report comments. */
  report?: ReportController;
  /** Its state, for knowing when to render again. */
  reportState?: ReportState;
}

/** Comment ids are the server's strings: made safe for `id` attributes and selectors. */
export const domId = (id: string): string => id.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`);

/** A comment's author as shown. */
export const nameOf = (comment: CommentData, texts: Texts): string => comment.author.name.trim() || texts.t('anonymous');

/** Georgian script has no capitals in use: upper-casing gives Mtavruli, which few fonts have. */
const GEORGIAN = /[\u10d0-\u10ff]/;
const initials = (name: string) =>
  name
    .trim()
    .split(/\s+/)
    .slice(0, 2)
    .map(([first = '']) => (GEORGIAN.test(first) ? first : first.toLocaleUpperCase()))
    .join('');

/** Where the form goes in the list: a part the list directive updates on its own. */
interface FormChannel {
  show?: (form: unknown) => void;
}

class FormSlotDirective extends AsyncDirective {
  render(_channel: FormChannel, form: unknown): unknown {
    return form;
  }

  override update(_part: Part, [channel, form]: [FormChannel, unknown]): unknown {
    channel.show = (next) => this.setValue(next);
    return form;
  }
}

const formSlot = directive(FormSlotDirective);

function renderComment(comment: CommentData, canReply: boolean, view: ThreadListView): TemplateResult {
  const { texts } = view;
  const id = domId(comment.id);
  const name = nameOf(comment, texts);
  const url = authorUrl(comment.author.url);
  const date = new Date(comment.date);
  const pending = comment.status === 'pending';
  const author = url
    ? html`<a part="author" id="a-${id}" dir="auto" href=${url} rel="nofollow ugc noopener noreferrer" referrerpolicy="no-referrer">${name}</a>`
    : html`<span part="author" id="a-${id}" dir="auto">${name}</span>`;
  const time = isNaN(+date) ? nothing : html`<time part="date" datetime=${date.toISOString()}>${formatDate(date, texts.lang, { time: true })}</time>`;
  const body = comment.html ? sanitizedHtml(comment.text, 'comment', view.baseUrl) : linkify(comment.text);
  return html`
    <article part="comment" id="c-${id}" class=${pending ? 'pending' : ''} tabindex="-1" aria-labelledby="a-${id}">
      <header part="meta"><span part="avatar" aria-hidden="true">${initials(name)}</span>${author}${time}</header>
      ${pending ? html`<p part="moderation">${texts.t('pending')}</p>` : nothing}
      <div part="body" dir="auto" class=${comment.html ? 'html' : 'text'}>${body}</div>
      <div class="tools">
        ${canReply && !pending
          ? html`<button part="reply-button" type="button" aria-describedby="a-${id}" @click=${() => view.reply(comment.id)}>${texts.t('reply')}</button>`
          : nothing}
        ${view.report && !pending ? renderReportButton(comment.id, id, view.report, texts) : nothing}
      </div>
      ${view.report ? renderReportForm(comment.id, id, view.report, texts) : nothing}
    </article>
  `;
}

/** "Show more replies" under a thread whose replies go on past its page. */
function renderMoreReplies(id: string, { replies, texts, moreReplies }: ThreadListView): TemplateResult {
  const state = replies.get(id);
  const busy = state === 'loading';
  return html`
    ${state === 'failed' ? html`<p part="error">${texts.t('moreRepliesError')}</p>` : nothing}
    <button part="more-replies" type="button" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'} aria-describedby="a-${domId(id)}" @click=${() => moreReplies(id)}>
      ${texts.t(busy ? 'loading' : state === 'failed' ? 'retry' : 'moreReplies')}
    </button>
  `;
}

function renderThreads(nodes: readonly ThreadNode[], depth: number, view: ThreadListView, slot: unknown): TemplateResult {
  const indent = depth < view.maxDepth;
  // At the deepest level, replies to replies line up instead of indenting further.
  return html`
    <ol part=${depth > 1 ? 'replies' : 'list'} class="list" role="list">
      ${(indent ? nodes : flatten(nodes)).map(
        ({ comment, children }) => html`
          <li part="item">
            ${renderComment(comment, indent && view.open, view)}
            ${view.open && comment.id === view.parent ? slot : nothing}
            ${indent && children.length ? renderThreads(children, depth + 1, view, slot) : nothing}
            ${depth === 1 && view.replies.has(comment.id) ? renderMoreReplies(comment.id, view) : nothing}
          </li>
        `,
      )}
    </ol>
  `;
}

const same = (a: ThreadListView, b: ThreadListView) =>
  a.threads === b.threads &&
  a.maxDepth === b.maxDepth &&
  a.open === b.open &&
  a.parent === b.parent &&
  a.baseUrl === b.baseUrl &&
  a.replies === b.replies &&
  a.report === b.report &&
  a.reportState === b.reportState &&
  a.wording.length === b.wording.length &&
  a.wording.every((value, i) => value === b.wording[i]);

class ThreadListDirective extends Directive {
  private last?: ThreadListView;
  private readonly channel: FormChannel = {};

  render(view: ThreadListView, form: unknown): TemplateResult {
    this.channel.show = undefined;
    return view.threads.length
      ? renderThreads(view.threads, 1, view, formSlot(this.channel, form))
      : html`<p part="empty"><slot name="empty">${view.texts.t('empty')}</slot></p>`;
  }

  override update(_part: Part, [view, form]: [ThreadListView, unknown]): unknown {
    if (this.last && same(this.last, view)) {
      this.channel.show?.(form);
      return noChange;
    }
    this.last = view;
    return this.render(view, form);
  }
}

/**
 * The threads of `view`, and `form` under the comment `view.parent` (`nothing` when the
 * form is elsewhere).
 */
export const threadList = directive(ThreadListDirective);
