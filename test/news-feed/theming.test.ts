import { expect, html } from '@open-wc/testing';
import type { Article } from '../../src/internal/formats/article.js';
import { container, mount, part, parts } from './helpers.js';

const articles: Article[] = [1, 2, 3].map((i) => ({ title: `Given ${i}`, url: `https://agency.example/${i}`, summaryText: 'S.', authors: [], tags: [] }));

describe('<news-feed> theming', () => {
  it('takes the shared --lapa-* properties, and its own --news-feed-* ones over them', async () => {
    const wrapper = container();
    wrapper.style.setProperty('--lapa-accent-color', 'rgb(1, 2, 3)');
    wrapper.style.setProperty('--lapa-background', 'rgb(10, 20, 30)');
    // A page's news-card theme is not the feed's.
    wrapper.style.setProperty('--news-card-accent-color', 'rgb(200, 0, 0)');
    const feed = await mount(html`<news-feed limit="2" .articles=${articles}></news-feed>`, wrapper);
    const button = part(feed, 'load-more')!;
    const item = parts(feed, 'item')[0]!;
    expect(getComputedStyle(button).color).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(item).backgroundColor).to.equal('rgb(10, 20, 30)');
    feed.style.setProperty('--news-feed-accent-color', 'rgb(4, 5, 6)');
    expect(getComputedStyle(button).color).to.equal('rgb(4, 5, 6)');
  });

  it('follows the page colour scheme, and theme="dark" forces dark cards', async () => {
    const feed = await mount(html`<news-feed limit="1" .articles=${articles}></news-feed>`);
    const item = () => parts(feed, 'item')[0]!;
    expect(getComputedStyle(item()).backgroundColor).to.equal('rgb(255, 255, 255)');
    feed.theme = 'dark';
    await feed.updateComplete;
    expect(getComputedStyle(item()).backgroundColor).to.equal('rgb(29, 33, 39)');
  });

  it('keeps its display against a hostile page rule', async () => {
    const style = document.createElement('style');
    style.textContent = 'news-feed { display: none; } * { all: unset; }';
    document.head.append(style);
    try {
      const feed = await mount(html`<news-feed limit="1" .articles=${articles}></news-feed>`);
      expect(getComputedStyle(feed).display).to.equal('block');
    } finally {
      style.remove();
    }
  });
});
