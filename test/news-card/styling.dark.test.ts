// Runs in a browser started with a dark system colour scheme (LAPA_PROFILE=dark).
import { expect, html } from '@open-wc/testing';
import { DARK, WHITE, background, mount, sampleArticle } from './helpers.js';

describe('<news-card> styling on a dark system', () => {
  it('is light on a light page even when the system is dark', async () => {
    expect(matchMedia('(prefers-color-scheme: dark)').matches, 'a browser started dark').to.equal(true);
    const card = await mount(html`<news-card .article=${sampleArticle()}></news-card>`);
    expect(background(card)).to.equal(WHITE);
  });

  it('is dark where the page itself opts into the system scheme', async () => {
    const card = await mount(html`<div style="color-scheme: light dark"><news-card .article=${sampleArticle()}></news-card></div>`);
    expect(background(card)).to.equal(DARK);
  });
});
