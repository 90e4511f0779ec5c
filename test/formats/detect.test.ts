import { expect } from '@open-wc/testing';
import { checkArticle, parseArticle } from '../../src/internal/formats/detect.js';
import { expectInvalid } from './helpers.js';

describe('format detection', () => {
  it('refuses JSON that is neither a JSON Feed nor a WordPress post', () => {
    for (const data of [null, 0, 'text', true, {}, { title: 'T' }, { version: '1.1', items: [] }, { items: [] }, [1, 2]]) {
      const error = expectInvalid(() => parseArticle(data));
      expect(error.message).to.match(/^Not an article/);
    }
  });

  it('tells a feed, a lone item, a post and a list of posts apart', () => {
    const item = { id: 'i', title: 'Item', content_text: 'x' };
    expect(parseArticle({ version: 'https://jsonfeed.org/version/1.1', items: [item] })!.title).to.equal('Item');
    expect(parseArticle(item)!.title).to.equal('Item');
    expect(parseArticle({ id: 9, title: { rendered: 'Post' }, content: { rendered: 'x' } })!.title).to.equal('Post');
    expect(parseArticle([{ id: 9, title: { rendered: 'Listed' }, content: { rendered: 'x' } }])!.title).to.equal('Listed');
  });
});

describe('checkArticle (the article property)', () => {
  it('accepts a minimal article and defaults its lists', () => {
    expect(checkArticle({ title: 'T' })).to.deep.equal({ title: 'T', authors: [], tags: [] });
  });

  it('keeps every documented field and drops bad dates and language tags', () => {
    const article = checkArticle({
      title: 'T',
      url: 'https://a.example/',
      contentHtml: '<p>x</p>',
      datePublished: '2025-05-16T10:00:00Z',
      dateModified: 'yesterday',
      language: 'not a language tag!',
      image: { src: 'a.png', alt: 'A', width: 10, height: 5 },
      authors: [{ name: 'A', url: 'https://a.example/a' }],
      tags: ['x'],
      extra: 'ignored',
    });
    expect(article).to.deep.equal({
      title: 'T',
      url: 'https://a.example/',
      contentHtml: '<p>x</p>',
      datePublished: '2025-05-16T10:00:00.000Z',
      image: { src: 'a.png', alt: 'A', width: 10, height: 5 },
      authors: [{ name: 'A', url: 'https://a.example/a' }],
      tags: ['x'],
    });
  });

  it('refuses what would break rendering', () => {
    for (const value of [null, 'T', { title: 1 }, { title: 'T', tags: 'x' }, { title: 'T', authors: [{}] }, { title: 'T', image: { alt: 'x' } }]) {
      expectInvalid(() => checkArticle(value));
    }
  });
});
