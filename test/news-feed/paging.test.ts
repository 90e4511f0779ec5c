import { expect, html } from '@open-wc/testing';
import fc from 'fast-check';
import type { NewsFeedErrorEvent, NewsFeedLoadEvent } from '../../src/internal/events.js';
import { MAX_PAGES, pageOf, withPage } from '../../src/internal/formats/list.js';
import { assertProperty } from '../support/properties.js';
import { until } from '../support/until.js';
import { feedUrl, focused, loadMore, moreButton, part, parts, quiet, requests, settle, text, titles } from './helpers.js';

const query = (path: string) => new URL(path, location.href).searchParams;
/** The query of `path` without `page` and our own `key`, as [name, value] pairs in order. */
const others = (path: string) => [...query(path)].filter(([name]) => name !== 'page');

describe('<news-feed> load more', () => {
  it('follows a JSON Feed next_url, keeping every other query parameter, and moves focus to the first new headline', async () => {
    const { url, key } = feedUrl('json', { total: 12, per: 5, lang: 'lv', search: 'a b', tags: 'x,y' });
    const { feed } = await settle(html`<news-feed src=${url} limit="5"></news-feed>`);
    expect(titles(feed)).to.have.length(5);
    moreButton(feed)!.focus();
    const event = (await loadMore(feed)) as NewsFeedLoadEvent;
    expect(event.type).to.equal('news-feed-load');
    expect(titles(feed)).to.deep.equal(Array.from({ length: 10 }, (_, i) => `Article ${i + 1}`));
    expect(event.articles).to.have.length(10);
    expect(event.hasMore).to.equal(true);
    const log = await requests(key);
    expect(log).to.have.length(2);
    expect(query(log[1]!).get('page')).to.equal('2');
    expect(others(log[1]!)).to.deep.equal(others(log[0]!));
    // Focus is on the sixth item's headline link.
    const sixth = parts(feed, 'item')[5]!;
    expect(focused(feed)).to.equal(sixth.querySelector('[part~="title-link"]'));
    // The last page: two more, then no button.
    const last = (await loadMore(feed)) as NewsFeedLoadEvent;
    expect(titles(feed)).to.have.length(12);
    expect(last.hasMore).to.equal(false);
    expect(moreButton(feed)).to.equal(null);
    expect(focused(feed)).to.equal(parts(feed, 'item')[10]!.querySelector('[part~="title-link"]'));
    expect(await requests(key)).to.have.length(3);
  });

  it('follows an absolute next_url and ignores one that is no URL, is unsafe, or leads back to a page already shown', async () => {
    const absolute = await settle(html`<news-feed src=${feedUrl('json', { total: 8, per: 4, next: 'absolute' }).url} limit="4"></news-feed>`);
    await loadMore(absolute.feed);
    expect(titles(absolute.feed)).to.have.length(8);
    const cases: Record<string, string | number>[] = [{ next: 'javascript' }, { 'next-bad': 1 }, { next: 'self' }];
    for (const params of cases) {
      const { feed } = await settle(html`<news-feed src=${feedUrl('json', { total: 8, per: 4, ...params }).url} limit="4"></news-feed>`);
      expect(feed.hasMore, JSON.stringify(params)).to.equal(false);
      expect(moreButton(feed)).to.equal(null);
    }
  });

  it('pages a WordPress list with page=N from X-WP-TotalPages, keeping the category filter and every other parameter', async () => {
    const { url, key } = feedUrl('wp', { total: 30, per: 4, categories: 2, _embed: 1, search: 'rīga', lang: 'lv', 'tags[]': 5 });
    const { feed } = await settle(html`<news-feed src=${url} limit="4"></news-feed>`);
    // Posts of category 2 are 1, 4, 7...
    expect(titles(feed)).to.deep.equal(['Post 1 (category 2)', 'Post 4 (category 2)', 'Post 7 (category 2)', 'Post 10 (category 2)']);
    await loadMore(feed);
    await loadMore(feed);
    expect(titles(feed)).to.have.length(10);
    expect(titles(feed).every((t) => t.endsWith('(category 2)'))).to.equal(true);
    expect(moreButton(feed)).to.equal(null);
    const log = await requests(key);
    expect(log.map((path) => query(path).get('page'))).to.deep.equal([null, '2', '3']);
    for (const path of log.slice(1)) expect(others(path)).to.deep.equal(others(log[0]!));
  });

  it('shows the rest of the answer beyond `limit` without a request, then the next page', async () => {
    const { url, key } = feedUrl('wp', { total: 9, per: 6 });
    const { feed } = await settle(html`<news-feed src=${url} limit="4"></news-feed>`);
    await loadMore(feed);
    // The first answer held six: two more shown, no request.
    expect(titles(feed)).to.have.length(6);
    expect(await requests(key)).to.have.length(1);
    await loadMore(feed);
    expect(titles(feed)).to.have.length(9);
    expect(await requests(key)).to.have.length(2);
  });

  it('shows the items of a list without paging beyond `limit` on "load more", without a request', async () => {
    const { url, key } = feedUrl('plain', { total: 7 });
    const { feed } = await settle(html`<news-feed src=${url} limit="3"></news-feed>`);
    await loadMore(feed);
    expect(titles(feed)).to.have.length(6);
    await loadMore(feed);
    expect(titles(feed)).to.have.length(7);
    expect(moreButton(feed)).to.equal(null);
    expect(await requests(key)).to.have.length(1);
  });

  it('makes no request of its own for a hostile X-WP-TotalPages: one page per click, and at most MAX_PAGES', async () => {
    const { url, key } = feedUrl('wp', { total: 4, per: 2, pages: 1_000_000_000 });
    const { feed } = await settle(html`<news-feed src=${url} limit="2"></news-feed>`);
    expect(feed.hasMore).to.equal(true);
    await loadMore(feed);
    expect(titles(feed)).to.have.length(4);
    // The site has no page 3 (it answers 400), whatever its header said.
    const failed = (await loadMore(feed)) as NewsFeedErrorEvent;
    expect(failed.type).to.equal('news-feed-error');
    expect(failed.kind).to.equal('http');
    expect(titles(feed)).to.have.length(4);
    // Nothing more without a click.
    const before = (await requests(key)).length;
    await quiet(feed);
    expect(await requests(key)).to.have.length(before);
    expect(before).to.equal(3);
    expect(MAX_PAGES).to.be.below(1000);
  });

  it('shows a failed "load more" inline with Retry, keeps the items shown, and loads the page on Retry', async () => {
    const { url, key } = feedUrl('json', { total: 9, per: 3, 'fail-page': 2 });
    const { feed } = await settle(html`<news-feed src=${url} limit="3"></news-feed>`);
    moreButton(feed)!.focus();
    const failed = (await loadMore(feed)) as NewsFeedErrorEvent;
    expect(failed.kind).to.equal('http');
    expect(failed.status).to.equal(503);
    expect(titles(feed)).to.have.length(3);
    expect(text(part(feed, 'load-more-error'))).to.equal('The news server has a problem right now.');
    expect(part(feed, 'load-more-error')!.getAttribute('role')).to.equal('alert');
    expect(text(moreButton(feed))).to.equal('Try again');
    // The same button: focus stayed on it.
    expect(focused(feed)).to.equal(moreButton(feed));
    await fetch(`/__feed/recover?key=${key}`);
    await loadMore(feed);
    expect(titles(feed)).to.have.length(6);
    expect(part(feed, 'load-more-error')).to.equal(null);
    expect(text(moreButton(feed))).to.equal('Load more');
    expect(focused(feed)).to.equal(parts(feed, 'item')[3]!.querySelector('[part~="title-link"]'));
  });

  it('marks the button busy while a page loads and ignores clicks meanwhile', async () => {
    const { url, key } = feedUrl('json', { total: 6, per: 3, 'delay-page': 2, delay: 400 });
    const { feed } = await settle(html`<news-feed src=${url} limit="3"></news-feed>`);
    const button = moreButton(feed)!;
    button.click();
    await feed.updateComplete;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(text(button)).to.equal('Loading more articles…');
    button.click();
    button.click();
    await until(() => titles(feed).length === 6, 'the second page');
    expect(await requests(key)).to.have.length(2);
  });

  it('announces how many articles were added, in the page language', async () => {
    const { url } = feedUrl('json', { total: 8, per: 8 });
    const { feed } = await settle(html`<news-feed lang="lv" src=${url} limit="3"></news-feed>`);
    await loadMore(feed);
    expect(text(feed.shadowRoot!.querySelector('[role="status"]'))).to.equal('Vēl 3 raksti');
    expect(text(moreButton(feed))).to.equal('Ielādēt vēl');
  });
});

