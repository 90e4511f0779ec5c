import { expect } from '@open-wc/testing';
import { parseArticle } from '../../src/internal/formats/detect.js';
import { expectInvalid, loadFixture } from './helpers.js';

describe('JSON Feed', () => {
  it('reads the first item of a 1.1 feed with every field it uses', async () => {
    const { data, url } = await loadFixture('jsonfeed/feed-1.1.json');
    const article = parseArticle(data, { baseUrl: url })!;
    expect(article.id).to.equal('radosa-uznemejdarbiba');
    expect(article.title).to.equal('Radošās sociālās uzņēmējdarbības projekts noslēdzies');
    expect(article.summaryText).to.match(/^Divu gadu sadarbība/);
    expect(article.contentHtml).to.contain('<strong>jauniešu centrus</strong>');
    expect(article.datePublished).to.equal('2025-05-16T09:00:00.000Z');
    expect(article.dateModified).to.equal('2025-05-18T06:30:00.000Z');
    expect(article.tags).to.deep.equal(['sadarbība', 'sociālā uzņēmējdarbība', 'Gruzija']);
    expect(article.language).to.equal('lv');
    expect(article.baseUrl).to.equal(url);
  });

  it('resolves relative URLs against the response URL', async () => {
    const { data, url } = await loadFixture('jsonfeed/feed-1.1.json');
    const article = parseArticle(data, { baseUrl: url })!;
    expect(article.url).to.equal(new URL('raksti/radosa-uznemejdarbiba', url).href);
    expect(article.image?.src).to.equal(new URL('images/darbnica.svg', url).href);
    expect(article.authors[0]).to.deep.equal({ name: 'Anna Bērziņa', url: new URL('autori/anna-berzina', url).href });
    expect(article.authors[1]).to.deep.equal({ name: 'Lars Lindqvist' });
  });

  it('picks the item whose id equals item-id, string or number', async () => {
    const { data, url } = await loadFixture('jsonfeed/feed-1.1.json');
    const second = parseArticle(data, { baseUrl: url, itemId: 'goteborg-studiebesok' })!;
    expect(second.title).to.equal('Studiebesök i Göteborg');
    const third = parseArticle(data, { baseUrl: url, itemId: '3' })!;
    expect(third.id).to.equal('3');
    expect(third.url).to.equal('https://partner.example/tbilisi');
  });

  it('gives null (the empty state) when no item has the id asked for', async () => {
    const { data } = await loadFixture('jsonfeed/feed-1.1.json');
    expect(parseArticle(data, { itemId: 'no-such-item' })).to.equal(null);
  });

  it("uses the feed's authors and language for an item without its own, and the item's language over the feed's", async () => {
    const { data, url } = await loadFixture('jsonfeed/feed-1.1.json');
    const article = parseArticle(data, { baseUrl: url, itemId: 'goteborg-studiebesok' })!;
    expect(article.authors).to.deep.equal([{ name: 'Aģentūras preses dienests', url: 'https://agency.example/kontakti' }]);
    expect(article.language).to.equal('sv');
    expect(article.contentText).to.contain('\n\nDe lärde sig');
    expect(article.image?.src).to.equal(new URL('/__news/images/banner.svg', url).href, 'banner_image when there is no image');
  });

  it('keeps a title with markup characters as plain text and drops a date that does not parse', async () => {
    const { data } = await loadFixture('jsonfeed/feed-1.1.json');
    const article = parseArticle(data, { itemId: '3' })!;
    expect(article.title).to.equal('Tbilisi <seminārs> & darbnīcas');
    expect(article).not.to.have.property('datePublished');
  });

  it("reads JSON Feed 1.0's singular author, on the item and on the feed", async () => {
    const { data, url } = await loadFixture('jsonfeed/feed-1.0.json');
    const first = parseArticle(data, { baseUrl: url })!;
    expect(first.authors).to.deep.equal([{ name: 'Mariam Beridze', url: 'https://partner.example/people/mariam' }]);
    const second = parseArticle(data, { baseUrl: url, itemId: 'https://partner.example/2025/seminar' })!;
    expect(second.authors).to.deep.equal([{ name: 'Partner Newsroom', url: 'https://partner.example/newsroom' }]);
  });

  it('reads a lone item object', async () => {
    const { data, url } = await loadFixture('jsonfeed/item.json');
    const article = parseArticle(data, { baseUrl: url })!;
    expect(article.title).to.match(/^A community café in Tbilisi/);
    expect(article.image).to.deep.equal({ src: 'https://agency.example/images/cafe.svg', alt: '' });
    expect(article.authors).to.deep.equal([{ name: 'Nino Kapanadze' }]);
    expect(article.language).to.equal('en');
  });

  it('makes a headline from the text of an item without a title', async () => {
    const { data } = await loadFixture('jsonfeed/text-only.json');
    const article = parseArticle(data)!;
    expect(article.title).to.match(/^The partners met online today to plan the autumn seminar,? .*…$/);
    expect(article.title.length).to.be.at.most(81);
  });

  it('gives null for a feed with no items', async () => {
    const { data } = await loadFixture('jsonfeed/empty.json');
    expect(parseArticle(data)).to.equal(null);
  });

  it('drops URLs with schemes other than http(s) and mailto', () => {
    const article = parseArticle({
      content_html: '<p>x</p>',
      title: 'T',
      url: 'javascript:alert(1)',
      image: 'data:image/svg+xml,<svg onload=alert(1)>',
      authors: [{ name: 'A', url: 'vbscript:msgbox(1)' }],
    })!;
    expect(article).not.to.have.property('url');
    expect(article).not.to.have.property('image');
    expect(article.authors).to.deep.equal([{ name: 'A' }]);
  });

  it('refuses a feed whose fields have the wrong types', () => {
    const feed = (item: unknown) => ({ version: 'https://jsonfeed.org/version/1.1', items: [item] });
    expectInvalid(() => parseArticle({ version: 'https://jsonfeed.org/version/1.1', items: {} }));
    expectInvalid(() => parseArticle(feed('an item')));
    expectInvalid(() => parseArticle(feed({ title: 42, content_html: '' })));
    expectInvalid(() => parseArticle(feed({ title: 'T', content_html: ['<p>'] })));
    expectInvalid(() => parseArticle(feed({ title: 'T', content_text: 'x', tags: 'one, two' })));
    expectInvalid(() => parseArticle(feed({ title: 'T', content_text: 'x', tags: [1] })));
    expectInvalid(() => parseArticle(feed({ title: 'T', content_text: 'x', authors: [{ name: 5 }] })));
    expectInvalid(() => parseArticle(feed({ title: 'T', content_text: 'x', authors: { name: 'A' } })));
    expectInvalid(() => parseArticle(feed({ title: '', content_text: '   ' })));
  });
});
