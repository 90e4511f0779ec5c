import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { CommentBoxErrorEvent } from '../../src/internal/events.js';
import { articleId, mount, part, parts, planFaults, requestLog, seed, srcFor, text } from './helpers.js';

describe('comment-box: states', () => {
  it('while loading: a skeleton that reserves space, aria-busy, accessible', async () => {
    const article = articleId();
    await planFaults(article, [{ method: 'GET', mode: 'stall' }]);
    const el = await mount({ src: srcFor(article) }, {}, false);
    const skeleton = part(el, 'skeleton')!;
    expect(skeleton).to.exist;
    expect(skeleton.getBoundingClientRect().height).to.be.greaterThan(100);
    expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('true');
    expect(text(part(el, 'heading'))).to.equal('Comments');
    expect(part(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('aborts the request when the element is removed, and loads again when it comes back', async () => {
    const article = articleId();
    await seed(article, [{ text: 'back again' }]);
    await planFaults(article, [{ method: 'GET', mode: 'stall' }]);
    const el = await mount({ src: srcFor(article) }, {}, false);
    await waitUntil(async () => (await requestLog(article)).requests.length === 1, 'the request reached the server');
    const parent = el.parentElement!;
    el.remove();
    await waitUntil(async () => (await requestLog(article)).aborted === 1, 'the server saw the request go away');
    const loaded = oneEvent(el, 'comment-box-load');
    parent.append(el);
    await loaded;
    await el.updateComplete;
    expect(parts(el, 'body').map(text)).to.deep.equal(['back again']);
  });

  it('shows a localised error with Retry when the server answers 500; Retry loads the list', async () => {
    const article = articleId();
    await seed(article, [{ text: 'there after all' }]);
    await planFaults(article, [{ method: 'GET', mode: '500' }]);
    const errored = new Promise<CommentBoxErrorEvent>((resolve) =>
      document.addEventListener('comment-box-error', (event) => resolve(event as CommentBoxErrorEvent), { once: true }),
    );
    const el = await mount({ src: srcFor(article), lang: 'lv' });
    const event = await errored;
    expect([event.kind, event.status, event.code]).to.deep.equal(['http', 500, undefined]);
    expect(text(part(el, 'error'))).to.equal('Komentārus neizdevās ielādēt. Serverī radās kļūda. Mēģināt vēlreiz');
    expect(part(el, 'base')!.getAttribute('aria-busy')).to.equal('false');
    expect(part(el, 'form')).to.equal(null);
    await expect(el).to.be.accessible();

    const loaded = oneEvent(el, 'comment-box-load');
    part<HTMLButtonElement>(el, 'retry-button')!.click();
    await loaded;
    await el.updateComplete;
    expect(parts(el, 'body').map(text)).to.deep.equal(['there after all']);
    expect(part(el, 'error')).to.equal(null);
  });

  it('when loading more fails: an error and Try again, which loads them', async () => {
    const article = articleId();
    await seed(article, [{ text: 'one' }, { text: 'two' }]);
    const el = await mount({ src: srcFor(article), 'page-size': '1' });
    await planFaults(article, [{ method: 'GET', mode: '500' }]);
    const failed = oneEvent(el, 'comment-box-error');
    part<HTMLButtonElement>(el, 'load-more')!.click();
    await failed;
    await el.updateComplete;
    expect(text(part(el, 'error'))).to.equal('More comments could not be loaded.');
    expect(text(part(el, 'load-more'))).to.equal('Try again');
    expect(parts(el, 'body').map(text)).to.deep.equal(['one']);
    const loaded = oneEvent(el, 'comment-box-load');
    part<HTMLButtonElement>(el, 'load-more')!.click();
    await loaded;
    await el.updateComplete;
    expect(parts(el, 'body').map(text)).to.deep.equal(['one', 'two']);
    expect(part(el, 'error')).to.equal(null);
  });

  it('reports a dropped connection as a network error', async () => {
    const article = articleId();
    await planFaults(article, [{ method: 'GET', mode: 'drop' }]);
    const el = document.createElement('comment-box');
    el.src = srcFor(article);
    const errored = oneEvent(el, 'comment-box-error') as Promise<CommentBoxErrorEvent>;
    document.body.append(el);
    try {
      expect((await errored).kind).to.equal('network');
      await el.updateComplete;
      expect(text(part(el, 'error'))).to.contain('The server could not be reached.');
    } finally {
      el.remove();
    }
  });

  it('gives up after timeout milliseconds with a timeout error', async () => {
    const article = articleId();
    await planFaults(article, [{ method: 'GET', mode: 'stall' }]);
    const el = document.createElement('comment-box');
    el.src = srcFor(article);
    el.timeout = 300;
    const errored = oneEvent(el, 'comment-box-error') as Promise<CommentBoxErrorEvent>;
    document.body.append(el);
    try {
      expect((await errored).kind).to.equal('timeout');
      await el.updateComplete;
      expect(text(part(el, 'error'))).to.contain('The server did not answer in time.');
    } finally {
      el.remove();
    }
  });

  it('shows a comment with a date it cannot read, without a date', async () => {
    const el = await mount({}, { comments: [{ id: '1', parent: null, author: { name: 'Ilze' }, text: 'Undated', date: 'yesterday-ish' }] }, false);
    expect(parts(el, 'body').map(text)).to.deep.equal(['Undated']);
    expect(part(el, 'date')).to.equal(null);
  });

  it('says the reader is offline when the browser is (the one case no server can produce)', async () => {
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      const el = await mount(
        { src: srcFor(articleId()), lang: 'sv' },
        { fetch: () => Promise.reject(new TypeError('Failed to fetch')) },
      );
      expect(text(part(el, 'error'))).to.equal('Kommentarerna kunde inte läsas in. Du är offline. Försök igen');
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
      // The override is gone: later tests see the browser's own onLine again.
      expect(Object.getOwnPropertyDescriptor(navigator, 'onLine')).to.equal(undefined);
    }
  });

  it('shows an error, not an exception, for an answer that is not a page of comments', async () => {
    const el = await mount({ src: '/__comments/log?article=x' });
    expect(text(part(el, 'error'))).to.contain('The server sent an answer that could not be read.');
  });

  it('when the article is closed: the comments and a notice instead of the form, accessible', async () => {
    const article = articleId();
    await seed(article, [{ text: 'said before closing' }], { closed: true });
    const el = await mount({ src: srcFor(article), lang: 'ka' });
    expect(parts(el, 'body').map(text)).to.deep.equal(['said before closing']);
    expect(part(el, 'form')).to.equal(null);
    expect(part(el, 'reply-button')).to.equal(null);
    expect(text(part(el, 'notice'))).to.equal('კომენტარები დახურულია.');
    await expect(el).to.be.accessible();
  });

  it('renders nothing but the heading without src', async () => {
    const el = await mount({}, {}, false);
    expect(text(part(el, 'heading'))).to.equal('Comments');
    expect(part(el, 'skeleton')).to.equal(null);
    expect(part(el, 'form')).to.equal(null);
  });

  it('follows the host page’s colour scheme, and theme="dark" forces dark', async () => {
    const el = await mount({ src: srcFor(articleId()) });
    const input = el.shadowRoot!.querySelector('input')!;
    const light = getComputedStyle(input).backgroundColor;
    expect(light).to.equal('rgb(255, 255, 255)');
    el.theme = 'dark';
    await el.updateComplete;
    expect(getComputedStyle(input).backgroundColor).to.not.equal(light);
    el.theme = undefined;
    el.parentElement!.style.colorScheme = 'dark';
    await el.updateComplete;
    expect(getComputedStyle(input).backgroundColor).to.not.equal(light);
  });
});
