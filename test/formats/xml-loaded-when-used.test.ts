import { expect, html } from '@open-wc/testing';
import { fresh, part, settle, text } from '../news-card/helpers.js';

/** Whether the page has requested the XML mapper module. */
const mapperLoaded = () => performance.getEntriesByType('resource').some((entry) => /\/formats\/xml-feed\.(js|ts)\b/.test(entry.name));

// This file imports nothing of the XML mapper itself: the page loads it only through a card.
describe('XML mapper, loaded when used', () => {
  it('is not requested for JSON answers, nor for answers that are not XML, and is for the first XML answer', async () => {
    performance.setResourceTimingBufferSize(10_000);
    const json = await settle(html`<news-card src=${fresh('/__news/fixtures/jsonfeed/feed-1.1.json')}></news-card>`);
    expect(json.event.type).to.equal('news-card-load');
    const page = await settle(html`<news-card src=${fresh('/__feeds/html-page')}></news-card>`);
    expect(page.event.type).to.equal('news-card-error');
    expect(mapperLoaded(), 'after JSON and HTML answers').to.equal(false);
    const { card } = await settle(html`<news-card src=${fresh('/__feeds/fixtures/rss/feed.rss.xml')}></news-card>`);
    expect(text(part(card, 'title'))).to.equal('Tom & Jerry atgriežas mājās');
    expect(mapperLoaded(), 'after an RSS answer').to.equal(true);
  });
});
