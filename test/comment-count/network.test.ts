import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { render } from 'lit';
import { MAX_CONCURRENT, countQueueState } from '../../src/comment-count/queue.js';
import type { CommentCountErrorEvent, CommentCountLoadEvent } from '../../src/internal/events.js';
import { nearViewportWaiting } from '../../src/internal/near-viewport.js';
import { until } from '../support/until.js';
import { answer, articleId, freshPage, release, requestLog, seed, settle, settledAll, shownText, srcFor, stats, uid, wordpressLog, wordpressSite } from './helpers.js';
import type { CommentCountElement } from './helpers.js';

const all = (wrapper: Element): CommentCountElement[] => [...wrapper.querySelectorAll<CommentCountElement>('comment-count')];

describe('<comment-count>: a listing page stays cheap', () => {
  beforeEach(freshPage);
  afterEach(() => window.scrollTo(0, 0));

  it('asks the reference server its count-only GET (?count=1), and once for every count of the same src', async () => {
    const article = articleId();
    await seed(article, [{}, {}, {}]);
    const wrapper = await fixture<HTMLElement>(html`<div>${Array.from({ length: 12 }, () => html`<comment-count src=${srcFor(article)}></comment-count>`)}</div>`);
    expect(await settledAll(all(wrapper))).to.deep.equal(Array(12).fill(3));
    const { requests } = await requestLog(article);
    expect(requests.map((r) => `${r.method} ${new URL(r.url, location.href).search}`)).to.deep.equal(['GET ?count=1']);
    // One added later takes the page's kept answer.
    const { el } = await settle(html`<comment-count src=${srcFor(article)}></comment-count>`);
    expect(shownText(el)).to.equal('3 comments');
    expect((await requestLog(article)).requests).to.have.length(1);
  });

  it('asks nothing for a count far below the viewport until it is scrolled near', async () => {
    const near = uid();
    const far = uid();
    const wrapper = document.createElement('div');
    document.body.append(wrapper);
    try {
      render(html`<comment-count src=${answer(near, { n: 1 })}></comment-count><div style="height: 400vh"></div><comment-count src=${answer(far, { n: 9 })}></comment-count>`, wrapper);
      const [first, last] = all(wrapper) as [CommentCountElement, CommentCountElement];
      await oneEvent(first, 'comment-count-load');
      // The near one has loaded, so the far one has had the same chance to start.
      await new Promise(requestAnimationFrame);
      expect(last.state).to.equal('loading');
      expect((await stats(far)).requests).to.equal(0);
      expect(nearViewportWaiting()).to.equal(1);
      const loaded = oneEvent(last, 'comment-count-load');
      last.scrollIntoView();
      expect(((await loaded) as Event as CommentCountLoadEvent).count).to.equal(9);
      expect((await stats(far)).requests).to.equal(1);
      expect(nearViewportWaiting()).to.equal(0);
    } finally {
      wrapper.remove();
    }
  });

  it('with loading="eager", asks at once even far below the viewport', async () => {
    const key = uid();
    const { event } = await settle(html`<div><div style="height: 400vh"></div><comment-count loading="eager" src=${answer(key, { n: 2 })}></comment-count></div>`);
    expect((event as CommentCountLoadEvent).count).to.equal(2);
  });

  it(`runs at most ${MAX_CONCURRENT} requests at once: 20 counts of 20 articles, as the server saw them`, async () => {
    const key = uid();
    const wrapper = await fixture<HTMLElement>(html`<div>${Array.from({ length: 20 }, (_, i) => html`<comment-count src=${answer(key, { n: i, delay: 150 })}></comment-count>`)}</div>`);
    const els = all(wrapper);
    await until(() => countQueueState().waiting > 0, 'counts waiting for a slot');
    expect(countQueueState().active).to.equal(MAX_CONCURRENT);
    expect(await settledAll(els)).to.deep.equal(Array.from({ length: 20 }, (_, i) => i));
    const seen = await stats(key);
    expect(seen.requests).to.equal(20);
    // Not fewer either: the bound is a bound, not a queue of one.
    expect(seen.peak).to.equal(MAX_CONCURRENT);
    expect(countQueueState()).to.deep.equal({ active: 0, waiting: 0 });
  });

  it('counts the timeout from the start of each request, not from the wait for a slot', async () => {
    const key = uid();
    // Three rounds of 400 ms: the last ends at about 1200 ms, each request takes 400 of its 900.
    const wrapper = await fixture<HTMLElement>(html`<div>${Array.from({ length: 3 * MAX_CONCURRENT }, (_, i) => html`<comment-count timeout="900" src=${answer(key, { n: i, delay: 400 })}></comment-count>`)}</div>`);
    expect(await settledAll(all(wrapper))).to.deep.equal(Array.from({ length: 3 * MAX_CONCURRENT }, (_, i) => i));
    const { event } = await settle(html`<comment-count timeout="200" src=${answer(uid(), { n: 1, delay: 2000 })}></comment-count>`);
    expect((event as CommentCountErrorEvent).kind).to.equal('timeout');
    expect(countQueueState().active).to.equal(0);
  });

  it('gives a slot back when a count is removed while it waits or while it loads', async () => {
    const key = uid();
    // Answers that take a while rather than held ones: WebKit keeps an aborted request's
    // connection a moment, and six held connections would leave none for the test's own.
    const wrapper = await fixture<HTMLElement>(html`<div>${Array.from({ length: 10 }, (_, i) => html`<comment-count src=${answer(key, { n: i, delay: 1500 })}></comment-count>`)}</div>`);
    await until(() => countQueueState().active === MAX_CONCURRENT && countQueueState().waiting === 4, 'six running, four waiting');
    const els = all(wrapper);
    for (const el of els.slice(0, 3)) el.remove(); // running ones
    els[9]!.remove(); // a waiting one
    await until(() => countQueueState().active === 6 && countQueueState().waiting === 0, 'the waiting ones moved up, the removed one left the line');
    expect(await settledAll(els.slice(3, 9))).to.deep.equal([3, 4, 5, 6, 7, 8]);
    await until(() => countQueueState().active === 0, 'every slot given back');
    // (Whether the removed running ones reached the server depends on the engine's timing.)
    expect((await stats(key)).urls.filter((url) => /[?&]n=9\b/.test(url)), 'the removed waiting one never asked').to.deep.equal([]);
  });

  it('counts a WordPress post from X-WP-Total of a one-comment page, in both URL forms', async () => {
    const site = await wordpressSite(7, 2);
    const { el, event } = await settle(html`<comment-count api="wordpress" lang="lv" src=${site.src}></comment-count>`);
    expect((event as CommentCountLoadEvent).count).to.equal(7);
    expect((event as CommentCountLoadEvent).open).to.equal(undefined);
    expect(shownText(el)).to.equal('7 komentāri');
    const { event: plain } = await settle(html`<comment-count api="wordpress" src=${site.plain}></comment-count>`);
    expect((plain as CommentCountLoadEvent).count).to.equal(7);
    const log = await wordpressLog(site.id);
    expect(log).to.have.length(2);
    for (const { route, query } of log) {
      expect(route).to.equal('/wp/v2/comments');
      expect(query).to.include({ post: '5', per_page: '1', _fields: 'id' });
    }
  });

  it('refuses a WordPress src without post=ID, asking nothing', async () => {
    const site = await wordpressSite(1);
    const { event } = await settle(html`<comment-count api="wordpress" src=${site.src.replace('?post=5', '')}></comment-count>`);
    expect((event as CommentCountErrorEvent).kind).to.equal('invalid');
    expect(await wordpressLog(site.id)).to.have.length(0);
  });

  it('a new src loads its own count, and the old answer is dropped', async () => {
    const slow = uid();
    const el = await fixture<CommentCountElement>(html`<comment-count src=${answer(slow, { n: 1, hold: slow })}></comment-count>`);
    await until(async () => (await stats(slow)).requests === 1, 'the first request');
    el.src = answer(uid(), { n: 2 });
    expect(((await oneEvent(el, 'comment-count-load')) as Event as CommentCountLoadEvent).count).to.equal(2);
    await release(slow);
    await until(async () => (await stats(slow)).open === 0, 'the first request ended');
    expect(el.count).to.equal(2);
  });
});
