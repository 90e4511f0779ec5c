/**
 * The script-tag bundle wherever a partner pastes it: in head (plain, defer, async), at
 * the start or end of body, before or after the markup, and on pages that add widgets
 * later, as a single-page app does.
 */
import { expect } from '@open-wc/testing';
import type { NewsCardElement } from '../../src/news-card/news-card.js';
import type { Article } from '../../src/internal/formats/article.js';
import {
  BUNDLE,
  COMMENTS,
  FEED,
  FEED_TITLE,
  addScript,
  byId,
  closePages,
  expectWidgetsWork,
  openPage,
  part,
  problems,
  recorded,
  rendered,
  text,
} from './helpers.js';

describe('script-tag placement', () => {
  afterEach(closePages);

  for (const [page, where] of [
    ['head-sync.html', 'in head, before the markup is parsed'],
    ['head-defer.html', 'in head with defer'],
    ['head-async.html', 'in head with async'],
    ['body-start.html', 'at the start of body, before the markup'],
    ['body-end.html', 'at the end of body, after the markup'],
  ] as const) {
    it(`renders all three widgets with real data when the bundle is ${where}`, async () => {
      const host = await openPage(`/__embed/pages/${page}`);
      expect(await expectWidgetsWork(host)).to.deep.equal([]);
      expect(problems(host)).to.deep.equal([]);
    });
  }

  it('registers every tag and exposes the classes as window.LapaWidgets once loaded', async () => {
    const host = await openPage('/__embed/pages/body-end.html');
    const api = host.win.LapaWidgets!;
    expect(Object.keys(api).sort()).to.deep.equal(['CommentBoxElement', 'CommentCountElement', 'NewsCardElement', 'NewsFeedElement', 'ScrollToTopElement', 'load']);
    expect(await api.load('news-card')).to.equal(host.win.customElements.get('news-card'));
    await Promise.all([api.load('comment-box'), api.load('scroll-to-top'), api.load('comment-count')]);
    expect(host.win.customElements.get('news-card')).to.equal(api.NewsCardElement);
    expect(host.win.customElements.get('comment-box')).to.equal(api.CommentBoxElement);
    expect(host.win.customElements.get('scroll-to-top')).to.equal(api.ScrollToTopElement);
  });
});

describe('widgets added after the bundle (single-page apps)', () => {
  afterEach(closePages);

  it('upgrades and loads widgets inserted long after the bundle ran', async () => {
    const host = await openPage('/__embed/pages/empty.html');
    await addScript(host, BUNDLE);
    const main = host.doc.getElementById('main')!;
    // A router swapping in a new view: markup first, attributes as the framework sets them.
    const card = host.doc.createElement('news-card');
    card.id = 'card';
    card.setAttribute('variant', 'full');
    card.setAttribute('src', FEED);
    const comments = host.doc.createElement('comment-box');
    comments.id = 'comments';
    comments.setAttribute('src', COMMENTS);
    const filler = host.doc.createElement('section');
    filler.className = 'filler';
    const top = host.doc.createElement('scroll-to-top');
    top.id = 'top';
    top.setAttribute('threshold', '300');
    main.append(card, comments, filler);
    host.doc.body.append(top);
    expect(await expectWidgetsWork(host)).to.deep.equal([]);
    expect(problems(host)).to.deep.equal([]);
  });

  it('keeps a view that was removed and inserted again working', async () => {
    const host = await openPage('/__embed/pages/body-end.html');
    await recorded(host, 'news-card-load', 'card');
    const card = byId<NewsCardElement>(host, 'card');
    const parent = card.parentNode!;
    card.remove();
    parent.append(card);
    await rendered(card);
    expect(text(part(card, 'title'))).to.equal(FEED_TITLE);
    expect(problems(host)).to.deep.equal([]);
  });

  it('keeps properties a framework set before the bundle loaded', async () => {
    const host = await openPage('/__embed/pages/empty.html');
    // Not yet defined: the property lands on a plain HTMLElement and must be picked up
    // by the upgrade rather than shadowed.
    const card = host.doc.createElement('news-card') as NewsCardElement;
    card.id = 'card';
    const article: Article = { title: 'Set before the upgrade', url: 'https://agency.example/news/early', authors: [], tags: [] };
    card.article = article;
    host.doc.getElementById('main')!.append(card);
    await addScript(host, BUNDLE);
    await rendered(card);
    expect(text(part(card, 'title'))).to.equal('Set before the upgrade');
    expect(problems(host)).to.deep.equal([]);
  });
});

describe('pages in a legacy charset', () => {
  afterEach(closePages);

  it('shows Latvian and Georgian text intact when a windows-1257 page loads the bundle without a charset', async () => {
    const host = await openPage('/__embed/pages/windows-1257-page.html');
    expect(host.doc.characterSet).to.equal('windows-1257');
    await Promise.all([recorded(host, 'comment-box-load', 'comments'), recorded(host, 'comment-box-load', 'comments-ka')]);
    const lv = byId(host, 'comments');
    const ka = byId(host, 'comments-ka');
    await Promise.all([rendered(lv), rendered(ka)]);
    expect(text(part(lv, 'form-heading'))).to.equal('Pievienot komentāru');
    expect(text(part(ka, 'form-heading'))).to.equal('დატოვეთ კომენტარი');
    // Names come from the JSON API (always UTF-8); shown as sent.
    expect(text(lv.shadowRoot!.querySelector('[part~="author"]'))).to.equal('Ilze Bērziņa');
    const top = byId(host, 'top');
    await rendered(top);
    expect(part(top, 'button')!.getAttribute('aria-label')).to.equal('ზემოთ დაბრუნება');
    expect(problems(host)).to.deep.equal([]);
  });
});
