import { expect, html, oneEvent } from '@open-wc/testing';
import { nothing, render } from 'lit';
import { NewsCardEmptyEvent, NewsCardErrorEvent, NewsCardLoadEvent } from '../../src/internal/events.js';
import { until } from '../support/until.js';
import type { NewsCardElement } from '../../src/news-card/news-card.js';
import { EMPTY, FEED, container, fresh, mount, outcome, part, reaches, settle, text } from './helpers.js';

describe('<news-card> events', () => {
  it('fires news-card-load with the normalised article for a src set in markup, after rendering it', async () => {
    const wrapper = container();
    let titleAtEvent = '';
    wrapper.addEventListener('news-card-load', (event) => {
      titleAtEvent = text(part(event.target as NewsCardElement, 'title'));
    });
    const next = outcome(wrapper);
    render(html`<news-card src=${fresh(FEED)}></news-card>`, wrapper);
    const event = await next;
    expect(event).to.be.instanceOf(NewsCardLoadEvent);
    expect((event as NewsCardLoadEvent).article.title).to.equal('Radošās sociālās uzņēmējdarbības projekts noslēdzies');
    expect((event as NewsCardLoadEvent).article.authors).to.have.length(2);
    expect(titleAtEvent).to.equal('Radošās sociālās uzņēmējdarbības projekts noslēdzies');
  });

  it('fires news-card-load for a src set by code', async () => {
    const card = document.createElement('news-card');
    container().append(card);
    const loaded = oneEvent(card, 'news-card-load');
    card.src = fresh(FEED);
    expect(((await loaded) as unknown as NewsCardLoadEvent).article.id).to.equal('radosa-uznemejdarbiba');
  });

  it('fires news-card-error with kind and status, bubbling and composed out of a shadow root', async () => {
    const host = container();
    const root = host.attachShadow({ mode: 'open' });
    const heard = new Promise<NewsCardErrorEvent>((resolve) => document.addEventListener('news-card-error', (event) => resolve(event as NewsCardErrorEvent), { once: true }));
    render(html`<news-card src=${fresh('/__news/status/404')}></news-card>`, root);
    const event = await heard;
    expect(event).to.be.instanceOf(NewsCardErrorEvent);
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
    expect(event.kind).to.equal('http');
    expect(event.status).to.equal(404);
  });

  it('fires nothing when the article property is set', async () => {
    const wrapper = container();
    let fired = 0;
    wrapper.addEventListener('news-card-load', () => fired++);
    wrapper.addEventListener('news-card-error', () => fired++);
    render(html`<news-card .article=${{ title: 'Given', authors: [], tags: [] }}></news-card>`, wrapper);
    const card = wrapper.querySelector('news-card')!;
    await card.updateComplete;
    card.article = { title: 42 } as never;
    await card.updateComplete;
    expect(card.state).to.equal('error');
    expect(fired).to.equal(0);
  });

  it('fires once per load, not when the card re-renders, and again for a new src', async () => {
    const { card } = await settle(html`<news-card src=${fresh(FEED)}></news-card>`);
    let fired = 0;
    card.addEventListener('news-card-load', () => fired++);
    card.variant = 'full';
    card.lang = 'sv';
    await card.updateComplete;
    await card.updateComplete;
    expect(fired).to.equal(0);
    const next = oneEvent(card, 'news-card-load');
    card.src = fresh(FEED);
    await next;
    expect(fired).to.equal(1);
  });

  for (const [what, src] of [
    ['an empty JSON Feed', EMPTY],
    ['an empty WordPress list', '/__news/fixtures/wordpress/00-posts-search-none.json'],
    ['an RSS channel without items', '/__feeds/empty?format=rss'],
    ['an Atom feed without entries', '/__feeds/empty?format=atom'],
    ['a feed without the item of item-id', `${FEED}?item-id`],
  ]) {
    it(`fires news-card-empty for ${what}, once the empty state is rendered, and no load or error`, async () => {
      const wrapper = container();
      let other = 0;
      wrapper.addEventListener('news-card-load', () => other++);
      wrapper.addEventListener('news-card-error', () => other++);
      const seen: string[] = [];
      const empty = new Promise<NewsCardEmptyEvent>((resolve) =>
        wrapper.addEventListener('news-card-empty', (event) => {
          const card = event.target as NewsCardElement;
          seen.push(`${card.state} ${part(card, 'empty')?.textContent}`);
          resolve(event);
        }),
      );
      render(html`<news-card item-id=${src.endsWith('?item-id') ? 'no-such-item' : nothing} src=${fresh(src.replace('?item-id', ''))}></news-card>`, wrapper);
      const event = await empty;
      expect(event).to.be.instanceOf(NewsCardEmptyEvent);
      expect([event.bubbles, event.composed]).to.deep.equal([true, true]);
      expect(seen).to.deep.equal(['empty There is no article to show.']);
      expect(other).to.equal(0);
    });
  }

  it('fires news-card-empty again only for a new load, not for re-renders', async () => {
    const card = await mount(html`<news-card src=${fresh(EMPTY)}></news-card>`);
    let fired = 0;
    card.addEventListener('news-card-empty', () => fired++);
    await reaches(card, 'empty');
    await until(() => fired === 1, 'the empty event');
    card.lang = 'lv';
    await until(() => part(card, 'empty')!.textContent === 'Nav neviena raksta, ko parādīt.', 'the Latvian empty state');
    expect(fired).to.equal(1);
  });
});
