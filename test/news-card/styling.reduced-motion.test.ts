// Runs in a browser started with reduced motion preferred (LAPA_PROFILE=reduced-motion).
import { expect, html } from '@open-wc/testing';
import { fresh, mount } from './helpers.js';
import { until } from '../support/until.js';

describe('<news-card> styling for readers who prefer reduced motion', () => {
  it('does not animate the skeleton: no shimmer, even in the viewport', async () => {
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches, 'a browser started with reduced motion').to.equal(true);
    const card = await mount(html`<news-card timeout="0" src=${fresh('/__news/stall')}></news-card>`);
    // The shimmer is switched on once the card is known to be in the viewport; it stays hidden and still.
    await until(() => card.shadowRoot!.querySelector('.shimmer.moving') !== null, 'the card seen in the viewport');
    expect(getComputedStyle(card.shadowRoot!.querySelector('.shimmer')!).display).to.equal('none');
    expect(card.shadowRoot!.getAnimations()).to.deep.equal([]);
    for (const bone of card.shadowRoot!.querySelectorAll('.bone')) expect(getComputedStyle(bone).animationName).to.equal('none');
  });
});
