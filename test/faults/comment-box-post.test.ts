import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { CommentBoxElement } from '../../src/comment-box/comment-box.js';
import { messages } from '../../src/comment-box/comment-box.messages.js';
import type { CommentBoxErrorEvent, CommentBoxPostedEvent } from '../../src/internal/events.js';
import { type } from '../comment-box/helpers.js';
import { partOf, problems, setOnline, textOf, uid, watchPage } from './helpers.js';

/**
 * Posting through every failure the network can produce, against the reference comments
 * server (test/servers/comments.mjs): the draft survives, the reader is told, and the
 * server ends up with exactly one comment.
 */
const lv = messages.lv;
/** The timeout of the test that needs one to pass; the others have room for a slow machine. */
const TIMEOUT = 400;

type Outcome = CommentBoxPostedEvent | CommentBoxErrorEvent;

async function mountBox(article: string, host?: HTMLElement, timeout = 4000): Promise<CommentBoxElement> {
  const wrapper = host ?? (await fixture<HTMLDivElement>(html`<div lang="lv"></div>`));
  const box = document.createElement('comment-box') as CommentBoxElement;
  box.setAttribute('src', `/api/articles/${article}/comments`);
  box.setAttribute('timeout', String(timeout));
  const loaded = oneEvent(box, 'comment-box-load');
  wrapper.append(box);
  await loaded;
  await box.updateComplete;
  return box;
}

