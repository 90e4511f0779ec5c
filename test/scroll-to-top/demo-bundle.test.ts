import { expect, fixture, html } from '@open-wc/testing';
import { until } from './helpers.js';

// The built script-tag bundle, as a partner page loads it: the demo page in a frame.
describe('<scroll-to-top> demo page with the script-tag bundle', () => {
  before(async () => {
    const bundle = await fetch('/dist/lapa-widgets.min.js', { method: 'HEAD' });
    if (!bundle.ok) throw new Error('dist/lapa-widgets.min.js is missing: run `npm run build` first (npm test does).');
  });

  it('has no inline scripts or styles, so it runs under a strict CSP', async () => {
    const source = await (await fetch('/demo/scroll-to-top.html')).text();
    expect(source).to.match(/<script src="\/dist\/lapa-widgets\.min\.js"><\/script>/);
    expect(source).not.to.match(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(source).not.to.match(/<style|\sstyle=|\son[a-z]+=/i);
  });

  it('shows the button past a screen of article, goes back to the title and works in the panel', async () => {
    const frame = await fixture<HTMLIFrameElement>(html`<iframe src="/demo/scroll-to-top.html" style="width: 800px; height: 600px"></iframe>`);
    await until(() => !!frame.contentWindow?.customElements?.get('scroll-to-top') && frame.contentDocument!.readyState === 'complete', 'bundle loaded', 600);
    const win = frame.contentWindow!;
    const doc = frame.contentDocument!;
    const [panelButton, pageButton] = [...doc.querySelectorAll('scroll-to-top')].map((el) => el.shadowRoot!.querySelector('button')!);
    const visible = (b: HTMLButtonElement) => win.getComputedStyle(b).visibility === 'visible';

    expect(pageButton!.getAttribute('aria-label')).to.equal('Back to top');
    expect(panelButton!.getAttribute('aria-label')).to.equal('Uz lapas sākumu');
    expect(visible(pageButton!)).to.be.false;

    win.scrollTo({ top: 1200, behavior: 'instant' });
    await until(() => visible(pageButton!), 'page button shown');
    pageButton!.click();
    expect(doc.activeElement!.id).to.equal('article-title');
    await until(() => win.scrollY === 0, 'back at the top', 600);

    const panel = doc.getElementById('live')!;
    panel.scrollTop = 400;
    await until(() => visible(panelButton!), 'panel button shown');
    const p = panel.getBoundingClientRect();
    const b = panelButton!.getBoundingClientRect();
    expect(b.bottom <= p.bottom && b.top >= p.top, 'inside the panel').to.be.true;
  });
});
