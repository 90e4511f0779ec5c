/** The comment form's markup: render functions over the form controller's state. */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { fill } from '../../internal/i18n.js';
import type { CommentField } from '../backend.js';
import type { Texts } from '../texts.js';
import { FIELDS } from './form-controller.js';
import type { CommentFormController } from './form-controller.js';

/** The inputs' maxlength: what comment servers store. */
const MAX_LENGTH = { name: 100, email: 254, url: 2000 };

export interface FormView {
  form: CommentFormController;
  texts: Texts;
  /** Longest comment accepted, in characters. */
  maxLength: number;
  /** The author's name of the comment being answered, when it is listed. */
  replyingTo?: string;
  /** The form heading's level. */
  level: number;
}

function renderTextarea({ form, texts, maxLength }: FormView, invalid: 'true' | 'false', describedBy: string | typeof nothing): TemplateResult {
  const length = form.draft.text.trim().length;
  return html`
    <textarea
      part="textarea"
      id="f-text"
      name="text"
      rows="5"
      required
      .value=${form.draft.text}
      aria-invalid=${invalid}
      aria-describedby=${describedBy}
    ></textarea>
    <p part="counter" class=${length > maxLength ? 'over' : ''} aria-hidden="true">${length} / ${maxLength}</p>
    <p class="sr-only" aria-live="polite">${form.counter ? texts.say(form.counter) : ''}</p>
  `;
}

function renderInput({ form, texts }: FormView, field: Exclude<CommentField, 'text'>, invalid: 'true' | 'false', describedBy: string | typeof nothing): TemplateResult {
  return html`
    <input
      part="input"
      id="f-${field}"
      name=${field}
      type=${field === 'name' ? 'text' : field}
      autocomplete=${field}
      maxlength=${MAX_LENGTH[field]}
      spellcheck=${field === 'name' ? 'true' : 'false'}
      ?required=${field !== 'url'}
      .value=${form.draft[field]}
      aria-invalid=${invalid}
      aria-describedby=${describedBy}
    />
    ${field === 'email' ? html`<p part="hint" id="email-note">${texts.t('emailNote')}</p>` : nothing}
  `;
}

function renderField(view: FormView, field: CommentField): TemplateResult {
  const { form, texts } = view;
  const problem = form.problem(field);
  const invalid = problem ? 'true' : 'false';
  const describedBy = `${field === 'email' ? 'email-note ' : ''}${problem ? `${field}-error` : ''}`.trim() || nothing;
  return html`
    <div part="field">
      <label part="label" for="f-${field}">
        ${texts.t(field)}${field === 'url' ? nothing : html`<span class="star" aria-hidden="true"> *</span>`}
      </label>
      ${field === 'text' ? renderTextarea(view, invalid, describedBy) : renderInput(view, field, invalid, describedBy)}
      ${problem ? html`<p part="field-error" id="${field}-error">${texts.say(problem)}</p>` : nothing}
    </div>
  `;
}

/** The form, in a wrapper of its own: it is placed under the comment being answered. */
export function renderForm(view: FormView): TemplateResult {
  const { form, texts, replyingTo } = view;
  const { draft, sending, formProblem } = form;
  const [before, after] = texts.t('required').split('{mark}');
  // The name is a reader's words: isolated (FSI … PDI, so the heading stays text), its
  // direction and bidi controls kept inside it.
  const heading = replyingTo === undefined ? texts.t('formHeading') : fill(texts.t('replyHeading'), { name: `\u2068${replyingTo}\u2069` });
  return html`
    <div>
      <form
        part="form"
        class=${draft.parent === null ? '' : 'reply'}
        novalidate
        aria-labelledby="form-heading"
        @submit=${form.onSubmit}
        @input=${form.onField}
        @focusin=${form.onStart}
        @focusout=${form.onField}
        @keydown=${form.onKeyDown}
      >
        <div part="form-heading" id="form-heading" role="heading" aria-level=${view.level}>${heading}</div>
        <p part="hint">
          ${before}<span aria-hidden="true">*</span><span class="sr-only">${texts.t('asterisk')}</span>${after}
        </p>
        ${FIELDS.map((field) => renderField(view, field))}
        <div class="hp" .inert=${true}>
          <label>${texts.t('honeypot')} <input name="website2" type="text" tabindex="-1" autocomplete="off" /></label>
        </div>
        <label part="consent">
          <input part="checkbox" type="checkbox" .checked=${draft.consent} @change=${form.onConsent} /> ${texts.t('consent')}
        </label>
        ${formProblem ? html`<p part="error" role="alert">${texts.say(formProblem)}</p>` : nothing}
        <div part="actions">
          <button part="submit" type="submit" ?disabled=${sending}>${texts.t(sending ? 'sending' : 'submit')}</button>
          ${draft.parent === null
            ? nothing
            : html`<button part="cancel-button" type="button" @click=${() => form.reply(null)}>${texts.t('cancel')}</button>`}
        </div>
      </form>
    </div>
  `;
}
