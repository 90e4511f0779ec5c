import { expect } from '@open-wc/testing';
import { defineElement } from '../../src/internal/define.js';

describe('defineElement', () => {
  it('registers a class under a free tag', () => {
    class A extends HTMLElement {}
    defineElement('lapa-test-a', A);
    expect(customElements.get('lapa-test-a')).to.equal(A);
  });

  it('does nothing when the tag is taken, keeping the first definition', () => {
    class B extends HTMLElement {}
    class C extends HTMLElement {}
    defineElement('lapa-test-b', B);
    expect(() => defineElement('lapa-test-b', C)).not.to.throw();
    expect(customElements.get('lapa-test-b')).to.equal(B);
  });

  it('registers a subclass when the class already has another tag', () => {
    class D extends HTMLElement {}
    defineElement('lapa-test-d', D);
    defineElement('lapa-test-d2', D);
    const second = customElements.get('lapa-test-d2')!;
    expect(second).not.to.equal(D);
    expect(document.createElement('lapa-test-d2')).to.be.instanceOf(D);
  });
});
