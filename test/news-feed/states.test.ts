import { expect, html } from '@open-wc/testing';
import type { NewsFeedErrorEvent, NewsFeedLoadEvent } from '../../src/internal/events.js';
import { itIn } from '../support/engine.js';
import { until } from '../support/until.js';
import { container, feedUrl, mount, observedOnce, outcome, part, parts, quiet, reaches, requests, settle, text, titles, uid } from './helpers.js';

describe('<news-feed> states and events', () => {
  it('shows `limit` skeleton cards while loading, busy and read out once', async () => {
    const { url } = feedUrl('json', { total: 3, delay: 600 });
    const feed = await mount(html`<news-feed src=${url} limit="4"></news-feed>`);
    expect(feed.state).to.equal('loading');
    expect(part(feed, 'base')!.getAttribute('aria-busy')).to.equal('true');
    const skeleton = part(feed, 'skeleton')!;
    expect(skeleton.getAttribute('aria-hidden')).to.equal('true');
    expect(skeleton.querySelectorAll('.skeleton')).to.have.length(4);
    expect([...feed.shadowRoot!.querySelectorAll('.visually-hidden')].map(text).filter(Boolean)).to.deep.equal(['Loading the articles…']);
    await reaches(feed, 'loaded');
    expect(part(feed, 'base')!.getAttribute('aria-busy')).to.equal('false');
  });

  it('shows the empty state for a feed without items, with a load event of no articles', async () => {
    const { feed, event } = await settle(html`<news-feed src="/__feed/fixed/empty"></news-feed>`);
    expect(feed.state).to.equal('empty');
    expect(text(part(feed, 'empty'))).to.equal('There are no articles to show.');
    expect(event.type).to.equal('news-feed-load');
    expect((event as NewsFeedLoadEvent).articles).to.deep.equal([]);
    expect((event as NewsFeedLoadEvent).hasMore).to.equal(false);
  });

  it('shows the error with Retry when the server answers 503, and loads on Retry', async () => {
    const key = uid();
    const { feed, event } = await settle(html`<news-feed src=${`/__news/toggle/${key}`}></news-feed>`);
    expect(feed.state).to.equal('error');
    expect((event as NewsFeedErrorEvent).kind).to.equal('http');
    expect((event as NewsFeedErrorEvent).status).to.equal(503);
    expect(text(part(feed, 'error'))).to.contain('The news server has a problem right now.');
    await fetch(`/__news/toggle/${key}/up`);
    const next = outcome(feed);
    part<HTMLButtonElement>(feed, 'retry')!.click();
    expect((await next).type).to.equal('news-feed-load');
    await feed.updateComplete;
    expect(titles(feed)).to.deep.equal(['An article that came back']);
    expect(feed.shadowRoot!.activeElement).to.equal(part(feed, 'base'));
  });

  it('fires news-feed-error with the kinds of news-card', async () => {
    const kinds: Record<string, string> = {
      '/__news/404': 'http',
      '/__news/html': 'not-json',
      '/__news/malformed': 'not-json',
      '/__news/wrong-shape': 'invalid',
      '/__news/refuse': 'network',
    };
    for (const [src, kind] of Object.entries(kinds)) {
      const { feed, event } = await settle(html`<news-feed src=${`${src}?t=${uid()}`}></news-feed>`);
      expect(event.type, src).to.equal('news-feed-error');
      expect((event as NewsFeedErrorEvent).kind, src).to.equal(kind);
      expect(feed.state).to.equal('error');
      expect(part(feed, 'retry')).to.not.equal(null);
    }
    const large = await settle(html`<news-feed max-bytes="1000" src=${`/__news/large?bytes=5000&t=${uid()}`}></news-feed>`);
    expect((large.event as NewsFeedErrorEvent).kind).to.equal('too-large');
    const slow = await settle(html`<news-feed timeout="200" src=${`/__news/stall?t=${uid()}`}></news-feed>`);
    expect((slow.event as NewsFeedErrorEvent).kind).to.equal('timeout');
  });

  it('events bubble out of shadow roots and are fired after the list is rendered', async () => {
    const wrapper = container();
    const host = wrapper.attachShadow({ mode: 'open' });
    const { url } = feedUrl('json', { total: 3 });
    const seen = new Promise<number>((resolve) =>
      wrapper.addEventListener('news-feed-load', (event) => resolve(parts((event.composedPath()[0] as Element), 'item').length), { once: true }),
    );
    host.innerHTML = `<news-feed src="${url}"></news-feed>`;
    expect(await seen).to.equal(3);
  });

  it('waits with loading="lazy" until the list nears the viewport', async () => {
    const { url, key } = feedUrl('json', { total: 2 });
    const wrapper = container();
    wrapper.innerHTML = `<div style="block-size: 300vh"></div><news-feed loading="lazy" src="${url}"></news-feed>`;
    const feed = wrapper.querySelector('news-feed')!;
    await feed.updateComplete;
    await observedOnce(feed);
    expect(await requests(key)).to.have.length(0);
    feed.scrollIntoView();
    await reaches(feed, 'loaded');
    expect(await requests(key)).to.have.length(1);
  });

  it('loads again when `src` changes and drops the answer of the old one', async () => {
    const a = feedUrl('json', { total: 3, delay: 500 });
    const b = feedUrl('json', { total: 2 });
    const feed = await mount(html`<news-feed src=${a.url}></news-feed>`);
    feed.src = b.url;
    await reaches(feed, 'loaded');
    expect(titles(feed)).to.have.length(2);
    // The old answer is due now: the server holds every request to that URL as long (500 ms).
    await fetch(a.url).then((answer) => answer.text());
    await quiet(feed);
    expect(titles(feed)).to.have.length(2);
  });
});

