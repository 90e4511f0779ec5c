/** The list section's markup around the threads: loading, failure, "Show more comments", the form's place. */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { CommentData } from '../../internal/data.js';
import type { CommentPage } from '../backend.js';
import { problemOf } from '../problems.js';
import type { Texts } from '../texts.js';
import type { Arranged, NextPageState } from './list-controller.js';
import type { ReportController } from './report-controller.js';
import { nameOf, threadList } from './thread-list.js';

const isAbort = (error: unknown) => (error as Error | undefined)?.name === 'AbortError';

export interface ListView {
  pages: CommentPage[];
  shown: Arranged;
  next: NextPageState;
  /** Whether the article takes comments (the form is shown). */
  open: boolean;
  /** The comment the form answers, or null. */
  parent: string | null;
  /** Whether "Comments are closed" is said when the form is not shown. */
  notice: boolean;
  maxDepth: number;
  baseUrl?: string;
  /** What else the words depend on (see ThreadListView). */
  wording: readonly unknown[];
  texts: Texts;
  /** The form, answering the comment by `replyingTo` when given. */
  form(replyingTo?: string): TemplateResult;
  reply(id: string): void;
  /** Threads whose replies go on, and "Show more replies". */
  replies: ReadonlyMap<string, NextPageState>;
  moreReplies(id: string): void;
  /** Reporting, when the backend can report comments. */
  report?: ReportController;
  /** "Show more comments". */
  more(): void;
}

/** The placeholder while the first page loads, or why it failed with Retry. */
export function renderLoadState(error: unknown, texts: Texts, retry: () => void): TemplateResult {
  if (error === undefined) {
    const lines = html`<div class="sk"><span></span><span></span><span></span></div>`;
    return html`
      <div part="skeleton" aria-hidden="true">${lines}${lines}${lines}</div>
      <p class="sr-only">${texts.t('loading')}</p>
    `;
  }
  const problem = isAbort(error) ? undefined : problemOf(error);
  return html`
    <div part="error" class="load-error">
      <p>${texts.t('loadError')} ${problem?.kept ? texts.t(problem.key) : nothing}</p>
      <button part="retry-button" type="button" @click=${retry}>${texts.t('retry')}</button>
    </div>
  `;
}

function renderMore({ next, texts, more }: ListView): TemplateResult {
  const busy = next === 'loading';
  const failed = next === 'failed';
  return html`
    ${failed ? html`<p part="error">${texts.t('loadMoreError')}</p>` : nothing}
    <button part="load-more" type="button" ?disabled=${busy} aria-busy=${busy ? 'true' : 'false'} @click=${more}>${texts.t(busy ? 'loading' : failed ? 'retry' : 'loadMore')}</button>
  `;
}

/** The threads, "Show more comments", and the form or the closed notice. */
export function renderList(view: ListView): TemplateResult {
  const { pages, shown, open, parent, texts } = view;
  const target: CommentData | undefined = parent === null ? undefined : shown.comments.find((c) => c.id === parent);
  const form = open ? view.form(target && nameOf(target, texts)) : nothing;
  const threads = threadList(
    { threads: shown.threads, maxDepth: view.maxDepth, open, parent, baseUrl: view.baseUrl, wording: view.wording, texts, reply: view.reply, replies: view.replies, moreReplies: view.moreReplies, report: view.report, reportState: view.report?.state },
    target ? form : nothing,
  );
  const notice = html`<p part="notice" tabindex="-1"><slot name="closed">${texts.t('closed')}</slot></p>`;
  return html`
    ${threads}
    ${pages.at(-1)!.next || shown.firstHidden ? renderMore(view) : nothing}
    ${open ? (target ? nothing : form) : view.notice ? notice : nothing}
  `;
}
