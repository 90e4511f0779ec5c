import { expect, html } from '@open-wc/testing';
import { FEED, FEED_1_0, ITEM, TEXT_ONLY, WP_LIST, WP_POST, fresh, part, parts, settle, text } from './helpers.js';

/** Every format the element accepts, end to end: served over HTTP, detected, rendered. */
describe('<news-card> formats', () => {
  it('renders the first item of a JSON Feed 1.1, with relative URLs resolved against the response', async () => {
    const src = fresh(FEED);
    const { card } = await settle(html`<news-card src=${src}></news-card>`);
    const base = new URL(src, location.href);
    expect(text(part(card, 'title'))).to.equal('Radošās sociālās uzņēmējdarbības projekts noslēdzies');
    expect(part<HTMLAnchorElement>(card, 'read-more')!.href).to.equal(new URL('raksti/radosa-uznemejdarbiba', base).href);
    expect(part<HTMLImageElement>(card, 'image')!.src).to.equal(new URL('images/darbnica.svg', base).href);
    expect(parts<HTMLAnchorElement>(card, 'author')[0]!.href).to.equal(new URL('autori/anna-berzina', base).href);
    expect(parts(card, 'author').map(text)).to.deep.equal(['Anna Bērziņa', 'Lars Lindqvist']);
    expect(parts(card, 'tag').map(text)).to.deep.equal(['sadarbība', 'sociālā uzņēmējdarbība', 'Gruzija']);
  });

  it('renders the item named by item-id, and the item a changed item-id names', async () => {
    const { card } = await settle(html`<news-card item-id="goteborg-studiebesok" src=${fresh(FEED)}></news-card>`);
    expect(text(part(card, 'title'))).to.equal('Studiebesök i Göteborg');
    card.itemId = '3';
    await new Promise((resolve) => card.addEventListener('news-card-load', resolve, { once: true }));
    expect(text(part(card, 'title'))).to.equal('Tbilisi <seminārs> & darbnīcas');
  });

  it("renders JSON Feed 1.0 with its singular author", async () => {
    const { card } = await settle(html`<news-card src=${fresh(FEED_1_0)}></news-card>`);
    expect(parts(card, 'author').map(text)).to.deep.equal(['Mariam Beridze']);
    expect(part<HTMLAnchorElement>(card, 'author')!.href).to.equal('https://partner.example/people/mariam');
  });

  it('renders a lone JSON Feed item', async () => {
    const { card } = await settle(html`<news-card src=${fresh(ITEM)}></news-card>`);
    expect(text(part(card, 'title'))).to.match(/^A community café in Tbilisi/);
    expect(text(part(card, 'summary'))).to.equal('The café opened in March and now employs eight young people.');
  });

  it('renders a text-only item: a headline from its text, paragraphs in the full body', async () => {
    const { card } = await settle(html`<news-card variant="full" src=${fresh(TEXT_ONLY)}></news-card>`);
    expect(text(part(card, 'title'))).to.match(/^The partners met online today.*…$/);
    const paragraphs = [...part(card, 'body')!.querySelectorAll('p')].map(text);
    expect(paragraphs).to.have.length(2);
    expect(paragraphs[1]).to.equal('Recordings will follow.');
  });

  it('renders the recorded WordPress post with _embed: author, image with srcset, terms, decoded title', async () => {
    const { card } = await settle(html`<news-card variant="full" src=${fresh(WP_POST)}></news-card>`);
    expect(text(part(card, 'title'))).to.equal('Noslēdzies projekts par sadarbību radošās sociālās uzņēmējdarbības jomā');
    expect(parts(card, 'author').map(text)).to.deep.equal(['admin']);
    const image = part<HTMLImageElement>(card, 'image')!;
    expect(image.alt).to.equal('Latvijas, Zviedrijas un Gruzijas karogi');
    expect(image.getAttribute('srcset')).to.contain('sadarbiba-lv-se-ge-768x403.jpg 768w');
    expect(parts(card, 'tag').map(text)).to.include.members(['Projekti', 'sadarbība', 'Zviedrija']);
    expect(part(card, 'body')!.querySelector('blockquote')).to.exist;
    expect(part(card, 'date')!.getAttribute('datetime')).to.equal('2025-05-16T10:00:00.000Z');
  });

  it('renders a recorded WordPress list without _embed, picking a post by slug', async () => {
    const { card } = await settle(html`<news-card item-id="xss-fixture-html-saved-by-an-administrator" src=${fresh(WP_LIST)}></news-card>`);
    expect(text(part(card, 'title'))).to.equal('XSS fixture: HTML saved by an administrator');
    expect(part(card, 'author')).to.equal(null);
    expect(part(card, 'image')).to.equal(null);
    expect(part<HTMLAnchorElement>(card, 'read-more')!.href).to.equal('http://127.0.0.1:8089/xss-fixture-html-saved-by-an-administrator/');
  });

  it("shows a WordPress excerpt as text, its trailing […] turned into an ellipsis", async () => {
    const { card } = await settle(html`<news-card src=${fresh(WP_POST)}></news-card>`);
    const summary = text(part(card, 'summary'));
    expect(summary).to.match(/^Šī gada pavasarī noslēdzās/);
    expect(summary).to.match(/Rīgā, Gēteborgā un…$/);
    expect(part(card, 'summary')!.children).to.have.length(0);
  });
});
