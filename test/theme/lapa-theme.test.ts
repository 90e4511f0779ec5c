/**
 * One theme (issue 17): the shared `--lapa-*` custom properties, set once on `:root`, reach
 * every element; each element's own property overrides the shared one for that element
 * only; and nothing set leaves each element's own defaults.
 */
import { expect, html } from '@open-wc/testing';
import '../../src/news-card/define.js';
import '../../src/scroll-to-top/define.js';
import type { ScrollToTopElement } from '../../src/scroll-to-top/scroll-to-top.js';
import { articleId, clearStorage, mount as mountBox, part as boxPart, seed, srcFor, submitButton } from '../comment-box/helpers.js';
import { mount as mountCard, part as cardPart, sampleArticle } from '../news-card/helpers.js';
import { button } from '../scroll-to-top/helpers.js';

const ACCENT = 'rgb(138, 52, 19)';
const CONTRAST = 'rgb(250, 240, 230)';
const OWN = 'rgb(1, 2, 3)';

/** Sets custom properties on :root (the page's theme); returns the undo. */
function rootTheme(properties: Record<string, string>): () => void {
  const root = document.documentElement;
  for (const [name, value] of Object.entries(properties)) root.style.setProperty(name, value);
  return () => Object.keys(properties).forEach((name) => root.style.removeProperty(name));
}

async function elements() {
  const card = await mountCard(html`<news-card .article=${sampleArticle()}></news-card>`);
  const article = articleId('theme');
  await seed(article, [{ name: 'Anna', text: 'First.' }]);
  const box = await mountBox({ src: srcFor(article), lang: 'en' });
  const top = document.createElement('scroll-to-top') as ScrollToTopElement;
  box.after(top);
  await top.updateComplete;
  return { card, box, top };
}

const style = (el: Element | null) => getComputedStyle(el!);

describe('one theme for every element (--lapa-*)', () => {
  beforeEach(clearStorage);
  let undo: (() => void) | undefined;
  afterEach(() => {
    undo?.();
    undo = undefined;
    document.querySelectorAll('scroll-to-top').forEach((el) => el.remove());
  });

  it('--lapa-accent-color on :root recolours news-card, comment-box and scroll-to-top', async () => {
    const before = await elements();
    const defaults = {
      link: style(cardPart(before.card, 'read-more')).color,
      submit: style(submitButton(before.box)).backgroundColor,
      top: style(button(before.top)).backgroundColor,
    };
    expect(Object.values(defaults)).not.to.include(ACCENT);

    undo = rootTheme({ '--lapa-accent-color': ACCENT, '--lapa-accent-contrast-color': CONTRAST });
    const { card, box, top } = before;
    expect(style(cardPart(card, 'read-more')).color).to.equal(ACCENT);
    expect(style(submitButton(box)).backgroundColor).to.equal(ACCENT);
    expect(style(submitButton(box)).color).to.equal(CONTRAST);
    expect(style(button(top)).backgroundColor).to.equal(ACCENT);
    expect(style(button(top)).color).to.equal(CONTRAST);

    undo();
    undo = undefined;
    expect(style(cardPart(card, 'read-more')).color).to.equal(defaults.link);
    expect(style(submitButton(box)).backgroundColor).to.equal(defaults.submit);
    expect(style(button(top)).backgroundColor).to.equal(defaults.top);
  });

  it('reads every shared property in news-card and comment-box', async () => {
    undo = rootTheme({
      '--lapa-font-family': 'monospace',
      '--lapa-color': 'rgb(10, 20, 30)',
      '--lapa-background': 'rgb(240, 241, 242)',
      '--lapa-border-color': 'rgb(40, 50, 60)',
      '--lapa-radius': '3px',
      '--lapa-muted-color': 'rgb(70, 80, 90)',
    });
    const { card, box } = await elements();
    const base = style(cardPart(card, 'base'));
    expect(base.fontFamily).to.equal('monospace');
    expect(base.color).to.equal('rgb(10, 20, 30)');
    expect(base.backgroundColor).to.equal('rgb(240, 241, 242)');
    expect(base.borderTopColor).to.equal('rgb(40, 50, 60)');
    expect(base.borderTopLeftRadius).to.equal('3px');
    expect(style(cardPart(card, 'meta')).color).to.equal('rgb(70, 80, 90)');

    const boxBase = style(boxPart(box, 'base'));
    expect(boxBase.fontFamily).to.equal('monospace');
    expect(boxBase.color).to.equal('rgb(10, 20, 30)');
    const textarea = style(boxPart(box, 'textarea'));
    expect(textarea.backgroundColor).to.equal('rgb(240, 241, 242)');
    expect(textarea.color).to.equal('rgb(10, 20, 30)');
    expect(textarea.borderTopLeftRadius).to.equal('3px');
    // Fields keep their own darker edge (3:1 contrast); the form and threads take the theme's.
    expect(style(boxPart(box, 'form')).borderTopColor).to.equal('rgb(40, 50, 60)');
    expect(style(boxPart(box, 'date')).color).to.equal('rgb(70, 80, 90)');
  });

  it("an element's own property overrides the shared one, for that element only", async () => {
    undo = rootTheme({ '--lapa-accent-color': ACCENT, '--lapa-radius': '3px' });
    const { card, box, top } = await elements();
    card.style.setProperty('--news-card-accent-color', OWN);
    box.style.setProperty('--comment-box-accent-color', OWN);
    box.style.setProperty('--comment-box-border-radius', '9px');
    top.style.setProperty('--scroll-to-top-background', OWN);
    expect(style(cardPart(card, 'read-more')).color).to.equal(OWN);
    expect(style(submitButton(box)).backgroundColor).to.equal(OWN);
    expect(style(submitButton(box)).borderTopLeftRadius).to.equal('9px');
    expect(style(button(top)).backgroundColor).to.equal(OWN);
    expect(style(cardPart(card, 'base')).borderTopLeftRadius).to.equal('3px');

    // A second card on the same page keeps the page's theme.
    const other = await mountCard(html`<news-card .article=${sampleArticle()}></news-card>`);
    expect(style(cardPart(other, 'read-more')).color).to.equal(ACCENT);
  });

  it('the renamed element properties take effect (CHANGELOG: comment-box color and border-radius, scroll-to-top background)', async () => {
    const { box, top } = await elements();
    box.style.setProperty('--comment-box-color', 'rgb(11, 12, 13)');
    box.style.setProperty('--comment-box-border-radius', '7px');
    box.style.setProperty('--comment-box-font-family', 'serif');
    top.style.setProperty('--scroll-to-top-background', OWN);
    top.style.setProperty('--scroll-to-top-hover-background', 'rgb(4, 5, 6)');
    expect(style(boxPart(box, 'base')).color).to.equal('rgb(11, 12, 13)');
    expect(style(boxPart(box, 'base')).fontFamily).to.equal('serif');
    expect(style(boxPart(box, 'textarea')).borderTopLeftRadius).to.equal('7px');
    expect(style(button(top)).backgroundColor).to.equal(OWN);
    // The old names do nothing: there are no aliases.
    box.style.setProperty('--comment-box-radius', '1px');
    box.style.setProperty('--comment-box-text-color', 'rgb(99, 99, 99)');
    top.style.setProperty('--scroll-to-top-background-color', 'rgb(99, 99, 99)');
    expect(style(boxPart(box, 'textarea')).borderTopLeftRadius).to.equal('7px');
    expect(style(boxPart(box, 'base')).color).to.equal('rgb(11, 12, 13)');
    expect(style(button(top)).backgroundColor).to.equal(OWN);
  });
});
