import { expect, fixture, html } from '@open-wc/testing';
import { canaryRequests, executions, inspect, installTraps, serverCanaryHits, settle } from './harness.js';

/**
 * The injection suite passes when its instruments find nothing, so they must be shown to
 * find something: a shadow tree built here with every kind of fault the walk looks for.
 */
class BrokenWidget extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const add = <K extends keyof HTMLElementTagNameMap>(parent: Node, tag: K, attrs: Record<string, string> = {}, text = '') => {
      const el = document.createElement(tag);
      for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
      el.textContent = text;
      parent.appendChild(el);
      return el;
    };
    const body = add(root, 'div', { part: 'body', style: 'width: 200px' });
    add(body, 'script', {}, '/* inert: inserted by the DOM API */');
    add(body, 'a', { href: 'javascript:void 0', rel: 'noopener noreferrer' }, 'js link');
    add(body, 'img', { src: '/__hostile/img.svg', onerror: 'void 0', alt: '' });
    add(body, 'p', { id: 'title' }, 'clobber');
    add(body, 'div', { style: 'position: fixed; inset: 0' }, 'overlay');
    add(body, 'p', { style: 'margin-left: 500px; width: 100px' }, 'outside');
    add(body, 'a', { href: 'https://example.org/' }, 'no rel');
    add(body, 'img', { srcset: 'data:image/png;base64,AAAA 2x', alt: '' });
    const own = add(root, 'form', { part: 'form' });
    add(own, 'button', {}, 'chrome may have buttons');
  }
}
customElements.define('broken-widget', BrokenWidget);

describe('the injection suite instruments', () => {
  before(() => installTraps());

  it('report every kind of fault a widget could render', async () => {
    const el = await fixture<BrokenWidget>(html`<div style="width: 300px"><broken-widget></broken-widget></div>`);
    const widget = el.querySelector('broken-widget')!;
    const rules = inspect(widget, 0, 'self-test', { contentParts: ['body'] }).map((v) => v.rule);
    expect(rules).to.include.members([
      'forbidden element',
      'unsafe URL',
      'unsafe URL in srcset',
      'event handler attribute',
      'attribute "id" in content',
      'attribute "style" in content',
      'position: fixed in content',
      'painted outside the element',
      'link without rel="noopener noreferrer"',
    ]);
    // A form outside comment-box is not the comment box's own form.
    expect(rules.filter((r) => r === 'forbidden element')).to.have.length(2);
  });

  it('record dialogs and __xss calls', () => {
    const before = executions.length;
    window.alert('x');
    (window as unknown as { __xss(id: string): void }).__xss('self-test');
    expect(executions.slice(before)).to.deep.equal(['alert(x)', '__xss(self-test)']);
    executions.splice(before);
  });

  it('see a canary request, in the page and on the server', async () => {
    const url = `/__hostile/canary/self-test/${Math.random().toString(36).slice(2)}`;
    const image = new Image();
    const loaded = new Promise((resolve) => (image.onload = image.onerror = resolve));
    image.src = url;
    await loaded;
    await settle();
    expect(canaryRequests.some((r) => r.endsWith(url))).to.equal(true);
    expect((await serverCanaryHits(true)).some((hit) => hit.startsWith(url))).to.equal(true);
  });
});
