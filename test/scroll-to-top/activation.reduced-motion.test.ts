// Runs in a browser started with reduced motion preferred (LAPA_PROFILE=reduced-motion).
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { button, focusPage, resetScroll, scrollWindowTo, scrolledPage, shown, until } from './helpers.js';

describe('<scroll-to-top> activation for readers who prefer reduced motion', () => {
  beforeEach(focusPage);
  afterEach(resetScroll);

  it('jumps to the top at once when the reader prefers reduced motion', async () => {
    expect(matchMedia('(prefers-reduced-motion: reduce)').matches, 'a browser started with reduced motion').to.equal(true);
    const el = await scrolledPage();
    button(el).click();
    expect(scrollY).to.equal(0);
  });

  it('is activated by Enter and by Space, like any native button', async () => {
    for (const key of ['Enter', ' ']) {
      const el = await scrolledPage();
      button(el).focus();
      await sendKeys({ press: key });
      await until(() => scrollY === 0, `at the top after ${key}`);
      el.parentElement!.remove();
    }
  });

  it('scrolls its container, not the window, and focuses inside it', async () => {
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
