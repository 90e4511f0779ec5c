import { expect, html, oneEvent } from '@open-wc/testing';
import { render } from 'lit';
import type { Article } from '../../src/internal/formats/article.js';
import type { NewsCardElement } from '../../src/news-card/news-card.js';
import { until } from '../support/until.js';
import { container, fresh, mount, part, settle, text } from './helpers.js';

const words = (n: number) => `<p>${Array.from({ length: n }, () => 'vārds').join(' ')}</p>`;
const article = (minutes = 2): Article => ({
  title: 'Projekts noslēdzies',
  url: 'https://agency.example/raksts',
  summaryText: 'Kopsavilkums.',
  contentHtml: words(minutes * 200),
  datePublished: '2025-05-16T10:00:00.000Z',
  authors: [{ name: 'Anna Bērziņa' }],
  tags: ['sadarbība'],
  language: 'lv',
});

async function inLang(lang: string, value: Article = article()): Promise<NewsCardElement> {
  return mount(html`<div lang=${lang}><news-card .article=${value}></news-card></div>`);
}

const readingTime = (card: NewsCardElement) => text(card.shadowRoot!.querySelector('.reading-time'));

/** Waits for the card to re-render its Read more link as `want` (a lang change is seen by a MutationObserver). */
async function shows(card: NewsCardElement, want: string): Promise<void> {
  await until(() => text(part(card, 'read-more')) === want, `Read more as "${want}"`);
  await card.updateComplete;
  expect(text(part(card, 'read-more'))).to.equal(want);
}

describe('<news-card> localisation', () => {
  const expected = {
    en: { readMore: 'Read more', time: '2 minutes to read', date: /^May 16, 2025$/, tags: 'Tags' },
    lv: { readMore: 'Lasīt vairāk', time: '2 minūtes lasīšanai', date: /^2025\. gada 16\. maijs$/, tags: 'Birkas' },
    sv: { readMore: 'Läs mer', time: '2 minuters läsning', date: /^16 maj 2025$/, tags: 'Taggar' },
    ka: { readMore: 'ვრცლად', time: '2 წუთის საკითხავი', date: /^16 მაისი, 2025$/, tags: 'თეგები' },
  };
  for (const [lang, want] of Object.entries(expected)) {
    it(`speaks ${lang}: link, reading time, date and tag list`, async () => {
      const card = await inLang(lang);
      expect(text(part(card, 'read-more'))).to.equal(want.readMore);
      expect(readingTime(card)).to.equal(want.time);
      expect(text(part(card, 'date'))).to.match(want.date);
      expect(part(card, 'date')!.getAttribute('datetime')).to.equal('2025-05-16T10:00:00.000Z');
      expect(part(card, 'tags')!.getAttribute('aria-label')).to.equal(want.tags);
    });
  }

  it('writes a Georgian date in Georgian in every engine, also where Intl has no Georgian (Chromium)', async () => {
    const card = await inLang('ka-GE');
    expect(text(part(card, 'date'))).to.equal('16 მაისი, 2025');
  });

  it('uses the Latvian zero, one and other forms', async () => {
    const forms: [number, string][] = [
      [1, '1 minūte lasīšanai'],
      [2, '2 minūtes lasīšanai'],
      [10, '10 minūšu lasīšanai'],
      [11, '11 minūšu lasīšanai'],
      [21, '21 minūte lasīšanai'],
    ];
    for (const [minutes, want] of forms) expect(readingTime(await inLang('lv', article(minutes)))).to.equal(want);
  });

  it('localises error messages and the Retry button', async () => {
    const { card } = await settle(html`<div lang="sv"><news-card src=${fresh('/__news/status/404')}></news-card></div>`);
    expect(text(part(card, 'error')!.querySelector('p'))).to.equal('Artikeln hittades inte.');
    expect(text(part(card, 'retry'))).to.equal('Försök igen');
  });

  it('re-renders when an ancestor changes its lang', async () => {
    const card = await inLang('en');
    card.parentElement!.lang = 'lv';
    await shows(card, 'Lasīt vairāk');
  });

  it("prefers its own lang, and follows changes to it", async () => {
    const card = await inLang('lv');
    card.lang = 'sv';
    await shows(card, 'Läs mer');
  });

  it('falls back to <html lang> and follows it', async () => {
    const root = document.documentElement;
    const before = root.getAttribute('lang');
    root.lang = 'ka';
    try {
      const card = await mount(html`<news-card .article=${article()}></news-card>`);
      expect(text(part(card, 'read-more'))).to.equal('ვრცლად');
      root.lang = 'sv';
      await shows(card, 'Läs mer');
    } finally {
      if (before === null) root.removeAttribute('lang');
      else root.lang = before;
    }
  });

  it('finds the language through a shadow host', async () => {
    const host = container();
    host.lang = 'lv';
    const root = host.attachShadow({ mode: 'open' });
    render(html`<section><news-card .article=${article()}></news-card></section>`, root);
    const card = root.querySelector('news-card')!;
    await card.updateComplete;
    expect(text(part(card, 'read-more'))).to.equal('Lasīt vairāk');
  });

  it('uses English for a language it does not ship, and the base language of a regional tag', async () => {
    expect(text(part(await inLang('de'), 'read-more'))).to.equal('Read more');
    expect(text(part(await inLang('sv-FI'), 'read-more'))).to.equal('Läs mer');
  });

  it('lets a *-label attribute override a string in every language', async () => {
    const card = await mount(html`<div lang="lv"><news-card read-more-label="Visu rakstu" tags-label="Tēmas" .article=${article()}></news-card></div>`);
    expect(text(part(card, 'read-more'))).to.equal('Visu rakstu');
    expect(part(card, 'tags')!.getAttribute('aria-label')).to.equal('Tēmas');
    const failed = (await settle(html`<news-card error-not-found-label="Gone." retry-label="Again" src=${fresh('/__news/status/404')}></news-card>`)).card;
    expect(text(part(failed, 'error')!.querySelector('p'))).to.equal('Gone.');
    expect(text(part(failed, 'retry'))).to.equal('Again');
  });

  it('lets the messages property override plurals, with attributes winning over it', async () => {
    const card = await mount(html`<div lang="en"><news-card read-more-label="From the attribute" .messages=${{ readingTime: { one: '{n} min', other: '{n} mins' }, readMore: 'From messages', empty: 'Nothing' }} .article=${article(3)}></news-card></div>`);
    expect(readingTime(card)).to.equal('3 mins');
    expect(text(part(card, 'read-more'))).to.equal('From the attribute');
  });

  it('fills {status} in the HTTP error message', async () => {
    const { card } = await settle(html`<div lang="lv"><news-card src=${fresh('/__news/status/451')}></news-card></div>`);
    expect(text(part(card, 'error')!.querySelector('p'))).to.equal('Rakstu neizdevās ielādēt (kļūda 451).');
    const next = oneEvent(card, 'news-card-error');
    card.src = fresh('/__news/status/429');
    await next;
    await card.updateComplete;
    expect(text(part(card, 'error')!.querySelector('p'))).to.equal('Rakstu neizdevās ielādēt (kļūda 429).');
  });
});
