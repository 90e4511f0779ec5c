// Runs in a browser started with reduced motion preferred (LAPA_PROFILE=reduced-motion).
import { expect, html } from '@open-wc/testing';
import { fresh, mount } from './helpers.js';

describe('<news-card> styling for readers who prefer reduced motion', () => {
  it('does not animate the skeleton', async () => {
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches, 'a browser started with reduced motion').to.equal(true);
    const card = await mount(html`<news-card timeout="0" src=${fresh('/__news/stall')}></news-card>`);
    const bone = card.shadowRoot!.querySelector('.bone')!;
    expect(getComputedStyle(bone).animationName).to.equal('none');
  });
});