const field = (box: CommentBoxElement, name: string) =>
  box.shadowRoot!.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[part~="form"] [name="${name}"]`)!;

async function fillForm(box: CommentBoxElement): Promise<string> {
  const text = `Paldies par rakstu! ${uid()}`;
  await type(box, 'name', 'Anna Bērziņa');
  await type(box, 'email', 'anna@example.org');
  await type(box, 'text', text);
  return text;
}

function outcome(box: CommentBoxElement): Promise<Outcome> {
  return Promise.race([oneEvent(box, 'comment-box-posted'), oneEvent(box, 'comment-box-error')]) as unknown as Promise<Outcome>;
}

async function submit(box: CommentBoxElement): Promise<Outcome> {
  const next = outcome(box);
  partOf(box, 'submit')!.click();
  const event = await next;
  await box.updateComplete;
  return event;
}

const control = (route: string, body: unknown) =>
  fetch(`/__comments/${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** The next POSTs of the article fail as planned (test/servers/comments.mjs, applyFault). */
async function plan(article: string, mode: string, { ms, times }: { ms?: number; times?: number } = {}): Promise<void> {
  await control('faults', { article, faults: [{ method: 'POST', mode, ms, times }] });
}

/** Drops what is left of the article's planned faults. */
async function recover(article: string): Promise<void> {
  await control('recover', { article });
}

/** Comments stored for the article, and the POSTs it received. */
async function stored(article: string): Promise<{ total: number; posts: number }> {
  const { total } = await (await fetch(`/__comments/count?article=${article}`)).json();
  const { requests } = await (await fetch(`/__comments/log?article=${article}`)).json();
  return { total, posts: requests.filter((r: { method: string }) => r.method === 'POST').length };
}

/** The form's failure message, the live region's announcement. */
const formError = (box: CommentBoxElement) => textOf(box.shadowRoot!.querySelector('[part~="form"] [part~="error"]'));
const announced = (box: CommentBoxElement) => textOf(partOf(box, 'status'));

/** After a failure: the typed text is still in the form, and the reader was told it is kept. */
function expectDraftKept(box: CommentBoxElement, text: string, message: string): void {
  expect(field(box, 'text').value).to.equal(text);
  expect(field(box, 'name').value).to.equal('Anna Bērziņa');
  expect(formError(box)).to.contain(message).and.to.contain(lv.kept);
}

/** After the final success: one comment stored, the form emptied, the reader told. */
async function expectPostedOnce(box: CommentBoxElement, article: string, event: Outcome): Promise<void> {
  expect(event.type, `the retry failed: ${(event as CommentBoxErrorEvent).kind}`).to.equal('comment-box-posted');
  expect((await stored(article)).total).to.equal(1);
  expect(field(box, 'text').value).to.equal('');
  expect([lv.posted, lv.received, lv.pending]).to.include(announced(box));
}

describe('<comment-box> posting through faults', () => {
  before(() => watchPage());
  afterEach(() => expect(problems).to.deep.equal([]));

  it('keeps the draft through a 500, also across a reload, and stores the retry once', async () => {
    const article = uid('a');
    const box = await mountBox(article);
    const text = await fillForm(box);
    await plan(article, '500');
    const failed = (await submit(box)) as CommentBoxErrorEvent;
    expect(failed.kind).to.equal('http');
    expect(failed.status).to.equal(500);
    expectDraftKept(box, text, lv.server);
    expect((await stored(article)).total).to.equal(0);

    // The draft is in the session too: a reload (a new element) finds it.
    const wrapper = box.parentElement!;
    box.remove();
    const again = await mountBox(article, wrapper);
    expect(field(again, 'text').value).to.equal(text);
    await expectPostedOnce(again, article, await submit(again));
  });

  it('does not store a comment twice when the answer came after the timeout', async function () {
    this.timeout(6000);
    const article = uid('a');
    const box = await mountBox(article, undefined, TIMEOUT);
    const text = await fillForm(box);
    await plan(article, 'store-then-stall', { ms: TIMEOUT * 3 });
    const failed = (await submit(box)) as CommentBoxErrorEvent;
    expect(failed.type, `the answer came ${TIMEOUT * 3} ms later and was waited for: the timeout="${TIMEOUT}" attribute is ignored`).to.equal('comment-box-error');
    expect(failed.kind).to.equal('timeout');
    expectDraftKept(box, text, lv.timeout);
    expect((await stored(article)).total, 'the server did store it').to.equal(1);
    await expectPostedOnce(box, article, await submit(box));
  });

  it('does not store a comment twice when the connection broke after it was stored', async () => {
    const article = uid('a');
    const box = await mountBox(article);
    const text = await fillForm(box);
    await plan(article, 'drop-after-store');
    const failed = (await submit(box)) as CommentBoxErrorEvent;
    expect(failed.type).to.equal('comment-box-error');
    expect(failed.kind).to.equal('network');
    expectDraftKept(box, text, lv.network);
    expect((await stored(article)).total).to.equal(1);
    await expectPostedOnce(box, article, await submit(box));
  });

  it('keeps the draft while offline and stores it once back online', async () => {
    const article = uid('a');
    const box = await mountBox(article);
    const text = await fillForm(box);
    // Unreachable until recovered: the browser resends a request whose connection closed
    // before any answer once, on its own.
    await plan(article, 'refuse', { times: 10 });
    setOnline(false);
    try {
      const failed = (await submit(box)) as CommentBoxErrorEvent;
      expect(failed.kind).to.equal('network');
      expectDraftKept(box, text, lv.offline);
    } finally {
      setOnline(true);
      await recover(article);
    }
    expect((await stored(article)).total).to.equal(0);
    await expectPostedOnce(box, article, await submit(box));
  });

  it('stores one comment when Post is pressed twice', async () => {
    const article = uid('a');
    const box = await mountBox(article);
    await fillForm(box);
    await plan(article, 'delay', { ms: 300 });
    const next = outcome(box);
    const button = partOf(box, 'submit') as HTMLButtonElement;
    button.click();
    button.click();
    box.shadowRoot!.querySelector<HTMLFormElement>('[part~="form"]')!.requestSubmit();
    await box.updateComplete;
    expect(button.disabled, 'Post is disabled while sending').to.equal(true);
    const event = await next;
    await box.updateComplete;
    await expectPostedOnce(box, article, event);
    expect((await stored(article)).posts).to.equal(1);
  });

  it('keeps the draft when the page is reloaded mid-send, and the resend stores nothing new', async () => {
    const article = uid('a');
    const first = await mountBox(article);
    const text = await fillForm(first);
    await plan(article, 'delay', { ms: 600 });
    const sent = oneEvent(first, 'comment-box-posted');
    partOf(first, 'submit')!.click();
    await first.updateComplete;
    // "Reload": the element goes and a new one comes while the POST is on its way.
    const wrapper = first.parentElement!;
    first.remove();
    const second = await mountBox(article, wrapper);
    expect(field(second, 'text').value).to.equal(text);
    await sent;
    expect((await stored(article)).total).to.equal(1);
    // The reader, not knowing, sends again: the same idempotency key, so nothing new.
    await expectPostedOnce(second, article, await submit(second));
  });
});
