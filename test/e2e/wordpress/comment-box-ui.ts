/**
 * A reader's hands on <comment-box>: finds fields by their visible labels and buttons by
 * their text in the reader's language (from the element's own message tables), types with
 * the real keyboard and clicks with the real mouse, into the shadow tree.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse, resetMouse } from '@web/test-runner-commands';
import type { CommentBoxErrorEvent, CommentBoxLoadEvent, CommentBoxPostedEvent } from '../../../src/index.js';
import { messages } from '../../../src/comment-box/comment-box.messages.js';
import type { CommentBoxMessages } from '../../../src/comment-box/comment-box.messages.js';
import type { Lang } from '../../../src/internal/i18n.js';
import { fieldLabel, isShown, outcome, shadow, text, visibleFields } from './helpers.js';

export type Box = HTMLElement & { updateComplete?: Promise<unknown> };

/** The strings a reader of `lang` sees. */
export function t(lang: Lang): CommentBoxMessages {
  return messages[lang];
}

const explain = (e: CommentBoxErrorEvent) => `kind=${e.kind} status=${e.status} code=${e.code}`;

/** A fresh `<comment-box api="wordpress">` for `src`, resolved once its first page is shown. */
export async function commentBox(src: string, lang: Lang): Promise<{ box: Box; load: CommentBoxLoadEvent }> {
  const wrapper = await fixture<HTMLElement>(html`<section lang=${lang}><comment-box api="wordpress"></comment-box></section>`);
  const box = wrapper.querySelector('comment-box') as Box;
  const loaded = outcome<CommentBoxLoadEvent, CommentBoxErrorEvent>(box, 'comment-box-load', 'comment-box-error', explain);
  box.setAttribute('src', src);
  const load = await loaded;
  await box.updateComplete;
  return { box, load };
}

/** The form field whose label reads `label` (the required-field asterisk aside). */
export function field(box: Box, label: string): HTMLInputElement {
  const fields = visibleFields(shadow(box));
  const bare = (f: HTMLElement) => fieldLabel(f).replace(/\*/g, '').replace(/\s+/g, ' ').trim();
  const found = fields.find((f) => bare(f) === label) ?? fields.find((f) => bare(f).startsWith(label));
  if (!found) throw new Error(`no field labelled "${label}" among [${fields.map((f) => `"${bare(f)}"`).join(', ')}]`);
  return found;
}

/** The shown button reading `label` (by its text or its accessible name's start). */
export function button(within: ParentNode, label: string): HTMLButtonElement {
  const buttons = [...within.querySelectorAll('button')].filter(isShown);
  const found = buttons.find((b) => text(b) === label) ?? buttons.find((b) => (b.getAttribute('aria-label') ?? '').startsWith(label));
  if (!found) throw new Error(`no button "${label}" among [${buttons.map((b) => `"${text(b)}"`).join(', ')}]`);
  return found;
}

/** Clicks in the middle of `el` with the real mouse. */
export async function click(el: Element): Promise<void> {
  el.scrollIntoView({ block: 'center' });
  const r = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
  await resetMouse();
}

/** Types into a field as a reader does, replacing what was there. */
async function typeInto(input: HTMLInputElement, value: string): Promise<void> {
  input.focus();
  input.select();
  if (input.value) await sendKeys({ press: 'Backspace' });
  await sendKeys({ type: value });
}

export interface Reader {
  name: string;
  email: string;
  url?: string;
  text: string;
}

/** Fills the form the reader sees and sends it with the submit button. */
async function fillAndSubmit(box: Box, lang: Lang, reader: Reader): Promise<void> {
  const m = t(lang);
  await typeInto(field(box, m.name), reader.name);
  await typeInto(field(box, m.email), reader.email);
  if (reader.url) await typeInto(field(box, m.url), reader.url);
  const comment = field(box, m.text);
  await typeInto(comment, reader.text);
  if (comment.value !== reader.text) throw new Error(`typed "${reader.text}" but the field holds "${comment.value}"`);
  await click(button(shadow(box), m.submit));
}

/** Posts the form and resolves with `comment-box-posted`, failing on `comment-box-error`. */
export async function post(box: Box, lang: Lang, reader: Reader): Promise<CommentBoxPostedEvent> {
  const posted = outcome<CommentBoxPostedEvent, CommentBoxErrorEvent>(box, 'comment-box-posted', 'comment-box-error', explain);
  await fillAndSubmit(box, lang, reader);
  const event = await posted;
  await box.updateComplete;
  return event;
}

/** Posts the form and resolves with `comment-box-error`, failing if the comment is accepted. */
export async function postExpectingError(box: Box, lang: Lang, reader: Reader): Promise<CommentBoxErrorEvent> {
  const failed = outcome<CommentBoxErrorEvent, CommentBoxPostedEvent>(
    box, 'comment-box-error', 'comment-box-posted', (e) => `the comment was accepted (${e.status})`,
  );
  await fillAndSubmit(box, lang, reader);
  const event = await failed;
  await box.updateComplete;
  return event;
}

/** Every shown comment (`part="comment"`) whose body (`part="body"`) contains `commentText`. */
function commentsWith(box: Box, commentText: string): Element[] {
  return [...shadow(box).querySelectorAll('[part~="comment"]')].filter(
    (c) => isShown(c) && text(c.querySelector('[part~="body"]')).includes(commentText),
  );
}

/** The one shown comment (`part="comment"`) with this text, by this author (`part="author"`). */
export function comment(box: Box, commentText: string, author: string): Element {
  const found = commentsWith(box, commentText);
  if (found.length !== 1) throw new Error(`the comment "${commentText}" is shown ${found.length} times`);
  expect(text(found[0]!.querySelector('[part~="author"]')), `author of "${commentText}"`).to.equal(author);
  return found[0]!;
}

/** How many comments show `commentText`. */
export function occurrences(box: Box, commentText: string): number {
  return commentsWith(box, commentText).length;
}

/** Whether `reply` is listed among `parent`'s replies (`part="replies"` inside its `part="item"`). */
export function isReplyTo(reply: Element, parent: Element): boolean {
  const parentItem = parent.closest('[part~="item"]');
  return Boolean(parentItem) && reply.closest('[part~="replies"]')?.closest('[part~="item"]') === parentItem;
}

/** Where a comment's text starts on screen: replies are indented under their parent. */
export function indent(comment: Element): number {
  return comment.querySelector('[part~="body"]')!.getBoundingClientRect().left;
}

/** Whether `a` comes before `b` in the shadow tree's document order. */
export function precedes(a: Element, b: Element): boolean {
  return Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
}
