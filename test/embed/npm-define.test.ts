/**
 * The npm side of registration: the class entries register nothing, and a tag can be
 * registered under another name with the class's static define().
 */
import { expect, fixture, html } from '@open-wc/testing';
import { CommentBoxElement, NewsCardElement, ScrollToTopElement } from '../../src/index.js';
import type { Article } from '../../src/internal/formats/article.js';

describe('npm class entries', () => {
  it('register no tag on import', () => {
    expect(NewsCardElement).to.be.a('function');
    for (const tag of ['news-card', 'comment-box', 'scroll-to-top']) expect(customElements.get(tag), tag).to.equal(undefined);
  });

  it('define() registers a widget under the name the host picks, and it renders', async () => {
    NewsCardElement.define('agency-news-card');
    CommentBoxElement.define('agency-comment-box');
    ScrollToTopElement.define('agency-scroll-to-top');
    expect(customElements.get('agency-news-card')).to.equal(NewsCardElement);
    const article: Article = { title: 'Renamed on the npm side', authors: [], tags: [] };
    const card = await fixture<NewsCardElement>(html`<agency-news-card .article=${article}></agency-news-card>`);
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('[part~="title"]')!.textContent!.trim()).to.equal('Renamed on the npm side');
  });

  it('define() with the default name afterwards registers a subclass and throws nothing', () => {
    NewsCardElement.define();
    const ctor = customElements.get('news-card')!;
    expect(document.createElement('news-card')).to.be.instanceOf(NewsCardElement);
    expect(() => NewsCardElement.define()).not.to.throw();
    expect(customElements.get('news-card')).to.equal(ctor);
  });
});
