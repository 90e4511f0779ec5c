import { expect } from '@open-wc/testing';
import { readXmlFeed } from '../../src/internal/formats/xml-feed.js';
import { expectFormatError, loadText } from './helpers.js';

describe('RSS 2.0', () => {
  it('reads an item with every field it uses', async () => {
    const { text, url } = await loadText('fixtures/rss/feed.rss.xml');
    const feed = readXmlFeed(text, { baseUrl: url });
    expect(feed.format).to.equal('rss');
    expect(feed.count).to.equal(4);
    expect(feed.next).to.equal(undefined);
    const article = feed.item(0);
    // Entities decoded, markup dropped, white space collapsed: a title is text.
    expect(article.title).to.equal('Tom & Jerry atgriežas mājās');
    expect(article.id).to.equal('post-1');
    expect(article.url).to.equal(new URL('/raksti/tom-un-jerry', url).href);
    expect(article.contentHtml).to.equal('<p>Viss raksts.</p><p><img src="bildes/iekšā.jpg" alt="Iekšā"></p>');
    expect(article.summaryHtml).to.equal('<p>Īss kopsavilkums ar <b>treknrakstu</b>.</p>');
    expect(article.datePublished).to.equal('2025-05-16T09:00:00.000Z');
    expect(article.authors).to.deep.equal([{ name: 'Anna Bērziņa' }, { name: 'Lars Lindqvist' }]);
    expect(article.tags).to.deep.equal(['Sadarbība', 'Gruzija']);
    expect(article.image).to.deep.equal({ src: new URL('bildes/galvenā.jpg', url).href, alt: '', width: 1200, height: 675 });
    expect(article.language).to.equal('lv');
    expect(article.baseUrl).to.equal(url);
  });

  it('takes the name of an RSS author, a permalink guid as the link, an image enclosure, named zones', async () => {
    const { text, url } = await loadText('fixtures/rss/feed.rss.xml');
    const article = readXmlFeed(text, { baseUrl: url }).item(1);
    expect(article.authors).to.deep.equal([{ name: 'Anna Bērziņa' }]);
    expect(article.url).to.equal('https://rss.example/p/2');
    expect(article.id).to.equal('https://rss.example/p/2');
    expect(article.image?.src).to.equal('https://rss.example/bild.png');
    expect(article.datePublished).to.equal('2025-05-16T14:00:00.000Z');
    // A description alone is the body (entity-escaped HTML, decoded once by the XML parser).
    expect(article.contentHtml).to.equal('<p>Besöket &amp; mötet.</p>');
    expect(article.summaryHtml).to.equal(undefined);
  });

  it('drops unsafe links and invalid dates, and finds the first usable image of the body', async () => {
    const { text, url } = await loadText('fixtures/rss/feed.rss.xml');
    const article = readXmlFeed(text, { baseUrl: url }).item(2);
    expect(article).not.to.have.property('url');
    expect(article).not.to.have.property('datePublished');
    expect(article).not.to.have.property('id');
    expect(article.image).to.deep.equal({ src: new URL('/img/second.jpg?a=1&b=2', url).href, alt: 'Second' });
  });

  it('names an untitled item by its description, and reads media:thumbnail in a media:group', async () => {
    const { text, url } = await loadText('fixtures/rss/feed.rss.xml');
    const article = readXmlFeed(text, { baseUrl: url }).item(3);
    expect(article.title).to.equal('An item without a title is named by its description, which can be long enough…');
    expect(article.image).to.deep.equal({ src: 'https://rss.example/thumb.jpg', alt: '', width: 320, height: 180 });
  });

  it('keeps every word of a title: inline tags dropped, any other "<" is text', () => {
    const title = (raw: string) => readXmlFeed(`<rss version="2.0"><channel><item><title>${raw}</title></item></channel></rss>`, {}).item(0).title;
    // WordPress writes a title naming a tag with character references.
    expect(title('HTML ar &#060;script&#062; un &#8220;onerror&#8221;')).to.equal('HTML ar <script> un “onerror”');
    expect(title('a &lt; b &amp;&amp; c &gt; d')).to.equal('a < b && c > d');
    expect(title('&lt;b&gt;Bold&lt;/b&gt; and &lt;a href="x"&gt;linked&lt;/a&gt;&lt;br/&gt;words')).to.equal('Bold and linkedwords');
    expect(title('Double-escaped &amp;amp; entities &amp;#8211; decoded')).to.equal('Double-escaped & entities – decoded');
    expect(title('<![CDATA[<img src=x onerror=alert(1)>Image tag]]>')).to.equal('<img src=x onerror=alert(1)>Image tag');
  });

  it('finds an item by its guid, and says -1 for none', async () => {
    const { text, url } = await loadText('fixtures/rss/feed.rss.xml');
    const feed = readXmlFeed(text, { baseUrl: url });
    expect(feed.indexOf('https://rss.example/p/2')).to.equal(1);
    expect(feed.indexOf('post-1')).to.equal(0);
    expect(feed.indexOf('nope')).to.equal(-1);
  });

  it('maps only the items asked for: the first of 10,000, whose others cannot be mapped', async () => {
    const { text, url } = await loadText('many?items=10000');
    const feed = readXmlFeed(text, { baseUrl: url });
    expect(feed.count).to.equal(10_000);
    expect(feed.item(0).title).to.equal('The first of many');
    expect(feed.item(0)).to.equal(feed.item(0), 'mapped once, then kept');
    expect(feed.indexOf('item-9999')).to.equal(9999);
    expectFormatError(() => feed.item(9999), 'invalid');
    expectFormatError(() => feed.item(10_000), 'invalid');
    expectFormatError(() => feed.item(-1), 'invalid');
  });

  it('reads RSS 1.0 (RDF) items', () => {
    const feed = readXmlFeed(
      `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://rdf.example/"><title>RDF</title><link>https://rdf.example/</link><description>d</description></channel>
        <item rdf:about="https://rdf.example/1"><title>First</title><link>https://rdf.example/1</link><dc:date>2025-05-16T10:00:00+03:00</dc:date><dc:creator>Anna</dc:creator></item>
      </rdf:RDF>`,
      {},
    );
    expect(feed.format).to.equal('rss');
    expect(feed.item(0)).to.deep.include({ title: 'First', id: 'https://rdf.example/1', url: 'https://rdf.example/1', datePublished: '2025-05-16T07:00:00.000Z', authors: [{ name: 'Anna' }] });
  });

  it('counts an RSS channel without items as empty', async () => {
    const { text } = await loadText('empty?format=rss');
    expect(readXmlFeed(text, {}).count).to.equal(0);
  });

  it('takes the next page from the channel\'s atom:link rel="next" (RFC 5005), and nothing else for one', () => {
    const rss = (links: string, item = '') =>
      `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>T</title>${links}<item><title>I</title>${item}</item></channel></rss>`;
    const baseUrl = 'https://rss.example/feed/?cat=5';
    expect(readXmlFeed(rss('<atom:link rel="self" href="/feed/"/><atom:link rel="next" href="?cat=5&amp;paged=2"/>'), { baseUrl }).next).to.equal('https://rss.example/feed/?cat=5&paged=2');
    expect(readXmlFeed(rss('<atom:link rel="http://www.iana.org/assignments/relation/next" href="/p2"/>'), { baseUrl }).next).to.equal('https://rss.example/p2');
    // Not: a self link, an RSS <link> (no namespace), a link in an item, a non-web URL.
    expect(readXmlFeed(rss('<atom:link rel="self" href="/feed/"/><link>https://rss.example/</link>'), { baseUrl }).next).to.equal(undefined);
    expect(readXmlFeed(rss('', '<atom:link rel="next" href="/p2"/>'), { baseUrl }).next).to.equal(undefined);
    expect(readXmlFeed(rss('<atom:link rel="next" href="javascript:alert(1)"/>'), { baseUrl }).next).to.equal(undefined);
    expect(readXmlFeed(rss('<atom:link rel="next" href="mailto:a@b.example"/>'), { baseUrl }).next).to.equal(undefined);
  });
});
