import { expect } from '@open-wc/testing';
import { ScrollToTopElement } from '../../src/scroll-to-top/scroll-to-top.js';
import '../../src/scroll-to-top/define.js';

describe('<scroll-to-top> registration', () => {
  it('registers <scroll-to-top> when its define module is imported', () => {
    expect(customElements.get('scroll-to-top')).to.equal(ScrollToTopElement);
  });

  it('can be registered again under another tag, and still works there', async () => {
    ScrollToTopElement.define('lapa-back-to-top');
    const el = document.createElement('lapa-back-to-top') as ScrollToTopElement;
    document.body.append(el);
    await el.updateComplete;
    expect(el).to.be.instanceOf(ScrollToTopElement);
    expect(el.shadowRoot!.querySelector('button')!.getAttribute('aria-label')).to.equal('Back to top');
    el.remove();
  });
});
