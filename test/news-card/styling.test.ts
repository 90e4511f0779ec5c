import { expect, html } from '@open-wc/testing';
import { render } from 'lit';
import { NewsCardElement } from '../../src/news-card/news-card.js';
import { inViewportWatched } from '../../src/internal/near-viewport.js';
import { until } from '../support/until.js';
import { DARK, FEED, WHITE, background, container, fresh, mount, part, sampleArticle as article, settle } from './helpers.js';

const LONG = 'Pārrobežusadarbībasprogrammasfinansētaisprojektsbezatstarpēm'.repeat(3);

function pageStyle(css: string): () => void {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  return () => style.remove();
}

describe('<news-card> styling', () => {
  it('stays a block against hostile page rules, and hides with the hidden attribute', async () => {
    const undo = pageStyle('* { all: unset !important; } news-card { display: inline !important; }');
    try {
      const card = await mount(html`<news-card .article=${article()}></news-card>`);
      expect(getComputedStyle(card).display).to.equal('block');
      card.hidden = true;
      expect(getComputedStyle(card).display).to.equal('none');
    } finally {
      undo();
    }
  });

  it("follows the page's color-scheme, and the theme attribute overrides it", async () => {
    const dark = await mount(html`<div style="color-scheme: dark"><news-card .article=${article()}></news-card></div>`);
    expect(background(dark)).to.equal(DARK);
    dark.theme = 'light';
    await dark.updateComplete;
    expect(background(dark)).to.equal(WHITE);
    const forced = await mount(html`<news-card theme="dark" .article=${article()}></news-card>`);
    expect(background(forced)).to.equal(DARK);
  });

  it('takes colours and sizes from --news-card-* custom properties', async () => {
    const card = await mount(html`<div style="--news-card-accent-color: rgb(1, 2, 3); --news-card-background: rgb(4, 5, 6); --news-card-image-aspect-ratio: 2 / 1; width: 400px">
      <news-card .article=${article()}></news-card>
    </div>`);
    expect(getComputedStyle(part(card, 'read-more')!).color).to.equal('rgb(1, 2, 3)');
    expect(background(card)).to.equal('rgb(4, 5, 6)');
    const image = part(card, 'image')!.getBoundingClientRect();
    expect(image.width / image.height).to.be.closeTo(2, 0.02);
  });

  it('exposes its parts to the page', async () => {
    const undo = pageStyle('news-card::part(title) { color: rgb(7, 8, 9); } news-card::part(tag) { text-transform: uppercase; }');
    try {
      const card = await mount(html`<news-card .article=${article()}></news-card>`);
      expect(getComputedStyle(part(card, 'title')!).color).to.equal('rgb(7, 8, 9)');
      expect(getComputedStyle(part(card, 'tag')!).textTransform).to.equal('uppercase');
    } finally {
      undo();
    }
  });

  it('sweeps one shimmer across the skeleton, by transform, when the reader allows motion (styling.reduced-motion.test.ts: not otherwise)', async () => {
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches, 'a browser that allows motion').to.equal(false);
    const card = await mount(html`<news-card timeout="0" src=${fresh('/__news/stall')}></news-card>`);
    await until(() => card.shadowRoot!.getAnimations().length > 0, 'the shimmer of a card in the viewport');
    const animations = card.shadowRoot!.getAnimations();
    expect(animations, 'one animation per card').to.have.length(1);
    const [shimmer] = animations as CSSAnimation[];
    expect(shimmer!.animationName).to.equal('news-card-shimmer');
    expect((shimmer!.effect as KeyframeEffect).target).to.equal(card.shadowRoot!.querySelector('.shimmer'));
    // Transform only: what the compositor can run without the main thread.
    const animated = new Set((shimmer!.effect as KeyframeEffect).getKeyframes().flatMap((k) => Object.keys(k).filter((p) => !['offset', 'computedOffset', 'easing', 'composite'].includes(p))));
    expect([...animated]).to.deep.equal(['transform']);
    for (const bone of card.shadowRoot!.querySelectorAll('.bone')) expect(getComputedStyle(bone).animationName, bone.className).to.equal('none');
  });

  it('runs no animation in a loading card outside the viewport, and starts and stops it as the card scrolls in and out', async () => {
    const wrapper = container();
    render(
      html`<news-card timeout="0" src=${fresh('/__news/stall')}></news-card>
        <div style="height: 300vh"></div>
        ${[1, 2, 3, 4].map(() => html`<news-card timeout="0" src=${fresh('/__news/stall')}></news-card>`)}
        <news-card loading="lazy" src=${fresh('/__news/stall')}></news-card>`,
      wrapper,
    );
    const [seen, ...away] = [...wrapper.querySelectorAll('news-card')];
    await Promise.all([seen, ...away].map((card) => card!.updateComplete));
    // The observer reports every card at once: once the one in view shimmers, the others are known to be away.
    await until(() => seen!.shadowRoot!.getAnimations().length === 1, 'the shimmer of the card in the viewport');
    for (const card of away) expect(card.state).to.equal('loading');
    expect(away.flatMap((card) => card.shadowRoot!.getAnimations())).to.deep.equal([]);
    const last = away.at(-1)!;
    last.scrollIntoView();
    await until(() => last.shadowRoot!.getAnimations().length === 1, 'the shimmer of a card scrolled into view');
    await until(() => seen!.shadowRoot!.getAnimations().length === 0, 'no shimmer in the card scrolled out of view');
    window.scrollTo(0, 0);
    await until(() => last.shadowRoot!.getAnimations().length === 0, 'no shimmer once it left the viewport again');
    wrapper.remove();
    expect(inViewportWatched(), 'removed cards are forgotten').to.equal(0);
  });

  it('stops watching the viewport once the article is shown', async () => {
    const { card } = await settle(html`<news-card src=${fresh(FEED)}></news-card>`);
    expect(card.state).to.equal('loaded');
    expect(card.shadowRoot!.getAnimations()).to.deep.equal([]);
    expect(inViewportWatched()).to.equal(0);
  });

  it('has forced-colors rules so borders and the skeleton stay visible', () => {
    const css = [NewsCardElement.styles].flat().map((s) => ('cssText' in s ? s.cssText : '')).join('');
    expect(css).to.match(/@media \(forced-colors: active\)[^@]*\.bone[^}]*border: 1px solid GrayText/);
  });

  it('fits 280 px without horizontal overflow, even with unbreakable words', async () => {
    const wrapper = container();
    wrapper.style.width = '280px';
    const card = document.createElement('news-card');
    card.variant = 'full';
    card.article = article({ title: LONG, tags: [LONG], authors: [{ name: LONG }], contentHtml: `<p>${LONG}</p><table><tr><td>${LONG}</td><td>${LONG}</td></tr></table><pre>${LONG}</pre>` });
    wrapper.append(card);
    await card.updateComplete;
    const base = part(card, 'base')!;
    expect(card.getBoundingClientRect().width).to.equal(280);
    expect(base.scrollWidth).to.be.at.most(base.clientWidth);
    for (const el of base.querySelectorAll('*')) expect(el.getBoundingClientRect().right, el.localName).to.be.at.most(card.getBoundingClientRect().right + 0.5);
  });

  it('reserves the loaded card’s space while loading, so nothing jumps', async () => {
    const wrapper = container();
    wrapper.style.width = '360px';
    const { card: loaded } = await settle(html`<div style="width: 360px"><news-card src=${fresh(FEED)}></news-card></div>`);
    const skeleton = document.createElement('news-card');
    skeleton.timeout = 0;
    skeleton.src = fresh('/__news/stall');
    wrapper.append(skeleton);
    await skeleton.updateComplete;
    const bone = skeleton.shadowRoot!.querySelector('.image-box')!.getBoundingClientRect();
    const image = part(loaded, 'image')!.getBoundingClientRect();
    expect(bone.height).to.be.closeTo(image.height, 1);
    const [a, b] = [skeleton.getBoundingClientRect().height, loaded.getBoundingClientRect().height];
    expect(Math.abs(a - b) / b, `skeleton ${a}px, loaded ${b}px`).to.be.below(0.12);
  });
  it('a loaded card is as tall as its content: no space reserved for lines it does not have', async () => {
    const card = await mount(html`<div style="width: 640px"><news-card .article=${article({ image: undefined })}></news-card></div>`);
    const title = part(card, 'title')!;
    const meta = part(card, 'meta')!;
    const lineHeight = (el: Element) => parseFloat(getComputedStyle(el).lineHeight);
    // One line each, and nothing more, though the skeleton reserves three and two.
    expect(title.getBoundingClientRect().height).to.be.closeTo(lineHeight(title), 1);
    expect(meta.getBoundingClientRect().height).to.be.closeTo(lineHeight(meta), 1);
    const base = part(card, 'base')!.getBoundingClientRect();
    const last = [...part(card, 'base')!.querySelectorAll('.content > *')].at(-1)!.getBoundingClientRect();
    const pad = parseFloat(getComputedStyle(part(card, 'base')!.querySelector('.content')!).paddingBottom);
    expect(base.bottom - last.bottom).to.be.closeTo(pad + 1, 1.5);
  });

  it('shows one row of tags in a card and says "+N" for the rest, in words for screen readers', async () => {
    const tags = Array.from({ length: 9 }, (_, i) => `birka-${i + 1}`);
    const card = await mount(html`<div style="width: 300px"><news-card lang="en" .article=${article({ tags })}></news-card></div>`);
    const row = part(card, 'tags')!;
    const more = part(card, 'more-tags')!;
    await until(() => !more.hidden, '"+N" shown');
    const shown = [...row.querySelectorAll<HTMLElement>('[part="tag"]')].filter((tag) => !tag.hidden);
    const tops = new Set([...shown, more].map((el) => Math.round(el.getBoundingClientRect().top)));
    expect(tops.size, 'one row').to.equal(1);
    expect(shown.length).to.be.within(1, 8);
    const hidden = 9 - shown.length;
    expect(more.textContent).to.equal(`+${hidden}${hidden} more tag${hidden === 1 ? '' : 's'}`);
    expect(more.querySelector('[aria-hidden="true"]')!.textContent).to.equal(`+${hidden}`);

    // Wider: more tags fit, the count follows; wide enough for all: no "+N".
    (card.parentElement as HTMLElement).style.width = '2000px';
    await until(() => more.hidden, '"+N" gone when every tag fits');
    expect([...row.querySelectorAll<HTMLElement>('[part="tag"]')].every((tag) => !tag.hidden)).to.equal(true);
  });

  it('says "+N" in the card\'s language, with its plural forms', async () => {
    const tags = Array.from({ length: 30 }, (_, i) => `birka-${i + 1}`);
    const card = await mount(html`<div style="width: 300px"><news-card lang="lv" .article=${article({ tags })}></news-card></div>`);
    const more = part(card, 'more-tags')!;
    await until(() => !more.hidden, '"+N" shown');
    const n = 30 - [...part(card, 'tags')!.querySelectorAll<HTMLElement>('[part="tag"]')].filter((tag) => !tag.hidden).length;
    const form = new Intl.PluralRules('lv').select(n);
    expect(more.lastElementChild!.textContent).to.equal(`vēl ${n} ${form === 'one' ? 'birka' : form === 'zero' ? 'birku' : 'birkas'}`);
  });

  it('wraps every tag in a full article, and counts those past the twelfth', async () => {
    const tags = Array.from({ length: 15 }, (_, i) => `birka-${i + 1}`);
    const card = await mount(html`<div style="width: 300px"><news-card variant="full" lang="en" .article=${article({ tags })}></news-card></div>`);
    const rendered = [...part(card, 'tags')!.querySelectorAll<HTMLElement>('[part="tag"]')];
    expect(rendered.length).to.equal(12);
    expect(rendered.every((tag) => !tag.hidden)).to.equal(true);
    expect(new Set(rendered.map((tag) => Math.round(tag.getBoundingClientRect().top))).size).to.be.above(1);
    expect(part(card, 'more-tags')!.hidden).to.equal(false);
    expect(part(card, 'more-tags')!.textContent).to.equal('+33 more tags');
  });
});
