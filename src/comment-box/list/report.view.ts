/** A comment's Report control: the button, the small form that confirms it, the "reported" note. */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { CommentBoxMessageKey } from '../comment-box.messages.js';
import type { Texts } from '../texts.js';
import { REPORT_REASONS } from './report-controller.js';
import type { ReportController } from './report-controller.js';

const REASON_KEYS = { spam: 'reportSpam', harassment: 'reportHarassment', illegal: 'reportIllegal', other: 'reportOther' } as const satisfies Record<string, CommentBoxMessageKey>;

/** The Report button of comment `id` (described by its author, `a-<domId>`), or its state. */
export function renderReportButton(id: string, dom: string, report: ReportController, texts: Texts): TemplateResult | typeof nothing {
  const { open, reported } = report.state;
  if (reported.has(id)) return html`<p part="reported" tabindex="-1" data-reported=${id}>${texts.t('reported')}</p>`;
  return html`<button
    part="report-button"
    type="button"
    data-report=${id}
    aria-describedby="a-${dom}"
    aria-expanded=${open === id ? 'true' : 'false'}
    @click=${() => void report.toggle(open === id ? null : id)}
  >
    ${texts.t('report')}
  </button>`;
}

/** The report form under comment `id`, when it is open. */
export function renderReportForm(id: string, dom: string, report: ReportController, texts: Texts): TemplateResult | typeof nothing {
  const { open, sending, problem } = report.state;
  if (open !== id) return nothing;
  return html`
    <form part="report-form" class="report" aria-labelledby="rh-${dom}" novalidate @submit=${report.onSubmit} @keydown=${report.onKeyDown}>
      <p id="rh-${dom}" class="report-heading">${texts.t('reportHeading')}</p>
      <label part="label" for="rr-${dom}">${texts.t('reportReason')}</label>
      <select part="report-reason" id="rr-${dom}" name="reason">
        ${REPORT_REASONS.map((reason) => html`<option value=${reason}>${texts.t(REASON_KEYS[reason])}</option>`)}
      </select>
      <label part="label" for="rc-${dom}">${texts.t('reportContact')}</label>
      <input part="input" id="rc-${dom}" name="contact" type="email" autocomplete="email" maxlength="254" />
      ${problem ? html`<p part="error" role="alert">${texts.say(problem)}</p>` : nothing}
      <div part="actions">
        <button part="report-submit" type="submit" ?disabled=${sending}>${texts.t(sending ? 'reportSending' : 'reportSend')}</button>
        <button part="report-cancel" type="button" @click=${() => void report.toggle(null)}>${texts.t('cancel')}</button>
      </div>
    </form>
  `;
}
