import { expect, fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { ScrollToTopElement } from '../../src/scroll-to-top/scroll-to-top.js';
import { button, focusPage, resetScroll, scrollWindowTo, shown, until } from './helpers.js';

/** A long page with the element past its threshold. */
async function scrolledPage(content = html`<main><h1>Title</h1></main>`, attrs: { target?: string } = {}): Promise<ScrollToTopElement> {
  const page = await fixture<HTMLElement>(html`
    <div>
      ${content}
      <div style="height: 5000px"></div>
      <scroll-to-top threshold="200" target=${ifDefined(attrs.target)}></scroll-to-top>
    </div>
  `);
  const el = page.querySelector('scroll-to-top')!;
  await scrollWindowTo(3000);
  await until(() => shown(el), 'shown');
  return el;
}

describe('<scroll-to-top> activation', () => {
  beforeEach(focusPage);
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    resetScroll();
  });

  it('scrolls the window to the top smoothly', async () => {
    const el = await scrolledPage();
    button(el).click();
    expect(scrollY, 'still on its way right after the click').to.be.above(0);
    await until(() => scrollY === 0, 'at the top');
    await until(() => !shown(el), 'hidden at the top');
  });

  it('jumps to the top at once when the reader prefers reduced motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const el = await scrolledPage();
    button(el).click();
    expect(scrollY).to.equal(0);
  });

  it('is activated by Enter and by Space, like any native button', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    for (const key of ['Enter', ' ']) {
      const el = await scrolledPage();
      button(el).focus();
      await sendKeys({ press: key === ' ' ? 'Space' : key });
      await until(() => scrollY === 0, `at the top after ${key}`);
      el.parentElement!.remove();
    }
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

  it('scrolls its container, not the window, and focuses inside it', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const page = await fixture<HTMLElement>(html`
      <div>
        <div style="height: 1000px"></div>
        <div id="panel" style="position: relative; height: 300px; overflow: auto">
          <h2>Panel</h2>
          <div style="height: 3000px"></div>
          <scroll-to-top scroll-container="#panel" threshold="100"></scroll-to-top>
        </div>
      </div>
    `);
    const panel = page.querySelector<HTMLElement>('#panel')!;
    const el = page.querySelector('scroll-to-top')!;
    await scrollWindowTo(500);
    panel.scrollTop = 2000;
    await until(() => shown(el), 'shown');
    button(el).click();
    expect(panel.scrollTop).to.equal(0);
    expect(scrollY, 'window untouched').to.equal(500);
    expect(document.activeElement).to.equal(panel);
  });
});