describe('withPage (the WordPress page URL)', () => {
  it('sets page and keeps every other parameter byte for byte, for any query string', () => {
    const name = fc.oneof(fc.constantFrom('categories', 'tags', 'search', 'lang', 'per_page', '_embed', 'rest_route', 'tags[]', 'Page', 'pag', 'pagee', 'page[]'), fc.stringMatching(/^[a-z_%0-9+[\]-]{1,8}$/));
    const value = fc.oneof(fc.stringMatching(/^[a-zA-Z0-9%+,./:=-]{0,12}$/), fc.constantFrom('', 'a b', 'rīga', '%E2%82%AC', '1,2,3', '/wp/v2/posts'));
    const pair = fc.tuple(name, value, fc.boolean()).map(([n, v, bare]) => (bare && v === '' ? n : `${n}=${v}`));
    const pages = fc.array(fc.oneof(fc.constant('page=7'), fc.constant('page=x'), fc.constant('page')), { maxLength: 2 });
    assertProperty(
      fc.property(fc.array(pair, { maxLength: 8 }), pages, fc.integer({ min: 2, max: 10_000 }), fc.boolean(), (pairs, pageParams, page, hash) => {
        const all = [...pairs];
        pageParams.forEach((p, i) => all.splice(Math.min(i * 2, all.length), 0, p));
        const src = `https://partner.example/wp-json/wp/v2/posts${all.length ? `?${all.join('&')}` : ''}${hash ? '#top' : ''}`;
        const next = withPage(src, page);
        const kept = next.slice(next.indexOf('?') + 1).split('&');
        // The last pair is page=N; before it, exactly the pairs that were not `page`, as written.
        expect(kept.at(-1)).to.equal(`page=${page}`);
        expect(kept.slice(0, -1)).to.deep.equal(pairs.filter((p) => [...new URLSearchParams(p).keys()][0] !== 'page'));
        expect(pageOf(next)).to.equal(page);
        expect(next.startsWith('https://partner.example/wp-json/wp/v2/posts?')).to.equal(true);
        expect(next.includes('#')).to.equal(false);
      }),
      { numRuns: 500 },
    );
  });

  it('reads the page of a URL, 1 when absent or not a page number', () => {
    expect(pageOf('/x?page=3')).to.equal(3);
    expect(pageOf('/x')).to.equal(1);
    expect(pageOf('/x?page=0')).to.equal(1);
    expect(pageOf('/x?page=-2')).to.equal(1);
    expect(pageOf('/x?page=1.5')).to.equal(1);
    expect(withPage('/wp-json/wp/v2/posts?categories=3&page=2', 3)).to.equal('/wp-json/wp/v2/posts?categories=3&page=3');
    expect(withPage('/?rest_route=/wp/v2/posts&categories=3', 2)).to.equal('/?rest_route=/wp/v2/posts&categories=3&page=2');
  });
});
