import { expect } from '@open-wc/testing';
import { readXmlFeed } from '../../src/internal/formats/xml-feed.js';
import { expectFormatError, loadText } from './helpers.js';

describe('Atom 1.0', () => {
  it('reads an entry with every field it uses, resolving against xml:base', async () => {
    const { text, url } = await loadText('fixtures/atom/feed.atom.xml');
    const feed = readXmlFeed(text, { baseUrl: url });
    expect(feed.format).to.equal('atom');
    expect(feed.count).to.equal(4);
    const article = feed.item(0);
    expect(article.title).to.equal('Fish & chips');
    expect(article.id).to.equal('tag:atom.example,2025:1');
    expect(article.url).to.equal('https://atom.example/blog/posts/1');
    expect(article.contentHtml).to.match(/^<p xmlns="http:\/\/www.w3.org\/1999\/xhtml">Hela <em>artikeln<\/em>.<\/p>/);
    expect(article.summaryText).to.equal('Kort sammanfattning.');
    expect(article.datePublished).to.equal('2025-05-16T10:00:00.000Z');
    expect(article.dateModified).to.equal('2025-05-17T08:15:30.250Z');
    expect(article.authors).to.deep.equal([{ name: 'Lars Lindqvist', url: 'https://atom.example/blog/authors/lars' }, { name: 'Anna Bērziņa' }]);
    expect(article.tags).to.deep.equal(['Samarbete', 'georgia']);
    expect(article.image).to.deep.equal({ src: 'https://atom.example/blog/bilder/inne.jpg', alt: 'Inne' });
    expect(article.language).to.equal('sv');
    expect(article.baseUrl).to.equal('https://atom.example/blog/');
  });

  it('serialises xhtml content with CDATA as text and without comments or processing instructions', () => {
    const feed = readXmlFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p><![CDATA[<b>a</b> & b]]><!-- c --><?pi d?></p></div></content></entry></feed>',
      {},
    );
    expect(feed.item(0).contentHtml).to.equal('<p xmlns="http://www.w3.org/1999/xhtml">&lt;b&gt;a&lt;/b&gt; &amp; b</p>');
  });

  it('gives the feed link rel="next" as an absolute URL (RFC 5005)', async () => {
    const { text, url } = await loadText('fixtures/atom/feed.atom.xml');
    expect(readXmlFeed(text, { baseUrl: url }).next).to.equal('https://atom.example/blog/?page=2');
  });

  it('reads a relation written as its IANA IRI as the registered name (RFC 4287 4.2.7.2)', () => {
    const feed = readXmlFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><link rel="http://www.iana.org/assignments/relation/next" href="https://atom.example/?page=2"/>' +
        '<link rel="https://www.iana.org/assignments/relation/previous" href="https://atom.example/?page=0"/>' +
        '<entry><title>x</title><link rel="http://www.iana.org/assignments/relation/alternate" href="https://atom.example/x"/></entry></feed>',
      {},
    );
    expect(feed.next).to.equal('https://atom.example/?page=2');
    expect(feed.item(0).url).to.equal('https://atom.example/x');
  });

  it('takes no next link from an IRI that only resembles the registered one', () => {
    const feed = readXmlFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><link rel="http://www.iana.org/assignments/relation/x/next" href="https://atom.example/?page=2"/>' +
        '<link rel="http://example.org/next" href="https://atom.example/?page=3"/><entry><title>x</title></entry></feed>',
      {},
    );
    expect(feed.next).to.equal(undefined);
  });

  it('takes the feed authors for an entry without its own, an image enclosure, and updated for a missing published date', async () => {
    const { text, url } = await loadText('fixtures/atom/feed.atom.xml');
    const article = readXmlFeed(text, { baseUrl: url }).item(1);
    expect(article.authors).to.deep.equal([{ name: 'Redaktionen', url: 'https://atom.example/om-oss' }]);
    expect(article.url).to.equal('https://atom.example/blog/posts/2');
    expect(article.image?.src).to.equal('https://atom.example/blog/bilder/bifogad.png');
    expect(article.contentHtml).to.equal('<p>Body with <a href="relative">a link</a>.</p>');
    expect(article.datePublished).to.equal('2025-05-15T15:00:00.000Z');
    expect(article.dateModified).to.equal('2025-05-15T15:00:00.000Z');
  });

  it('keeps a text title as it is, text content as text, and the entry xml:base and xml:lang', async () => {
    const { text, url } = await loadText('fixtures/atom/feed.atom.xml');
    const article = readXmlFeed(text, { baseUrl: url }).item(2);
    expect(article.title).to.equal('a < b, in plain text');
    expect(article.contentText).to.equal('Paragraph one.\n\nParagraph two.');
    expect(article).not.to.have.property('contentHtml');
    expect(article.url).to.equal('https://other.example/x/y');
    expect(article.image?.src).to.equal('https://other.example/x/thumb.jpg');
    expect(article.language).to.equal('lv');
  });

  it('skips out-of-line content, unsafe links and invalid dates', async () => {
    const { text, url } = await loadText('fixtures/atom/feed.atom.xml');
    const article = readXmlFeed(text, { baseUrl: url }).item(3);
    expect(article.url).to.equal('https://atom.example/blog/posts/4');
    expect(article).not.to.have.property('contentHtml');
    expect(article.summaryHtml).to.equal('<p>Only a summary.</p>');
    expect(article).not.to.have.property('datePublished');
    expect(article).not.to.have.property('dateModified');
  });

  it('finds an entry by its id', async () => {
    const { text, url } = await loadText('fixtures/atom/feed.atom.xml');
    expect(readXmlFeed(text, { baseUrl: url }).indexOf('tag:atom.example,2025:3')).to.equal(2);
  });

  it('maps only the entries asked for: the first of 10,000', async () => {
    const { text } = await loadText('many?items=10000&format=atom');
    const feed = readXmlFeed(text, {});
    expect(feed.count).to.equal(10_000);
    expect(feed.item(0).title).to.equal('The first of many');
    expectFormatError(() => feed.item(1), 'invalid');
  });

  it('counts a feed without entries as empty', async () => {
    const { text } = await loadText('empty?format=atom');
    const feed = readXmlFeed(text, {});
    expect([feed.count, feed.next]).to.deep.equal([0, undefined]);
  });
});
