import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { LapaBackend } from '../../src/comment-box/comment-box.js';
import type { CommentBoxErrorEvent, CommentBoxPostedEvent, CommentBoxSubmitEvent } from '../../src/internal/events.js';
import {
  activeElement,
  advanceClock,
  articleId,
  clearStorage,
  closeArticle,
  control,
  fill,
  mount,
  part,
  parts,
  planFaults,
  remount,
  requestLog,
  seed,
  srcFor,
  storedCount,
  submit,
  submitButton,
  text,
} from './helpers.js';

const posts = async (article: string) => (await requestLog(article)).requests.filter((r) => r.method === 'POST');

describe('comment-box: posting (our protocol)', () => {
  beforeEach(clearStorage);

  it('an approved comment appears in place, the count goes up, the result is announced and focused', async () => {
    const article = articleId();
    await seed(article, [{ text: 'Earlier' }]);
    const el = await mount({ src: srcFor(article) });
    await fill(el, { name: 'Anna', text: 'Line one\nline two' });
    const event = (await submit(el)) as CommentBoxPostedEvent;
    expect(event.type).to.equal('comment-box-posted');
    expect(event.status).to.equal('approved');
    expect(event.comment.text).to.equal('Line one\nline two');
    expect(parts(el, 'body').map((b) => b.textContent)).to.deep.equal(['Earlier', 'Line one\nline two']);
    expect(text(part(el, 'heading'))).to.equal('2 comments');
    expect(text(part(el, 'status'))).to.equal('Your comment has been published.');
    expect(part(el, 'status')!.getAttribute('role')).to.equal('status');
    expect(activeElement(el)).to.equal(parts(el, 'comment')[1]);
    expect(control(el, 'text').value).to.equal('');
    expect(control(el, 'name').value).to.equal('Anna');
    expect(await storedCount(article)).to.deep.equal({ total: 1 + 1, approved: 2, pending: 0 });
    const [request] = await posts(article);
    expect(request!.contentType).to.equal('application/json');
    expect(request!.idempotencyKey).to.match(/^[\w-]{16,}$/);
  });

  it('with order="newest" a new thread appears first', async () => {
    const article = articleId();
    await seed(article, [{ text: 'Earlier' }]);
    const el = await mount({ src: srcFor(article), order: 'newest' });
    await fill(el, { text: 'Newest' });
    await submit(el);
    expect(parts(el, 'body').map(text)).to.deep.equal(['Newest', 'Earlier']);
  });

  it('a held comment is shown to its author as awaiting moderation, kept across a reload, not counted', async () => {
    const article = articleId('held');
    const el = await mount({ src: srcFor(article), lang: 'lv' });
    await fill(el, { text: 'Gaidu apstiprinājumu' });
    const event = (await submit(el)) as CommentBoxPostedEvent;
    expect(event.status).to.equal('pending');
    const comment = parts(el, 'comment')[0]!;
    expect(text(part(el, 'moderation', comment))).to.equal('Jūsu komentārs gaida moderatora apstiprinājumu.');
    expect(part(el, 'reply-button', comment)).to.equal(null);
    expect(text(part(el, 'status'))).to.equal('Jūsu komentārs gaida moderatora apstiprinājumu.');
    expect(text(part(el, 'heading'))).to.equal('0 komentāru');
    expect(await storedCount(article)).to.deep.equal({ total: 1, approved: 0, pending: 1 });
    await expect(el).to.be.accessible();

    const again = await remount(el);
    expect(parts(again, 'body').map(text)).to.deep.equal(['Gaidu apstiprinājumu']);
    expect(part(again, 'moderation')).to.exist;
  });

  it('a double click sends one comment: the button is disabled while sending', async () => {
    const article = articleId();
    await planFaults(article, [{ method: 'POST', mode: 'delay', ms: 400 }]);
    const el = await mount({ src: srcFor(article) });
    await fill(el);
    const posted = oneEvent(el, 'comment-box-posted');
    const button = submitButton(el);
    button.click();
    button.click();
    await el.updateComplete;
    expect(button.disabled).to.equal(true);
    expect(text(button)).to.equal('Sending…');
    part<HTMLFormElement>(el, 'form')!.requestSubmit();
    await posted;
    await el.updateComplete;
    expect(submitButton(el).disabled).to.equal(false);
    expect(await posts(article)).to.have.length(1);
    expect((await storedCount(article)).total).to.equal(1);
  });

  it('fires comment-box-submit synchronously before sending; cancelling it sends nothing and keeps the draft', async () => {
    const article = articleId();
    const el = await mount({ src: srcFor(article) });
    await fill(el, { name: 'Ilze', email: 'ilze@example.org', url: 'https://ilze.example.org', text: 'Held back' });
    let seen: CommentBoxSubmitEvent | undefined;
    el.addEventListener('comment-box-submit', (event) => {
      seen = event;
      event.preventDefault();
    }, { once: true });
    submitButton(el).click();
    expect(seen!.draft).to.deep.equal({ name: 'Ilze', email: 'ilze@example.org', url: 'https://ilze.example.org', text: 'Held back', parent: null });
    expect(seen!.cancelable && seen!.composed).to.equal(true);
    await el.updateComplete;
    expect(submitButton(el).disabled).to.equal(false);
    expect(control(el, 'text').value).to.equal('Held back');
    expect(await posts(article)).to.have.length(0);
  });

  it('a retry after a lost answer stores nothing twice: same Idempotency-Key, one comment', async () => {
    const article = articleId();
    // Stored, then the connection breaks in the middle of the answer.
    await planFaults(article, [{ method: 'POST', mode: 'drop-after-store' }]);
    const el = await mount({ src: srcFor(article) });
    await fill(el, { text: 'Only once' });
    const failed = (await submit(el)) as CommentBoxErrorEvent;
    expect(failed.kind).to.equal('network');
    expect(text(part(el, 'error'))).to.equal('The server could not be reached. Your comment is kept here, send it again.');
    expect(control(el, 'text').value).to.equal('Only once');
    expect((await storedCount(article)).total).to.equal(1);

    const posted = (await submit(el)) as CommentBoxPostedEvent;
    expect(posted.status).to.equal('approved');
    expect(parts(el, 'body').map(text)).to.deep.equal(['Only once']);
    expect((await storedCount(article)).total).to.equal(1);
    const keys = new Set((await posts(article)).map((r) => r.idempotencyKey));
    expect(keys.size).to.equal(1);
  });

  it('a server error keeps the comment for another try, which succeeds', async () => {
    const article = articleId();
    await planFaults(article, [{ method: 'POST', mode: '500' }]);
    const el = await mount({ src: srcFor(article), lang: 'sv' });
    await fill(el, { text: 'Andra försöket' });
    const failed = (await submit(el)) as CommentBoxErrorEvent;
    expect([failed.kind, failed.status, failed.code]).to.deep.equal(['http', 500, 'server_error']);
    const error = part(el, 'error')!;
    expect(text(error)).to.equal('Något gick fel på servern. Din kommentar finns kvar här, skicka den igen.');
    expect(error.getAttribute('role')).to.equal('alert');
    await waitUntil(() => activeElement(el) === submitButton(el), 'focus back on the button');
    await submit(el);
    expect(parts(el, 'body').map(text)).to.deep.equal(['Andra försöket']);
    expect(part(el, 'error')).to.equal(null);
  });

  it('says "already posted" when the same text comes again as a new comment', async () => {
    const article = articleId();
    const el = await mount({ src: srcFor(article) });
    await fill(el, { text: 'Say it once' });
    await submit(el);
    await fill(el, { text: 'Say it once' });
    const event = (await submit(el)) as CommentBoxErrorEvent;
    expect([event.kind, event.status, event.code]).to.deep.equal(['rejected', 409, 'duplicate']);
    expect(text(part(el, 'error'))).to.equal('You have already posted this comment.');
    expect((await storedCount(article)).total).to.equal(1);
  });

  it('when rate limited, says when to try again (Retry-After), in the reader’s language', async () => {
    await fetch('/__comments/reset?instance=limited', { method: 'POST' });
    const article = articleId('limited');
    const el = await mount({ src: srcFor(article), lang: 'lv' });
    await fill(el);
    await submit(el);
    await fill(el);
    const event = (await submit(el)) as CommentBoxErrorEvent;
    expect([event.status, event.code]).to.deep.equal([429, 'too_fast']);
    expect(text(part(el, 'error'))).to.match(/^Jūs komentējat pārāk ātri\. Mēģiniet vēlreiz pēc (60|59) s\.$/);
  });

  it('shows a field the server refused on that field, and focuses it', async () => {
    const article = articleId();
    // The element allows more than the reference server's 5000 characters.
    const el = await mount({ src: srcFor(article), maxlength: '6000' });
    await fill(el, { text: 'x'.repeat(5001) });
    const event = (await submit(el)) as CommentBoxErrorEvent;
    expect(event.code).to.equal('invalid_field');
    expect(text(el.shadowRoot!.querySelector('#text-error'))).to.equal('The site did not accept this text.');
    expect(control(el, 'text').getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => activeElement(el) === control(el, 'text'), 'focus on the refused field');
    expect(part(el, 'error')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('when the article closed after the form was shown: the notice replaces the form, the draft is kept', async () => {
    const article = articleId();
    const el = await mount({ src: srcFor(article) });
    await closeArticle(article);
    await fill(el, { text: 'Too late' });
    const event = (await submit(el)) as CommentBoxErrorEvent;
    expect([event.kind, event.status, event.code]).to.deep.equal(['closed', 403, 'closed']);
    expect(part(el, 'form')).to.equal(null);
    expect(text(part(el, 'notice'))).to.equal('Comments are closed.');
    await waitUntil(() => activeElement(el) === part(el, 'notice'), 'focus on the notice');
    expect(JSON.stringify({ ...sessionStorage })).to.contain('Too late');
  });

  it('a quick reader is not blocked by the minimum time: the comment is sent again once it has passed', async () => {
    const article = articleId('slow');
    // The backend's pause runs on the server's clock: moved on by what it waits.
    const waits: number[] = [];
    const wait = async (ms: number) => {
      waits.push(ms);
      await advanceClock(article, ms);
    };
    const el = await mount({}, { backend: new LapaBackend(new URL(srcFor(article), location.href).href, { wait }) });
    await fill(el, { text: 'Fast typist' });
    const event = (await submit(el)) as CommentBoxPostedEvent;
    expect(event.type).to.equal('comment-box-posted');
    expect(waits).to.have.length(1);
    expect(waits[0]).to.be.within(1, 3500);
    expect((await posts(article)).length).to.equal(2);
    expect((await storedCount(article)).total).to.equal(1);
  });

  it('an expired form token is renewed and the comment sent with the new one', async () => {
    const article = articleId('stale');
    const el = await mount({ src: srcFor(article) });
    await fill(el, { text: 'After a long read' });
    // Past the instance's 0.3 s token lifetime.
    await advanceClock(article, 400);
    const event = (await submit(el)) as CommentBoxPostedEvent;
    expect(event.type).to.equal('comment-box-posted');
    const methods = (await requestLog(article)).requests.map((r) => r.method);
    expect(methods).to.deep.equal(['GET', 'POST', 'GET', 'POST']);
  });
});
