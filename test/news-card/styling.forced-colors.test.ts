// Runs in a browser started in forced-colours mode (LAPA_PROFILE=forced-colors). WebKit has
// no forced colours (nor has Safari), so npm test runs this file in Chromium and Firefox only.
import { expect, html } from '@open-wc/testing';
import { fresh, mount, part, sampleArticle } from './helpers.js';

describe('<news-card> in forced colours', () => {
  it('keeps the card border and the skeleton bones visible', async () => {
    expect(matchMedia('(forced-colors: active)').matches, 'a browser started in forced colours').to.equal(true);
    const card = await mount(html`<news-card .article=${sampleArticle()}></news-card>`);
    const base = getComputedStyle(part(card, 'base')!);
    expect([base.borderTopStyle, base.borderTopWidth]).to.deep.equal(['solid', '1px']);
    const loading = await mount(html`<news-card timeout="0" src=${fresh('/__news/stall')}></news-card>`);
    const bone = getComputedStyle(loading.shadowRoot!.querySelector('.bone')!);
    expect([bone.borderTopStyle, bone.borderTopWidth]).to.deep.equal(['solid', '1px']);
  });
});
