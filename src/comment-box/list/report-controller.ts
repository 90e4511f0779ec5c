/**
 * Reporting a comment to the moderators (protocol v1.1, the EU's notice and action): which
 * comment's report form is open, its sending and its problem, and which comments this
 * reader has reported. Only for a backend that can report (`CommentBackend.report`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CommentBackend, CommentReportReason } from '../backend.js';
import { CommentError } from '../comment-error.js';
import { problemOf } from '../problems.js';
import type { Problem } from '../problems.js';

export const REPORT_REASONS: readonly CommentReportReason[] = ['spam', 'harassment', 'illegal', 'other'];

/** One value for the list to compare: a new object on every change. */
export interface ReportState {
  /** The comment whose report form is open, or null. */
  open: string | null;
  sending: boolean;
  problem?: Problem;
  reported: ReadonlySet<string>;
}

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export class ReportController implements ReactiveController {
  state: ReportState = { open: null, sending: false, reported: new Set() };
  private request?: AbortController;

  constructor(
    private readonly host: Host,
    private readonly backend: () => CommentBackend | undefined,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.request?.abort();
  }

  /** Opens comment `id`'s report form (focus on its reason), or closes it (`null`: focus back on its Report button). */
  readonly toggle = async (id: string | null): Promise<void> => {
    const from = this.state.open;
    this.request?.abort();
    this.set({ open: id, sending: false, problem: undefined });
    await this.host.updateComplete;
    const target = id === null ? `[part=report-button][data-report="${CSS.escape(from ?? '')}"]` : '[part=report-reason]';
    this.host.renderRoot.querySelector<HTMLElement>(target)?.focus();
  };

  readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      void this.toggle(null);
    }
  };

  readonly onSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const id = this.state.open;
    const backend = this.backend();
    if (id === null || !backend?.report || this.state.sending) return;
    const form = event.currentTarget as HTMLFormElement;
    const reason = (form.elements.namedItem('reason') as HTMLSelectElement).value as CommentReportReason;
    const contactInput = form.elements.namedItem('contact') as HTMLInputElement;
    const contact = contactInput.value.trim();
    if (contact && !/^[^@\s]+@[^@.\s]+(\.[^@.\s]+)+$/.test(contact)) {
      this.set({ problem: { key: 'emailInvalid' } });
      contactInput.focus();
      return;
    }
    const request = (this.request = new AbortController());
    this.set({ sending: true, problem: undefined });
    try {
      await backend.report({ id, reason, contact, signal: request.signal });
      if (request !== this.request) return;
      this.set({ open: null, sending: false, reported: new Set([...this.state.reported, id]) });
      await this.host.updateComplete;
      this.host.renderRoot.querySelector<HTMLElement>(`[data-reported="${CSS.escape(id)}"]`)?.focus();
    } catch (caught) {
      if (request !== this.request || (caught as Error | undefined)?.name === 'AbortError') return;
      const error = CommentError.from(caught);
      const problem: Problem = error.code === 'not_found' ? { key: 'reportGone' } : error.code === 'invalid_field' ? { key: 'emailInvalid' } : { ...problemOf(error), kept: false };
      this.set({ sending: false, problem });
    }
  };

  private set(change: Partial<ReportState>): void {
    this.state = { ...this.state, ...change };
    this.host.requestUpdate();
  }
}
