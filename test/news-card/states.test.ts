import { expect, html, oneEvent } from '@open-wc/testing';
import { NewsCardElement } from '../../src/news-card/news-card.js';
import type { NewsCardErrorEvent } from '../../src/internal/events.js';
import { holdTimers } from '../support/clock.js';
import { EMPTY, FEED, container, fresh, mount, part, reaches, release, settle, stats, text, uid } from './helpers.js';

describe('<news-card> states', () => {
  it('shows a skeleton, marked busy, with a loading text, while loading', async () => {
    const card = await mount(html`<news-card timeout="0" src=${fresh('/__news/stall')}></news-card>`);
    expect(card.state).to.equal('loading');
    const base = part(card, 'base')!;
    expect(base.getAttribute('aria-busy')).to.equal('true');
    expect(part(card, 'skeleton')).to.exist;
    expect(text(part(card, 'skeleton'))).to.equal('Loading the article…');
    expect(part(card, 'title')).to.equal(null);
  });

  it('is no longer busy once loaded', async () => {
    const { card } = await settle(html`<news-card src=${fresh(FEED)}></news-card>`);
    expect(card.state).to.equal('loaded');
    expect(part(card, 'base')!.getAttribute('aria-busy')).to.equal('false');
    expect(part(card, 'skeleton')).to.equal(null);
  });

  it('shows its children while it has no src', async () => {
    const card = await mount(html`<news-card><a href="/fallback">Read the article</a></news-card>`);
    expect(card.state).to.equal('initial');
    expect(card.querySelector('a')!.checkVisibility()).to.equal(true);
  });

  it('shows its children before it upgrades, hides them while loading, and shows them again on error', async () => {
    const tag = `news-card-${uid()}`;
    const wrapper = container();
    const link = document.createElement('a');
    link.href = '/fallback';
    link.textContent = 'Read the article';
    const card = document.createElement(tag) as NewsCardElement;
    const hold = uid();
    // Held until the loading state has been seen, however slow the machine.
    card.setAttribute('src', fresh('/__news/status/404', { hold }));
    card.append(link);
    wrapper.append(card);
    expect(link.checkVisibility(), 'before upgrade').to.equal(true);
    NewsCardElement.define(tag);
    await card.updateComplete;
    expect(card.state).to.equal('loading');
    expect(link.checkVisibility(), 'while loading').to.equal(false);
    const failed = oneEvent(card, 'news-card-error');
    await release(hold);
    await failed;
    await card.updateComplete;
    expect(link.checkVisibility(), 'on error').to.equal(true);
  });

  it('shows the empty state for a feed with no items', async () => {
    const card = await mount(html`<news-card src=${fresh(EMPTY)}></news-card>`);
    await reaches(card, 'empty');
    expect(text(part(card, 'empty'))).to.equal('There is no article to show.');
    expect(part(card, 'base')!.getAttribute('aria-busy')).to.equal('false');
  });

  it('shows the empty state when the feed has no item with item-id', async () => {
    const card = await mount(html`<news-card item-id="gone" src=${fresh(FEED)}></news-card>`);
    await reaches(card, 'empty');
    expect(part(card, 'empty')).to.exist;
  });

  describe('errors', () => {
    const cases: [string, string, string, number | undefined, string][] = [
      ['the article is not found (404)', '/__news/status/404', 'http', 404, 'The article could not be found.'],
      ['the article is gone (410)', '/__news/status/410', 'http', 410, 'The article could not be found.'],
      ['the server fails (500)', '/__news/status/500', 'http', 500, 'The news server has a problem right now.'],
      ['the server is unavailable (503)', '/__news/status/503?retry-after=600', 'http', 503, 'The news server has a problem right now.'],
      ['access is refused (403)', '/__news/status/403', 'http', 403, 'The article could not be loaded (error 403).'],
      ['the answer is an HTML page', '/__news/html', 'not-json', 200, "The server's answer is in a format this card cannot read."],
      ['the answer has the wrong content type', '/__news/wrong-type', 'not-json', 200, "The server's answer is in a format this card cannot read."],
      ['the JSON is malformed', '/__news/malformed', 'not-json', 200, "The server's answer is in a format this card cannot read."],
      ['the JSON is cut short', '/__news/truncated', 'not-json', 200, "The server's answer is in a format this card cannot read."],
      ['the body is empty', '/__news/empty-body', 'not-json', 200, "The server's answer is in a format this card cannot read."],
      ['the JSON is not an article', '/__news/wrong-shape', 'invalid', 200, "The server's answer does not contain an article."],
      ['the connection drops mid-body', '/__news/drop', 'network', undefined, 'The news server could not be reached.'],
    ];
    for (const [what, url, kind, status, message] of cases) {
      it(`shows "${message}" and Retry when ${what}`, async () => {
        const { card, event } = await settle(html`<news-card src=${fresh(url)}><a href="/fallback">Fallback</a></news-card>`);
        expect(event.type).to.equal('news-card-error');
        expect((event as NewsCardErrorEvent).kind).to.equal(kind);
        expect((event as NewsCardErrorEvent).status).to.equal(status);
        expect(card.state).to.equal('error');
        expect(text(part(card, 'error')!.querySelector('p'))).to.equal(message);
        expect(text(part(card, 'retry'))).to.equal('Try again');
        expect(card.querySelector('a')!.checkVisibility()).to.equal(true);
      });
    }

    it('says the reader is offline, then loads by itself when the browser is back online', async () => {
      const realFetch = window.fetch;
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      // No server can take the browser offline: this one failure is simulated.
      window.fetch = () => Promise.reject(new TypeError('Failed to fetch'));
      try {
        const { card, event } = await settle(html`<news-card src=${fresh(FEED)}></news-card>`);
        expect((event as NewsCardErrorEvent).kind).to.equal('network');
        expect(text(part(card, 'error')!.querySelector('p'))).to.equal('You are offline. The article will load when you are back online.');
        window.fetch = realFetch;
        delete (navigator as { onLine?: boolean }).onLine;
        const loaded = oneEvent(card, 'news-card-load');
        window.dispatchEvent(new Event('online'));
        await loaded;
        expect(card.state).to.equal('loaded');
      } finally {
        window.fetch = realFetch;
        delete (navigator as { onLine?: boolean }).onLine;
      }
    });
  });

  it('loads on Retry after a failure, keeping focus in the card', async () => {
    const key = uid();
    const { card } = await settle(html`<news-card src=${`/__news/toggle/${key}`}></news-card>`);
    expect(card.state).to.equal('error');
    await fetch(`/__news/toggle/${key}/up`);
    const loaded = oneEvent(card, 'news-card-load');
    part(card, 'retry')!.click();
    await loaded;
    await card.updateComplete;
    expect(text(part(card, 'title'))).to.equal('An article that came back');
    expect(card.shadowRoot!.activeElement).to.equal(part(card, 'base'));
  });

  it('asks the server again on Retry after an answer that was not an article', async () => {
    const key = uid();
    const { card, event } = await settle(html`<news-card src=${`/__news/toggle/${key}?down=shape&key=${key}`}></news-card>`);
    expect((event as NewsCardErrorEvent).kind).to.equal('invalid');
    await fetch(`/__news/toggle/${key}/up`);
    const loaded = oneEvent(card, 'news-card-load');
    part(card, 'retry')!.click();
    await loaded;
    expect((await stats(key)).requests).to.equal(2);
  });

  it('follows a Retry-After hint once, by itself', async () => {
    const key = uid();
    const src = `/__news/toggle/${key}?retry-after=1&key=${key}`;
    // The card's own one-second retry timer runs when the test says, not in real time.
    const clock = holdTimers((delay) => delay === 1000);
    try {
      const { card, event } = await settle(html`<news-card timeout="0" src=${src}></news-card>`);
      expect((event as NewsCardErrorEvent).status).to.equal(503);
      expect(clock.pending.map((t) => t.delay), 'a retry after Retry-After').to.deep.equal([1000]);
      // Still down: the automatic retry fails too, and the card does not try a third time.
      const again = oneEvent(card, 'news-card-error');
      clock.tick();
      await again;
      await card.updateComplete;
      expect(clock.pending, 'no third try').to.deep.equal([]);
      expect((await stats(key)).requests).to.equal(2);
      await fetch(`/__news/toggle/${key}/up`);
      const loaded = oneEvent(card, 'news-card-load');
      card.retry();
      await loaded;
      expect(card.state).to.equal('loaded');
    } finally {
      clock.restore();
    }
  });

  it('comes back after Retry-After when the server is up again', async () => {
    const key = uid();
    const { card } = await settle(html`<news-card src=${`/__news/toggle/${key}?retry-after=1`}></news-card>`);
    await fetch(`/__news/toggle/${key}/up`);
    await oneEvent(card, 'news-card-load');
    expect(card.state).to.equal('loaded');
  });

  it('shows the initial state again when src is removed', async () => {
    const { card } = await settle(html`<news-card src=${fresh(FEED)}><a href="/fallback">Fallback</a></news-card>`);
    card.removeAttribute('src');
    await card.updateComplete;
    expect(card.state).to.equal('initial');
    expect(card.querySelector('a')!.checkVisibility()).to.equal(true);
  });
});

