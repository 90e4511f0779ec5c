import { expect, html } from '@open-wc/testing';
import { render } from 'lit';
import { NewsCardErrorEvent } from '../../src/internal/events.js';
import type { NewsCardLoadEvent } from '../../src/internal/events.js';
import { until } from '../support/until.js';
import { FEED, FEED_1_0, ITEM, TEXT_ONLY, WP_LIST, WP_POST, container, fresh, part, parts, settle, text } from './helpers.js';

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

const WP_RSS = '/__feeds/fixtures/wordpress-feeds/rss.xml';
const WP_ATOM = '/__feeds/fixtures/wordpress-feeds/atom.xml';
const WP_CATEGORY_RSS = '/__feeds/fixtures/wordpress-feeds/category-projekti.rss.xml';
const WP_CATEGORY_ATOM = '/__feeds/fixtures/wordpress-feeds/category-projekti.atom.xml';
const PROJECT_LINK = 'http://127.0.0.1:8089/nosledzies-projekts-par-sadarbibu-radosas-socialas-uznemejdarbibas-joma/';

/** RSS and Atom, end to end: the recorded WordPress feeds and the hand-written ones, over HTTP. */
describe('<news-card> RSS and Atom', () => {
  for (const [format, src] of [
    ['RSS', WP_RSS],
    ['Atom', WP_ATOM],
  ]) {
    it(`renders the first item of the recorded WordPress ${format} feed, its title as text`, async () => {
      const { card, event } = await settle(html`<news-card src=${fresh(src)}></news-card>`);
      expect(event.type).to.equal('news-card-load');
      // WordPress writes "<script>" in a title as character references: shown as text.
      expect(text(part(card, 'title'))).to.equal('Administratora HTML ar <script> un “onerror”');
      expect(part(card, 'title')!.children).to.have.length(0);
      expect(part<HTMLAnchorElement>(card, 'read-more')!.href).to.equal('http://127.0.0.1:8089/lapa-e2e-administratora-skripti/');
      expect(parts(card, 'author').map(text)).to.deep.equal(['admin']);
      expect(part(card, 'date')!.getAttribute('datetime')).to.equal('2025-05-22T10:00:00.000Z');
      expect(text(part(card, 'summary'))).to.match(/^Šo ierakstu saglabāja administrators/);
    });

    it(`renders the recorded WordPress ${format} item named by item-id (its guid / id), with its categories as tags`, async () => {
      const { card } = await settle(html`<news-card variant="full" item-id=${PROJECT_LINK} src=${fresh(src)}></news-card>`);
      expect(text(part(card, 'title'))).to.equal('Noslēdzies projekts par sadarbību radošās sociālās uzņēmējdarbības jomā');
      expect(part(card, 'body')!.querySelectorAll('p').length).to.be.above(2);
      expect(part(card, 'date')!.getAttribute('datetime')).to.equal('2025-05-16T10:00:00.000Z');
      expect(parts(card, 'tag').map(text)).to.include.members(['Projekti', 'sadarbība', 'Zviedrija']);
    });
  }

  for (const [format, src] of [
    ['RSS', WP_CATEGORY_RSS],
    ['Atom', WP_CATEGORY_ATOM],
  ]) {
    it(`renders the recorded WordPress category ${format} feed`, async () => {
      const { card } = await settle(html`<news-card src=${fresh(src)}></news-card>`);
      expect(text(part(card, 'title'))).to.equal('Noslēdzies projekts par sadarbību radošās sociālās uzņēmējdarbības jomā');
      expect(part<HTMLAnchorElement>(card, 'read-more')!.href).to.equal(PROJECT_LINK);
      expect(parts(card, 'tag').map(text)).to.include('Projekti');
    });
  }

  it('renders an Atom feed with xml:base, xhtml content and the feed author, in the full variant', async () => {
    const { card } = await settle(html`<news-card variant="full" src=${fresh('/__feeds/fixtures/atom/feed.atom.xml')}></news-card>`);
    expect(text(part(card, 'title'))).to.equal('Fish & chips');
    expect(part<HTMLImageElement>(card, 'image')!.src).to.equal('https://atom.example/blog/bilder/inne.jpg');
    const body = part(card, 'body')!;
    expect(text(body.querySelector('em'))).to.equal('artikeln');
    expect(body.querySelector('[xmlns]')).to.equal(null);
    expect(parts<HTMLAnchorElement>(card, 'author')[0]!.href).to.equal('https://atom.example/blog/authors/lars');
    expect(part(card, 'base')!.querySelector('[lang="sv"]')).to.exist;
  });

  it('decides by the text, not the content type: RSS sent as text/html and as text/plain renders', async () => {
    for (const type of ['text/html', 'text/plain']) {
      const { card } = await settle(html`<news-card src=${fresh(`/__feeds/fixtures/rss/feed.rss.xml?type=${type}`)}></news-card>`);
      expect(text(part(card, 'title'))).to.equal('Tom & Jerry atgriežas mājās');
    }
  });

  it('renders the first of 10,000 items without mapping the others (each of which would fail)', async () => {
    const { card, event } = await settle(html`<news-card src=${fresh('/__feeds/many', { items: 10_000 })}></news-card>`);
    expect(event.type).to.equal('news-card-load');
    expect(text(part(card, 'title'))).to.equal('The first of many');
  });

  it('shares one parse among the cards of one feed, each showing its own item', async () => {
    const src = fresh('/__feeds/fixtures/rss/feed.rss.xml');
    const wrapper = container();
    const loads: NewsCardLoadEvent[] = [];
    wrapper.addEventListener('news-card-load', (event) => loads.push(event));
    render(html`<news-card src=${src}></news-card><news-card src=${src} item-id="https://rss.example/p/2"></news-card><news-card src=${src}></news-card>`, wrapper);
    await until(() => loads.length === 3, 'three loads');
    const [first, second, third] = [...wrapper.querySelectorAll('news-card')].map((card) => text(part(card, 'title')));
    expect([first, second, third]).to.deep.equal(['Tom & Jerry atgriežas mājās', 'Studiebesök i Göteborg', 'Tom & Jerry atgriežas mājās']);
    const articles = loads.filter((event) => event.article.id === 'post-1').map((event) => event.article);
    expect(articles[0]).to.equal(articles[1], 'one article object for the two cards of one item');
  });

  for (const [what, path, kind, message] of [
    ['XML that does not parse', '/__feeds/broken', 'not-xml', "The server's answer looks like a news feed (RSS or Atom) but cannot be read."],
    ['the billion-laughs entity bomb', '/__feeds/billion-laughs', 'not-xml', "The server's answer looks like a news feed (RSS or Atom) but cannot be read."],
    ['a quadratic entity blow-up', '/__feeds/quadratic', 'not-xml', "The server's answer looks like a news feed (RSS or Atom) but cannot be read."],
    ['XML that is neither RSS nor Atom', '/__feeds/not-a-feed', 'invalid', "The server's answer does not contain an article."],
    ['an HTML page sent as text/xml', '/__feeds/html-page', 'not-json', "The server's answer is in a format this card cannot read."],
  ]) {
    it(`shows the ${kind} error for ${what}, with Retry`, async () => {
      const { card, event } = await settle(html`<news-card src=${fresh(path)}></news-card>`);
      expect(event).to.be.instanceOf(NewsCardErrorEvent);
      expect([(event as NewsCardErrorEvent).kind, (event as NewsCardErrorEvent).status]).to.deep.equal([kind, 200]);
      expect(card.state).to.equal('error');
      expect(part(card, 'error')!.textContent).to.contain(message);
      expect(part(card, 'retry')).to.exist;
    });
  }

  it('says not-xml in the card language, and takes error-not-xml-label', async () => {
    const { card } = await settle(html`<news-card lang="ka" src=${fresh('/__feeds/broken')}></news-card>`);
    expect(part(card, 'error')!.textContent).to.contain('სერვერის პასუხი ახალი ამბების არხს (RSS ან Atom) ჰგავს');
    card.setAttribute('error-not-xml-label', 'Bad feed.');
    await card.updateComplete;
    expect(part(card, 'error')!.textContent).to.contain('Bad feed.');
  });
});

