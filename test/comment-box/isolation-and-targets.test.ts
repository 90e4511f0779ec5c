/**
 * Issue 15 (bidi isolation of the reader's words) and issue 17 (heading-level, target
 * sizes): what the page around the comments can rely on.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { articleId, clearStorage, mount, part, parts, seed, srcFor, text } from './helpers.js';

const RLO = '\u202E';

describe('comment-box: isolated names and texts, heading level, target sizes', () => {
  beforeEach(clearStorage);

  it('renders names and texts isolated (dir=auto): an RLO in a name cannot reorder the date beside it', async () => {
    const article = articleId();
    const [id] = await seed(article, [{ name: `${RLO}Evil`, text: `See ${RLO}fdp.exe` }, { name: 'Plain', text: 'Fine.' }]);
    // Seeded straight into the store: the protocol refuses bidi overrides on POST, an older server may not.
    const el = await mount({ src: srcFor(article), lang: 'en' });
    await expect(el).to.be.accessible();
    const [author] = parts(el, 'author');
    const [body] = parts(el, 'body');
    expect(author!.getAttribute('dir')).to.equal('auto');
    expect(body!.getAttribute('dir')).to.equal('auto');
    expect(getComputedStyle(author!).unicodeBidi).to.equal('isolate');
    // Left to right: the date stays right of the name, as in the comment without an override.
    const [date] = parts(el, 'date');
    expect(date!.getBoundingClientRect().left).to.be.at.least(author!.getBoundingClientRect().right - 1);
    expect(id).to.be.a('string');
  });

  it('a right-to-left text reads right to left in its own box, the page around it left to right', async () => {
    const article = articleId();
    await seed(article, [{ name: 'سلمى', text: 'مرحبا بالعالم' }]);
    const el = await mount({ src: srcFor(article), lang: 'en' });
    expect(getComputedStyle(part(el, 'body')!).direction).to.equal('rtl');
    expect(getComputedStyle(part(el, 'author')!).direction).to.equal('rtl');
    expect(getComputedStyle(part(el, 'meta')!).direction).to.equal('ltr');
  });

  it('the name in "Reply to …" is isolated too (FSI/PDI)', async () => {
    const article = articleId();
    await seed(article, [{ name: `${RLO}Evil` }]);
    const el = await mount({ src: srcFor(article), lang: 'en' });
    part(el, 'reply-button')!.click();
    await el.updateComplete;
    const heading = part(el, 'form-heading')!;
    // First-strong isolate … pop directional isolate: isolated, and the heading stays text.
    expect(heading.children).to.have.length(0);
    expect(heading.textContent).to.equal(`Reply to \u2068${RLO}Evil\u2069`);
  });

  it('heading-level sets the level of the count heading (the comments\' only heading), and the form\'s one below', async () => {
    const article = articleId();
    await seed(article, [{}, {}]);
    const el = await mount({ src: srcFor(article), lang: 'lv', 'heading-level': '3' });
    const heading = part(el, 'heading')!;
    expect(heading.getAttribute('role')).to.equal('heading');
    expect(heading.getAttribute('aria-level')).to.equal('3');
    expect(text(heading)).to.equal('2 komentāri');
    expect(part(el, 'form-heading')!.getAttribute('aria-level')).to.equal('4');
    el.headingLevel = 9;
    await el.updateComplete;
    expect(heading.getAttribute('aria-level'), 'out of range: clamped').to.equal('6');
    expect(part(el, 'form-heading')!.getAttribute('aria-level')).to.equal('6');
    const plain = await mount({ src: srcFor(article) });
    expect(part(plain, 'heading')!.getAttribute('aria-level'), 'the default').to.equal('2');
  });

  for (const [width, min] of [
    [800, 24],
    [360, 44],
  ] as const) {
    it(`every button is at least ${min}x${min} CSS px in a box ${width} px wide`, async () => {
      const article = articleId();
      await seed(article, [{}, { replyTo: 0 }]);
      const host = await fixture<HTMLDivElement>(html`<div style="width: ${width}px"></div>`);
      const el = await mount({ src: srcFor(article), 'page-size': '1' });
      host.append(el);
      await el.updateComplete;
      const buttons = el.shadowRoot!.querySelectorAll('button');
      expect(buttons.length).to.be.at.least(3);
      const coarse = matchMedia('(pointer: coarse)').matches;
      for (const button of buttons) {
        const { width: w, height: h } = button.getBoundingClientRect();
        const need = coarse ? 44 : min;
        expect(Math.min(w, h), `${button.getAttribute('part')} is ${w}x${h}`).to.be.at.least(need - 0.5);
      }
    });
  }
});
