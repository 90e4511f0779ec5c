import { expect } from '@open-wc/testing';
import { parseArticle } from '../../src/internal/formats/detect.js';
import { expectInvalid, loadFixture } from './helpers.js';

const UPLOADS = 'http://127.0.0.1:8089/wp-content/uploads/2025/05/';

describe('WordPress REST API posts', () => {
  it('reads a recorded post with _embed: text, dates, link, author, image with srcset, terms', async () => {
    const { data, url } = await loadFixture('wordpress/02-post-latvian-embed.json');
    const article = parseArticle(data, { baseUrl: url })!;
    expect(article.id).to.equal('5');
    expect(article.title).to.equal('Noslēdzies projekts par sadarbību radošās sociālās uzņēmējdarbības jomā');
    expect(article.url).to.equal('http://127.0.0.1:8089/nosledzies-projekts-par-sadarbibu-radosas-socialas-uznemejdarbibas-joma/');
    expect(article.contentHtml).to.contain('<blockquote');
    expect(article.summaryHtml).to.contain('[&hellip;]');
    // date_gmt carries no zone but is UTC.
    expect(article.datePublished).to.equal('2025-05-16T10:00:00.000Z');
    expect(article.dateModified).to.equal('2026-11-26T17:39:30.000Z');
    expect(article.authors).to.deep.equal([{ name: 'admin', url: 'http://127.0.0.1:8089/author/admin/' }]);
    expect(article.image).to.deep.equal({
      src: `${UPLOADS}sadarbiba-lv-se-ge.jpg`,
      alt: 'Latvijas, Zviedrijas un Gruzijas karogi',
      width: 1200,
      height: 630,
      srcset: [
        `${UPLOADS}sadarbiba-lv-se-ge-300x158.jpg 300w`,
        `${UPLOADS}sadarbiba-lv-se-ge-768x403.jpg 768w`,
        `${UPLOADS}sadarbiba-lv-se-ge-1024x538.jpg 1024w`,
        `${UPLOADS}sadarbiba-lv-se-ge.jpg 1200w`,
      ].join(', '),
    });
    expect(article.tags).to.deep.equal(['Projekti', 'Gruzija', 'Latvija', 'sadarbība', 'sociālā uzņēmējdarbība', 'Zviedrija']);
    expect(article).not.to.have.property('language');
  });

  it('checks every size URL of the featured image: unsafe ones are left out of the srcset, relative ones resolved', () => {
    const media = {
      id: 7,
      media_type: 'image',
      source_url: '/up/full.jpg',
      alt_text: '  Karogi \n uz galda ',
      media_details: {
        width: 1600,
        height: 900,
        sizes: {
          thumbnail: { source_url: '/up/150x150.jpg', width: 150, height: 150 },
          medium: { source_url: 'javascript:alert(1)//300.jpg', width: 300, height: 169 },
          medium_large: { source_url: 'data:image/png;base64,AAAA', width: 768, height: 432 },
          large: { source_url: 'large,1024.jpg', width: 1024, height: 576 },
          mail: { source_url: 'mailto:a@b.example', width: 640, height: 360 },
          full: { source_url: '/up/full.jpg', width: 1600, height: 900 },
        },
      },
    };
    const article = parseArticle({ id: 1, title: { rendered: 'x' }, _embedded: { 'wp:featuredmedia': [media] } }, { baseUrl: 'https://wp.example/wp-json/wp/v2/posts/1' })!;
    expect(article.image).to.deep.equal({
      src: 'https://wp.example/up/full.jpg',
      alt: 'Karogi uz galda',
      width: 1600,
      height: 900,
      srcset: 'https://wp.example/wp-json/wp/v2/posts/large%2C1024.jpg 1024w, https://wp.example/up/full.jpg 1600w',
    });
  });

  it('reads a recorded post without _embed: no author, image or terms, the rest intact', async () => {
    const { data, url } = await loadFixture('wordpress/13-post-dangerous.json');
    const article = parseArticle(data, { baseUrl: url })!;
    expect(article.title).to.equal('XSS fixture: HTML saved by an administrator');
    expect(article.authors).to.deep.equal([]);
    expect(article.tags).to.deep.equal([]);
    expect(article).not.to.have.property('image');
    expect(article.contentHtml).to.contain('<script>');
    expect(article.datePublished).to.equal('2025-05-15T09:00:00.000Z');
  });

  it('takes the first post of a recorded list, or the one with item-id as id or slug', async () => {
    const { data, url } = await loadFixture('wordpress/01-posts-per_page-2.json');
    expect(parseArticle(data, { baseUrl: url })!.id).to.equal('5');
    expect(parseArticle(data, { baseUrl: url, itemId: '6' })!.id).to.equal('6');
    expect(parseArticle(data, { baseUrl: url, itemId: 'xss-fixture-html-saved-by-an-administrator' })!.id).to.equal('6');
    expect(parseArticle(data, { itemId: '99' })).to.equal(null);
    expect(parseArticle([])).to.equal(null);
  });

  it('decodes entities in titles, names and terms to text, never to markup', () => {
    const article = parseArticle({
      id: 1,
      title: { rendered: 'Arts &amp; crafts &#8211; &lt;b&gt;new&lt;/b&gt;' },
      content: { rendered: '<p>x</p>' },
      _embedded: {
        author: [{ id: 2, name: 'J&auml;rvinen &amp; Co' }],
        'wp:term': [[{ id: 3, name: 'Kultūra &amp; māksla', taxonomy: 'category', slug: 'kultura' }]],
      },
    })!;
    expect(article.title).to.equal('Arts & crafts – <b>new</b>');
    expect(article.authors[0]!.name).to.equal('Järvinen & Co');
    expect(article.tags).to.deep.equal(['Kultūra & māksla']);
  });

  it('skips the error objects WordPress embeds instead of what a reader may not see, and "Uncategorized"', () => {
    const article = parseArticle({
      title: { rendered: 'T' },
      content: { rendered: '<p>x</p>' },
      _embedded: {
        author: [{ code: 'rest_user_invalid_id', message: 'Invalid user ID.', data: { status: 404 } }],
        'wp:featuredmedia': [{ code: 'rest_forbidden', message: 'Sorry', data: { status: 401 } }],
        'wp:term': [[{ id: 1, name: 'Uncategorized', slug: 'uncategorized', taxonomy: 'category' }], []],
      },
    })!;
    expect(article.authors).to.deep.equal([]);
    expect(article).not.to.have.property('image');
    expect(article.tags).to.deep.equal([]);
  });

  it('falls back to the local date when there is no date_gmt', () => {
    const article = parseArticle({ title: { rendered: 'T' }, content: { rendered: 'x' }, date: '2025-01-02T03:04:05', date_gmt: null })!;
    expect(article.datePublished).to.equal('2025-01-02T03:04:05.000Z');
  });

  it('refuses posts whose fields have the wrong types', () => {
    expectInvalid(() => parseArticle({ title: { rendered: 5 }, content: { rendered: 'x' } }));
    expectInvalid(() => parseArticle({ title: { rendered: 'T' }, content: '<p>x</p>' }));
    expectInvalid(() => parseArticle({ title: { rendered: 'T' }, content: { rendered: 'x' }, link: 7 }));
    expectInvalid(() => parseArticle({ title: { rendered: 'T' }, content: { rendered: 'x' }, _embedded: [] }));
    expectInvalid(() => parseArticle({ title: { rendered: 'T' }, content: { rendered: 'x' }, _embedded: { 'wp:term': [{}] } }));
    expectInvalid(() => parseArticle({ title: { rendered: '' }, content: { rendered: '' } }));
    expectInvalid(() => parseArticle([{ title: 'not a post' }]));
  });
});