describe('<news-feed> localisation', () => {
  const cases = {
    en: { list: 'News', more: 'Load more', empty: 'There are no articles to show.', loading: 'Loading the articles…' },
    lv: { list: 'Ziņas', more: 'Ielādēt vēl', empty: 'Nav neviena raksta, ko parādīt.', loading: 'Raksti tiek ielādēti…' },
    sv: { list: 'Nyheter', more: 'Visa fler', empty: 'Det finns inga artiklar att visa.', loading: 'Artiklarna läses in…' },
    ka: { list: 'სიახლეები', more: 'მეტის ჩატვირთვა', empty: 'საჩვენებელი სტატიები არ არის.', loading: 'სტატიები იტვირთება…' },
  };
  for (const [lang, words] of Object.entries(cases)) {
    it(`speaks ${lang}: list name, load more, empty, loading, dates`, async () => {
      const { url } = feedUrl('json', { total: 4, per: 10, delay: 150 });
      const feed = await mount(html`<news-feed lang=${lang} src=${url} limit="2"></news-feed>`);
      expect(text(feed.shadowRoot!.querySelector('.visually-hidden'))).to.equal(words.loading);
      await reaches(feed, 'loaded');
      expect(part(feed, 'list')!.getAttribute('aria-label')).to.equal(words.list);
      expect(text(part(feed, 'load-more'))).to.equal(words.more);
      const date = text(part(feed, 'date'));
      expect(date).to.match(/2025/);
      if (lang === 'ka') expect(date).to.match(/მაისი|მაი/);
      if (lang === 'lv') expect(date).to.match(/maijs|maijā/);
      if (lang === 'sv') expect(date).to.match(/maj/);
      const empty = await settle(html`<news-feed lang=${lang} src="/__feed/fixed/empty"></news-feed>`);
      expect(text(part(empty.feed, 'empty'))).to.equal(words.empty);
    });
  }

  it('follows a change of the page language, and takes *-label attributes and the messages property', async () => {
    const { url } = feedUrl('json', { total: 4 });
    const wrapper = container();
    wrapper.lang = 'sv';
    wrapper.innerHTML = `<news-feed src="${url}" limit="2"></news-feed>`;
    const feed = wrapper.querySelector('news-feed')!;
    await reaches(feed, 'loaded');
    expect(text(part(feed, 'load-more'))).to.equal('Visa fler');
    wrapper.lang = 'lv';
    await until(() => text(part(feed, 'load-more')) === 'Ielādēt vēl', 'Latvian');
    feed.setAttribute('load-more-label', 'Vairāk ziņu');
    await feed.updateComplete;
    expect(text(part(feed, 'load-more'))).to.equal('Vairāk ziņu');
    feed.removeAttribute('load-more-label');
    feed.messages = { loadMore: 'Rādīt vēl' };
    await feed.updateComplete;
    expect(text(part(feed, 'load-more'))).to.equal('Rādīt vēl');
  });
});

describe('<news-feed> layout stability (CLS 0)', () => {
  /** Mounts a feed above a marker in a fixed-width column; resolves with the marker's top before and after the load, and the layout shifts seen. */
  async function measure(params: Record<string, string | number>, attrs = '') {
    const { url } = feedUrl('json', { per: 50, delay: 300, ...params });
    const wrapper = container();
    wrapper.style.inlineSize = '640px';
    const shifts: number[] = [];
    const supported = typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes.includes('layout-shift');
    const observer = supported ? new PerformanceObserver((list) => list.getEntries().forEach((e) => shifts.push((e as unknown as { value: number }).value))) : undefined;
    observer?.observe({ type: 'layout-shift', buffered: false });
    wrapper.innerHTML = `<news-feed src="${url}" ${attrs}></news-feed><p id="below">Below the feed</p>`;
    const feed = wrapper.querySelector('news-feed')!;
    const below = wrapper.querySelector('#below')!;
    await feed.updateComplete;
    expect(feed.state).to.equal('loading');
    const before = below.getBoundingClientRect().top;
    await reaches(feed, feed.state === 'loading' ? 'loaded' : feed.state);
    await until(() => feed.state !== 'loading', 'loaded');
    // Images are boxes of fixed shape: their arrival moves nothing either.
    await Promise.all([...feed.shadowRoot!.querySelectorAll('img')].map((img) => img.decode().catch(() => {})));
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
    const after = below.getBoundingClientRect().top;
    observer?.disconnect();
    return { before, after, shifts, feed };
  }

  it('moves nothing below a list of five when it loads', async () => {
    const { before, after, feed } = await measure({ total: 8 });
    expect(titles(feed)).to.have.length(5);
    expect(after).to.equal(before);
  });

  it('moves nothing below a grid, nor below a list with fewer articles than `limit`, without images', async () => {
    const grid = await measure({ total: 8 }, 'layout="grid" limit="4"');
    expect(grid.after).to.equal(grid.before);
    const short = await measure({ total: 2, image: 0 }, 'limit="5"');
    expect(titles(short.feed)).to.have.length(2);
    expect(short.after).to.equal(short.before);
  });

  itIn(['chromium'], 'only Chromium reports layout-shift entries', 'reports a cumulative layout shift of 0 while loading', async () => {
    const { shifts } = await measure({ total: 8 }, 'limit="5"');
    expect(shifts.reduce((a, b) => a + b, 0)).to.equal(0);
  });
});
