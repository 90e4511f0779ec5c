import { expect, html } from '@open-wc/testing';
import type { NewsFeedLoadEvent } from '../../src/internal/events.js';
import type { Article } from '../../src/internal/formats/article.js';
import { NewsFeedElement } from '../../src/news-feed/news-feed.js';
import { feedUrl, mount, moreButton, part, parts, reaches, requests, settle, text, titles } from './helpers.js';

const article = (i: number, extra: Partial<Article> = {}): Article => ({
  title: `Given ${i}`,
  url: `https://agency.example/${i}`,
  summaryText: `Summary ${i}.`,
  authors: [{ name: `Author ${i}` }],
  tags: [],
  datePublished: '2025-05-16T10:00:00.000Z',
  ...extra,
});

describe('<news-feed> rendering', () => {
  it('is accessible when loaded', async () => {
    const { url } = feedUrl('json', { total: 8, per: 20 });
    const { feed } = await settle(html`<news-feed src=${url} heading="Partner news"></news-feed>`);
    await expect(feed).to.be.accessible();
  });

  it('shows the latest five articles of a JSON Feed by default, as a real list of compact cards', async () => {
    const { url } = feedUrl('json', { total: 12, per: 20 });
    const { feed, event } = await settle(html`<news-feed src=${url}></news-feed>`);
    expect(feed.state).to.equal('loaded');
    const list = part(feed, 'list')!;
    expect(list.localName).to.equal('ul');
    const items = parts(feed, 'item');
    expect(items.map((li) => li.localName)).to.deep.equal(['li', 'li', 'li', 'li', 'li']);
    expect(items.every((li) => li.parentElement === list)).to.equal(true);
    expect(titles(feed)).to.deep.equal(['Article 1', 'Article 2', 'Article 3', 'Article 4', 'Article 5']);
    // Each card: image, headline linking to the article, date, author, summary; no tags or "Read more".
    const first = items[0]!;
    const link = first.querySelector<HTMLAnchorElement>('[part~="title-link"]')!;
    expect(link.href).to.equal(new URL('/__feed/article/1', location.href).href);
    expect(link.closest('[part~="title"]')!.localName).to.equal('h2');
    expect(first.querySelector('[part~="image"]')).to.not.equal(null);
    expect(first.querySelector('time[part~="date"]')!.getAttribute('datetime')).to.equal('2025-05-16T09:00:00.000Z');
    expect(text(first.querySelector('[part~="author"]'))).to.equal('Author 1');
    expect(text(first.querySelector('[part~="summary"]'))).to.equal('Summary of article 1.');
    expect(first.querySelector('[part~="tags"], [part~="read-more"]')).to.equal(null);
    // Each article is labelled by its own headline: ids are unique in the shadow root.
    const labels = items.map((li) => li.querySelector('article')!.getAttribute('aria-labelledby')!);
    expect(new Set(labels).size).to.equal(5);
    labels.forEach((id, i) => expect(text(feed.shadowRoot!.getElementById(id))).to.equal(`Article ${i + 1}`));
    expect((event as NewsFeedLoadEvent).articles.map((a) => a.title)).to.deep.equal(titles(feed));
    expect((event as NewsFeedLoadEvent).hasMore).to.equal(true);
  });

  it('labels the list by its visible heading, else by `label`, else by a localised default', async () => {
    const a = await settle(html`<news-feed src=${feedUrl('json', { total: 2 }).url} heading="Partneru ziņas" heading-level="3"></news-feed>`);
    const heading = part(a.feed, 'heading')!;
    expect(heading.localName).to.equal('h3');
    expect(text(heading)).to.equal('Partneru ziņas');
    expect(part(a.feed, 'list')!.getAttribute('aria-labelledby')).to.equal(heading.id);
    expect(part(a.feed, 'list')!.hasAttribute('aria-label')).to.equal(false);
    // Headlines sit one level below the heading.
    expect(parts(a.feed, 'title').map((h) => h.localName)).to.deep.equal(['h4', 'h4']);

    const b = await settle(html`<news-feed src=${feedUrl('json', { total: 2 }).url} label="From our partners"></news-feed>`);
    expect(part(b.feed, 'heading')).to.equal(null);
    expect(part(b.feed, 'list')!.getAttribute('aria-label')).to.equal('From our partners');
    expect(part(b.feed, 'list')!.hasAttribute('aria-labelledby')).to.equal(false);

    const c = await settle(html`<news-feed lang="lv" src=${feedUrl('json', { total: 2 }).url}></news-feed>`);
    expect(part(c.feed, 'list')!.getAttribute('aria-label')).to.equal('Ziņas');
  });

  it('shows `limit` articles, at most 50, and 5 for a limit that is no count', async () => {
    const shown = async (limit: string) => {
      const { feed } = await settle(html`<news-feed src=${feedUrl('json', { total: 80, per: 100 }).url} limit=${limit}></news-feed>`);
      return parts(feed, 'item').length;
    };
    expect(await shown('3')).to.equal(3);
    expect(await shown('1')).to.equal(1);
    expect(await shown('80')).to.equal(50);
    expect(await shown('0')).to.equal(5);
    expect(await shown('-2')).to.equal(5);
    expect(await shown('lots')).to.equal(5);
  });

  it('shows a WordPress posts list with featured images, authors and excerpts', async () => {
    const { url } = feedUrl('wp', { total: 7, per: 10 });
    const { feed } = await settle(html`<news-feed src=${url} limit="4"></news-feed>`);
    expect(titles(feed)).to.deep.equal(['Post 1', 'Post 2', 'Post 3', 'Post 4']);
    const first = parts(feed, 'item')[0]!;
    expect(first.querySelector<HTMLAnchorElement>('[part~="title-link"]')!.getAttribute('href')).to.equal('http://127.0.0.1/__feed/post/1');
    expect(first.querySelector<HTMLImageElement>('[part~="image"]')!.getAttribute('src')).to.equal(new URL('/__news/images/post-1.svg', location.href).href);
    expect(text(first.querySelector('[part~="author"]'))).to.equal('Editor');
    expect(text(first.querySelector('[part~="summary"]'))).to.equal('Excerpt of post 1…');
  });

  it('lays the cards out in columns with layout="grid"', async () => {
    const wrapper = document.createElement('div');
    wrapper.style.inlineSize = '900px';
    document.body.append(wrapper);
    try {
      const feed = await mount(html`<news-feed layout="grid" limit="3" .articles=${[article(1), article(2), article(3)]}></news-feed>`, wrapper);
      const tops = parts(feed, 'item').map((li) => Math.round(li.getBoundingClientRect().top));
      expect(new Set(tops).size).to.equal(1);
      feed.layout = 'list';
      await feed.updateComplete;
      const rows = parts(feed, 'item').map((li) => Math.round(li.getBoundingClientRect().top));
      expect(new Set(rows).size).to.equal(3);
    } finally {
      wrapper.remove();
    }
  });

  it('shows `articles` given by code without a request, the rest on "load more"', async () => {
    let events = 0;
    const feed = await mount(html`<news-feed limit="2" .articles=${[article(1), article(2), article(3)]} @news-feed-load=${() => events++}></news-feed>`);
    expect(feed.state).to.equal('loaded');
    expect(titles(feed)).to.deep.equal(['Given 1', 'Given 2']);
    moreButton(feed)!.click();
    await feed.updateComplete;
    expect(titles(feed)).to.deep.equal(['Given 1', 'Given 2', 'Given 3']);
    expect(moreButton(feed)).to.equal(null);
    // Code's data is no load the element performed.
    expect(events).to.equal(0);
  });

  it('shows an invalid `articles` list as the invalid error, without Retry', async () => {
    const feed = await mount(html`<news-feed .articles=${[article(1), { title: 5 } as unknown as Article]}></news-feed>`);
    expect(feed.state).to.equal('error');
    expect(text(part(feed, 'error'))).to.contain('does not contain a list of articles');
    expect(part(feed, 'retry')).to.equal(null);
    feed.articles = 'nope' as unknown as Article[];
    await feed.updateComplete;
    expect(feed.state).to.equal('error');
  });

  it('skips items that are no article and shows the others; a feed of none is invalid', async () => {
    const some = await settle(html`<news-feed src="/__feed/fixed/some-bad"></news-feed>`);
    expect(titles(some.feed)).to.deep.equal(['Good one', 'Good two']);
    const none = await settle(html`<news-feed src="/__feed/fixed/all-bad"></news-feed>`);
    expect(none.event.type).to.equal('news-feed-error');
    expect((none.event as { kind?: string }).kind).to.equal('invalid');
    expect(none.feed.state).to.equal('error');
    const other = await settle(html`<news-feed src="/__feed/fixed/no-list"></news-feed>`);
    expect((other.event as { kind?: string }).kind).to.equal('invalid');
  });

  it('renders every link from the data through the URL check, and follows no unsafe next page', async () => {
    const { feed } = await settle(html`<news-feed src="/__feed/fixed/unsafe-links"></news-feed>`);
    const hrefs = [...feed.shadowRoot!.querySelectorAll('[href]')].map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal(['https://agency.example/ok']);
    expect([...feed.shadowRoot!.querySelectorAll('[src]')]).to.deep.equal([]);
    // Unsafe headlines are text, not links.
    expect(titles(feed)).to.deep.equal(['Script link', 'Data link', 'Good link']);
    expect(moreButton(feed)).to.equal(null);
    expect(feed.hasMore).to.equal(false);
  });

  it('registers under another tag with define()', async () => {
    NewsFeedElement.define('partner-feed');
    NewsFeedElement.define('partner-feed');
    expect(customElements.get('partner-feed')!.prototype).to.be.instanceOf(NewsFeedElement);
    const { key, url } = feedUrl('json', { total: 1 });
    const wrapper = document.createElement('div');
    document.body.append(wrapper);
    wrapper.innerHTML = `<partner-feed src="${url}"></partner-feed>`;
    const feed = wrapper.firstElementChild as NewsFeedElement;
    await reaches(feed, 'loaded');
    expect(await requests(key)).to.have.length(1);
    wrapper.remove();
  });
});
