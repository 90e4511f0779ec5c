import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { button, focusPage, frames, resetScroll, scrollWindowTo, shown, until } from './helpers.js';

// WCAG 2.4.11 Focus Not Obscured: the fixed button must not hide what has keyboard focus.
describe('<scroll-to-top> never covers the focused element', () => {
  beforeEach(focusPage);
  afterEach(resetScroll);

  async function page() {
    const root = await fixture<HTMLElement>(html`
      <div style="height: 5000px">
        <main id="main" tabindex="-1">
          <a id="top-link" href="#a">At the top of the screen</a>
        </main>
        <a id="corner" href="#b" style="position: fixed; right: 20px; bottom: 24px">In the corner</a>
        <scroll-to-top threshold="100"></scroll-to-top>
      </div>
    `);
    const el = root.querySelector('scroll-to-top')!;
    await scrollWindowTo(1000);
    await until(() => shown(el), 'shown');
    return { root, el, corner: root.querySelector<HTMLElement>('#corner')! };
  }

  it('steps aside while a control under it has focus, and returns when focus moves on', async () => {
    const { root, el, corner } = await page();
    const b = button(el).getBoundingClientRect();
    const c = corner.getBoundingClientRect();
    expect(c.right > b.left && c.bottom > b.top, 'the link lies under the button').to.be.true;

    corner.focus();
    await until(() => !shown(el), 'stepped aside');
    expect(el.matches(':state(visible)'), 'still past the threshold').to.be.true;

    root.querySelector<HTMLElement>('#top-link')!.focus({ preventScroll: true });
    await until(() => shown(el), 'back once focus moved away');
  });

  it('steps aside when Tab reaches a control under it', async () => {
    const { root, el } = await page();
    root.querySelector<HTMLElement>('#top-link')!.focus({ preventScroll: true });
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement!.id).to.equal('corner');
    await until(() => !shown(el), 'stepped aside');
    expect(el.matches(':state(visible)'), 'still past the threshold').to.be.true;
  });

  it('returns when focus leaves for nowhere', async () => {
    const { el, corner } = await page();
    corner.focus();
    await until(() => !shown(el), 'stepped aside');
    corner.blur();
    await until(() => shown(el), 'back');
  });

  it('stays put for a focused region larger than the screen', async () => {
    const { root, el } = await page();
    const main = root.querySelector<HTMLElement>('#main')!;
    main.style.height = '3000px';
    main.focus({ preventScroll: true });
    await frames();
    expect(shown(el)).to.be.true;
  });
});
