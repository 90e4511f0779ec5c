import { expect, fixture, html } from '@open-wc/testing';
import { button, focusPage, resetScroll, scrollWindowTo, scrolledPage, shown, until } from './helpers.js';

describe('<scroll-to-top> activation', () => {
  beforeEach(focusPage);
  afterEach(resetScroll);

  it('scrolls the window to the top smoothly (activation.reduced-motion.test.ts: at once)', async () => {
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches, 'a browser that allows motion').to.equal(false);
    const el = await scrolledPage();
    button(el).click();
    expect(scrollY, 'still on its way right after the click').to.be.above(0);
    await until(() => scrollY === 0, 'at the top');
    await until(() => !shown(el), 'hidden at the top');
  });

  it('moves focus to main, made focusable only while it has focus', async () => {
    const el = await scrolledPage(html`<main><h1>Title</h1><a href="#x">Link</a></main>`);
    button(el).click();
    const main = document.querySelector('main')!;
    expect(document.activeElement).to.equal(main);
    expect(main.getAttribute('tabindex')).to.equal('-1');
    document.querySelector('a')!.focus();
    expect(main.hasAttribute('tabindex'), 'tabindex removed on blur').to.be.false;
  });

  it('does not scroll when it moves focus, so a smooth scroll is not cut short', async () => {
    const el = await scrolledPage(html`<div style="height: 2000px"></div><h1>Far down</h1>`);
    button(el).click();
    expect(document.activeElement!.tagName).to.equal('H1');
    await until(() => scrollY === 0, 'at the top');
  });

  it('moves focus to the first h1 when there is no main', async () => {
    const el = await scrolledPage(html`<header><h1>Headline</h1></header><h1>Second</h1>`);
    button(el).click();
    expect(document.activeElement!.textContent).to.equal('Headline');
  });

  it('moves focus to the body when there is neither main nor h1', async () => {
    const el = await scrolledPage(html`<p>Text only</p>`);
    button(el).click();
    expect(document.activeElement).to.equal(document.body);
  });

  it('moves focus to target, keeping a focusable target as it is', async () => {
    const el = await scrolledPage(html`<a id="skip" href="#content">Skip</a><main><h1>Title</h1></main>`, { target: '#skip' });
    button(el).click();
    const link = document.getElementById('skip')!;
    expect(document.activeElement).to.equal(link);
    expect(link.hasAttribute('tabindex')).to.be.false;
  });

  it('keeps an existing tabindex on the target', async () => {
    const el = await scrolledPage(html`<h2 id="top" tabindex="-1">Start</h2>`, { target: '#top' });
    button(el).click();
    const heading = document.getElementById('top')!;
    expect(document.activeElement).to.equal(heading);
    heading.blur();
    expect(heading.getAttribute('tabindex')).to.equal('-1');
  });

  it('skips a target that cannot take focus and falls back to main', async () => {
    const el = await scrolledPage(html`<div id="gone" style="display: none"></div><main></main>`, { target: '#gone' });
    button(el).click();
    expect(document.activeElement).to.equal(document.querySelector('main'));
    expect(document.getElementById('gone')!.hasAttribute('tabindex')).to.be.false;
  });

  it('resolves target in its own shadow root', async () => {
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const root = host.attachShadow({ mode: 'open' });
    const heading = Object.assign(document.createElement('h2'), { id: 'intro', textContent: 'Intro' });
    const spacer = Object.assign(document.createElement('div'), { style: 'height: 5000px' });
    const el = Object.assign(document.createElement('scroll-to-top'), { target: '#intro', threshold: 100 });
    root.append(heading, spacer, el);
    await scrollWindowTo(2000);
    await until(() => shown(el), 'shown');
    button(el).click();
    expect(root.activeElement).to.equal(heading);
  });

});
