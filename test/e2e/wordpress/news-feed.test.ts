/**
 * <news-feed> from the built script-tag bundle, reading a real WordPress's REST posts list
 * with a category filter on another origin: "load more" follows X-WP-TotalPages with page=N
 * and keeps the category (WordPress users report "load more" dropping it).
 */
import { expect, fixture, html } from '@open-wc/testing';
import type { NewsFeedErrorEvent, NewsFeedLoadEvent } from '../../../src/index.js';
import { outcome, seed, shadow, text } from './helpers.js';
import type { Seed } from './helpers.js';

let data: Seed;

const titles = (root: ShadowRoot) => [...root.querySelectorAll('[part~="title"]')].map((h) => text(h));

async function click(feed: HTMLElement): Promise<NewsFeedLoadEvent> {
  const next = outcome<NewsFeedLoadEvent, NewsFeedErrorEvent>(feed, 'news-feed-load', 'news-feed-error', (e) => `kind=${e.kind} status=${e.status}`);
  shadow(feed).querySelector<HTMLButtonElement>('[part~="load-more"]')!.click();
  const event = await next;
  await (feed as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
  return event;
}

describe('<news-feed> on a real WordPress', () => {
  before(async () => {
    data = await seed();
    performance.setResourceTimingBufferSize(10_000);
  });

  it('follows "load more" across pages of the posts list, keeping the category filter and every other parameter', async () => {
    const { category, posts, titles: expected } = data.feed;
    const src = `${posts}?categories=${category}&per_page=2&_embed=1&orderby=date&order=desc`;
    const wrapper = await fixture<HTMLElement>(html`<div lang="lv"><news-feed limit="2" heading="Partneru ziņas"></news-feed></div>`);
    const feed = wrapper.querySelector<HTMLElement>('news-feed')!;
    const first = outcome<NewsFeedLoadEvent, NewsFeedErrorEvent>(feed, 'news-feed-load', 'news-feed-error', (e) => `kind=${e.kind} status=${e.status}`);
    feed.setAttribute('src', src);
    const loaded = await first;
    await (feed as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete;
    const root = shadow(feed);
    expect(titles(root)).to.deep.equal(expected.slice(0, 2));
    expect(loaded.hasMore).to.equal(true);

    const second = await click(feed);
    expect(titles(root)).to.deep.equal(expected.slice(0, 4));
    expect(root.activeElement).to.equal(root.querySelectorAll('[part~="item"]')[2]!.querySelector('[part~="title-link"]'));
    const third = await click(feed);
    expect(titles(root)).to.deep.equal(expected);
    expect(second.hasMore).to.equal(true);
    expect(third.hasMore).to.equal(false);
    expect(root.querySelector('[part~="load-more"]')).to.equal(null);

    // What was asked for: the same query each time, and page=2, page=3.
    const asked = performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name))
      .filter((url) => url.href.startsWith(posts) && url.searchParams.get('categories') === String(category));
    expect(asked.map((url) => url.searchParams.get('page'))).to.deep.equal([null, '2', '3']);
    for (const url of asked) {
      expect([...url.searchParams].filter(([name]) => name !== 'page')).to.deep.equal([
        ['categories', String(category)],
        ['per_page', '2'],
        ['_embed', '1'],
        ['orderby', 'date'],
        ['order', 'desc'],
      ]);
    }
  });
});
