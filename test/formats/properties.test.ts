import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { FormatError } from '../../src/internal/formats/format-error.js';
import { checkArticle, parseArticle } from '../../src/internal/formats/detect.js';
import { assertProperty } from '../support/properties.js';

/** Runs `fn`; passes when it returns or throws FormatError, fails on anything else. */
function onlyInvalid(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch (error) {
    return error instanceof FormatError && error.kind === 'invalid';
  }
}

const FEED_FIELDS = ['id', 'title', 'url', 'external_url', 'content_html', 'content_text', 'summary', 'image', 'banner_image', 'date_published', 'date_modified', 'authors', 'author', 'tags', 'language'];
const WP_FIELDS = ['id', 'slug', 'link', 'date', 'date_gmt', 'modified', 'modified_gmt', 'title', 'content', 'excerpt', '_embedded'];

/** JSON values, now and then shaped like the fields an adapter reads, to reach deep paths. */
const json = fc.jsonValue({ maxDepth: 3 });
const value = fc.oneof(
  json,
  fc.record({ rendered: json }),
  fc.array(fc.record({ name: json, url: json, id: json, taxonomy: fc.constantFrom('category', 'post_tag', 'x') }, { requiredKeys: [] })),
);
const feedItem = fc.dictionary(fc.constantFrom(...FEED_FIELDS), value);
const wpEmbedded = fc.dictionary(
  fc.constantFrom('author', 'wp:featuredmedia', 'wp:term'),
  fc.oneof(value, fc.array(fc.oneof(fc.array(value), value, fc.record({ source_url: json, media_details: fc.record({ width: json, height: json, sizes: fc.dictionary(fc.string(), fc.record({ source_url: json, width: json, height: json })) }) })))),
);
const wpPost = fc
  .tuple(fc.dictionary(fc.constantFrom(...WP_FIELDS), value), fc.record({ rendered: json }), fc.option(wpEmbedded))
  .map(([post, title, embedded]) => ({ ...post, title, ...(embedded ? { _embedded: embedded } : {}) }));
const anyInput = fc.oneof(
  json,
  fc.anything({ maxDepth: 3 }),
  feedItem,
  fc.record({ version: fc.constantFrom('https://jsonfeed.org/version/1.1', 'https://jsonfeed.org/version/1'), items: fc.oneof(fc.array(feedItem), value), authors: value, language: value }),
  wpPost,
  fc.array(wpPost),
);

/** Text as the adapters show it: single spaces, trimmed; never empty. */
const cleanText = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
  .map((s) => s.replace(/\s+/g, ' ').trim())
  .filter((s) => s.length > 0);
const htmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const isoDate = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());

describe('format adapters, property-based', () => {
  it('throw nothing but FormatError, whatever JSON arrives', function () {
    // The costliest property (text made from HTML goes through DOMParser; WebKit takes ~80 ms a
    // case on a loaded machine): a longer budget, and 50 cases are enough to pass.
    this.timeout(20_000);
    assertProperty(fc.property(anyInput, fc.option(fc.string()), (data, itemId) => onlyInvalid(() => parseArticle(data, { itemId: itemId ?? undefined, baseUrl: 'https://feeds.example/a/feed.json' }))), { numRuns: 500, minRuns: 50, timeLimit: 12_000 });
  });

  it('check the article property the same way', () => {
    assertProperty(fc.property(fc.oneof(fc.anything({ maxDepth: 3 }), fc.dictionary(fc.constantFrom('title', 'authors', 'tags', 'image', 'url', 'datePublished', 'language'), value)), (data) => onlyInvalid(() => checkArticle(data))), { numRuns: 400 });
  });

  it('give back the fields of any valid JSON Feed item', () => {
    const item = fc.record({
      id: fc.string({ minLength: 1 }),
      title: cleanText,
      content_html: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
      url: fc.webUrl(),
      image: fc.webUrl(),
      date_published: isoDate,
      authors: fc.array(fc.record({ name: cleanText, url: fc.webUrl() }), { maxLength: 3 }),
      tags: fc.uniqueArray(cleanText, { maxLength: 5 }),
      language: fc.constantFrom('lv', 'sv', 'ka', 'en-GB'),
    });
    assertProperty(
      fc.property(fc.array(item, { minLength: 1, maxLength: 4 }), fc.nat(), (items, pick) => {
        const chosen = items[pick % items.length]!;
        const feed = { version: 'https://jsonfeed.org/version/1.1', items };
        const article = parseArticle(feed, { itemId: chosen.id })!;
        const expected = items.find((i) => i.id === chosen.id)!;
        expect(article.id).to.equal(expected.id);
        expect(article.title).to.equal(expected.title);
        expect(article.contentHtml).to.equal(expected.content_html);
        expect(article.url).to.equal(new URL(expected.url).href);
        expect(article.image?.src).to.equal(new URL(expected.image).href);
        expect(article.datePublished).to.equal(expected.date_published);
        expect(article.authors).to.deep.equal(expected.authors.map((a) => ({ name: a.name, url: new URL(a.url).href })));
        expect(article.tags).to.deep.equal(expected.tags);
        expect(article.language).to.equal(expected.language);
      }),
      { numRuns: 300 },
    );
  });

  it('give back the fields of any valid WordPress post, titles decoded to the original text', () => {
    const post = fc.record({
      id: fc.nat(),
      title: cleanText,
      content: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
      link: fc.webUrl(),
      date: isoDate,
      author: cleanText,
      terms: fc.uniqueArray(cleanText, { maxLength: 4 }),
    });
    assertProperty(
      fc.property(post, (p) => {
        const article = parseArticle({
          id: p.id,
          title: { rendered: htmlEscape(p.title) },
          content: { rendered: p.content },
          link: p.link,
          date_gmt: p.date.slice(0, 19),
          _embedded: {
            author: [{ id: 1, name: htmlEscape(p.author) }],
            'wp:term': [p.terms.map((name, i) => ({ id: i + 2, name: htmlEscape(name), taxonomy: 'post_tag', slug: `t${i}` }))],
          },
        })!;
        expect(article.id).to.equal(String(p.id));
        expect(article.title).to.equal(p.title);
        expect(article.contentHtml).to.equal(p.content);
        expect(article.url).to.equal(new URL(p.link).href);
        expect(article.datePublished).to.equal(`${p.date.slice(0, 19)}.000Z`);
        expect(article.authors.map((a) => a.name)).to.deep.equal([p.author]);
        expect(article.tags).to.deep.equal(p.terms);
      }),
      { numRuns: 300 },
    );
  });
});
