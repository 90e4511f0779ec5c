// <news-feed> from the built script-tag bundle (dist/lapa-widgets.min.js, `npm run build`)
// on a host page, loaded as a partner pastes it. This file imports no sources (types only),
// so everything it sees comes from the bundle, the XML mapper inlined in it included.
import { expect } from '@open-wc/testing';
import type { NewsFeedLoadEvent } from '../../src/internal/events.js';
import { loadBundle } from '../support/bundle.js';

const key = () => Math.random().toString(36).slice(2);

async function load(src: string, limit = 3): Promise<{ feed: HTMLElement; event: NewsFeedLoadEvent }> {
  const feed = document.createElement('news-feed');
  feed.setAttribute('limit', String(limit));
  feed.setAttribute('heading', 'Partner news');
  const loaded = new Promise<NewsFeedLoadEvent>((resolve, reject) => {
    feed.addEventListener('news-feed-load', (e) => resolve(e as NewsFeedLoadEvent), { once: true });
    feed.addEventListener('news-feed-error', (e) => reject(new Error(`news-feed-error ${(e as Event & { kind: string }).kind}`)), { once: true });
  });
  feed.setAttribute('src', src);
  document.body.append(feed);
  return { feed, event: await loaded };
}

describe('<news-feed> in the script-tag bundle', () => {
  let errors: unknown[];
  before(async () => {
    expect(customElements.get('news-feed'), 'nothing defined before the bundle').to.equal(undefined);
    errors = await loadBundle();
  });

  it('is defined and exposed as LapaWidgets.NewsFeedElement', () => {
    expect(errors).to.deep.equal([]);
    const api = window.LapaWidgets as unknown as Record<string, unknown>;
    expect(api.NewsFeedElement).to.equal(customElements.get('news-feed'));
  });

  it('renders a JSON Feed and loads the next page on "load more"', async () => {
    const { feed, event } = await load(`/__feed/json?total=5&per=3&key=${key()}`);
    expect(event.articles.map((a) => a.title)).to.deep.equal(['Article 1', 'Article 2', 'Article 3']);
    const root = feed.shadowRoot!;
    expect(root.querySelectorAll('ul[part~="list"] > li')).to.have.length(3);
    const more = new Promise<NewsFeedLoadEvent>((resolve) => feed.addEventListener('news-feed-load', (e) => resolve(e as NewsFeedLoadEvent), { once: true }));
    root.querySelector<HTMLButtonElement>('[part~="load-more"]')!.click();
    expect((await more).articles).to.have.length(5);
    feed.remove();
  });

  it('renders an RSS feed', async () => {
    const { feed, event } = await load(`/__feed/rss?total=4&key=${key()}`);
    expect(event.articles.map((a) => a.title)).to.deep.equal(['RSS item 1', 'RSS item 2', 'RSS item 3']);
    expect(event.hasMore).to.equal(true);
    feed.remove();
  });
});
