import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ScrollToTopElement } from '../../src/scroll-to-top/scroll-to-top.js';
import { button, frames, resetScroll, scrollWindowTo, shown, until } from './helpers.js';

async function longPage(): Promise<ScrollToTopElement> {
  const page = await fixture<HTMLElement>(html`
    <div style="height: 5000px">
      <button id="before">Before</button>
      <div><scroll-to-top threshold="200"></scroll-to-top></div>
      <button id="after">After</button>
    </div>
  `);
  return page.querySelector('scroll-to-top')!;
}

async function reveal(el: ScrollToTopElement): Promise<void> {
  await scrollWindowTo(1000);
  await until(() => shown(el), 'shown');
}

describe('<scroll-to-top> accessibility', () => {
  afterEach(resetScroll);

  it('passes axe while hidden', async () => {
    const el = await longPage();
    await frames();
    await expect(el).to.be.accessible();
  });

  it('passes axe while shown', async () => {
    const el = await longPage();
    await reveal(el);
    await expect(el).to.be.accessible();
  });

  it('is a native button named "Back to top" once shown', async () => {
    const el = await longPage();
    await reveal(el);
    expect(button(el).localName).to.equal('button');
    expect(button(el).getAttribute('aria-label')).to.equal('Back to top');
    for (const svg of button(el).querySelectorAll('svg')) expect(svg.getAttribute('aria-hidden')).to.equal('true');
  });

  it('while hidden is neither exposed to assistive technology nor focusable', async () => {
    const el = await longPage();
    await frames();
    // Both take an element out of the accessibility tree and the focus order.
    const base = el.shadowRoot!.querySelector<HTMLElement>('[part="base"]')!;
    expect(base.inert).to.be.true;
    expect(getComputedStyle(button(el)).visibility).to.equal('hidden');
    expect(el.shadowRoot!.querySelector('[aria-hidden="true"] button, button[aria-hidden]'), 'no aria-hidden focusables').to.be.null;
    button(el).focus();
    expect(el.shadowRoot!.activeElement).to.be.null;

    document.getElementById('before')!.focus();
    await sendKeys({ press: 'Tab' });
    // Tab passes over it to the next control (and stays in the page: a page Firefox has
    // tabbed out of does not get focus back).
    expect(document.activeElement).to.equal(document.getElementById('after'));
  });

  it('is reached by Tab once shown, with a visible focus ring', async () => {
    const el = await longPage();
    await reveal(el);
    document.getElementById('before')!.focus({ preventScroll: true });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(button(el));
    const style = getComputedStyle(button(el));
    expect(style.outlineStyle).to.equal('solid');
    expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
  });

  const names: Record<string, string> = {
    en: 'Back to top',
    lv: 'Uz lapas sākumu',
    sv: 'Till toppen',
    ka: 'ზემოთ დაბრუნება',
  };
  for (const [lang, name] of Object.entries(names)) {
    it(`is named "${name}" in ${lang}, from the nearest lang`, async () => {
      const wrapper = await fixture<HTMLElement>(html`<div lang=${`${lang}-XX`}><scroll-to-top></scroll-to-top></div>`);
      const el = wrapper.querySelector('scroll-to-top')!;
      expect(button(el).getAttribute('aria-label')).to.equal(name);
    });
  }

  it('follows a language change on an ancestor', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div lang="en"><scroll-to-top></scroll-to-top></div>`);
    const el = wrapper.querySelector('scroll-to-top')!;
    wrapper.lang = 'sv';
    await until(() => button(el).getAttribute('aria-label') === 'Till toppen', 'Swedish name');
  });

  it('takes its name from label, in any language', async () => {
    const el = await fixture<ScrollToTopElement>(html`<scroll-to-top lang="lv" label="Uz satura sākumu"></scroll-to-top>`);
    expect(button(el).getAttribute('aria-label')).to.equal('Uz satura sākumu');
    el.label = '';
    await el.updateComplete;
    expect(button(el).getAttribute('aria-label')).to.equal('Uz lapas sākumu');
  });

  it('offers a target of at least 44 by 44 CSS px, even when sized smaller', async () => {
    const el = await longPage();
    el.style.setProperty('--scroll-to-top-size', '20px');
    await reveal(el);
    const rect = button(el).getBoundingClientRect();
    expect(rect.width).to.be.at.least(44);
    expect(rect.height).to.be.at.least(44);
  });

  it('sits in the bottom right corner, clear of the edges, in a left-to-right page', async () => {
    const el = await longPage();
    await reveal(el);
    const rect = button(el).getBoundingClientRect();
    const view = document.documentElement;
    expect(view.clientWidth - rect.right).to.be.within(8, 32);
    expect(view.clientHeight - rect.bottom).to.be.within(8, 32);
  });

  it('sits in the bottom left corner in a right-to-left page', async () => {
    const el = await longPage();
    el.parentElement!.dir = 'rtl';
    await reveal(el);
    const rect = button(el).getBoundingClientRect();
    expect(rect.left).to.be.within(8, 32);
    expect(document.documentElement.clientHeight - rect.bottom).to.be.within(8, 32);
  });

  it('takes its offsets from custom properties', async () => {
    const el = await longPage();
    el.style.setProperty('--scroll-to-top-offset-block', '50px');
    el.style.setProperty('--scroll-to-top-offset-inline', '70px');
    await reveal(el);
    await until(() => getComputedStyle(button(el)).translate === 'none' || getComputedStyle(button(el)).translate === '0px', 'slid in');
    const rect = button(el).getBoundingClientRect();
    expect(document.documentElement.clientWidth - rect.right).to.equal(70);
    expect(document.documentElement.clientHeight - rect.bottom).to.equal(50);
  });

  it('follows the page colour scheme, and theme forces one', async () => {
    const el = await longPage();
    await reveal(el);
    const background = () => getComputedStyle(button(el)).backgroundColor;
    const light = background();
    el.parentElement!.style.colorScheme = 'dark';
    const dark = background();
    expect(dark).not.to.equal(light);
    el.theme = 'light';
    await el.updateComplete;
    expect(background()).to.equal(light);
    el.parentElement!.style.colorScheme = '';
    el.theme = 'dark';
    await el.updateComplete;
    expect(background()).to.equal(dark);
  });
});
