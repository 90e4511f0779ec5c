import { expect } from '@open-wc/testing';
import { render } from 'lit';
import fc from 'fast-check';
import { linkify } from '../../src/comment-box/linkify.js';

function rendered(text: string): HTMLElement {
  const host = document.createElement('div');
  render(linkify(text), host);
  return host;
}

const links = (text: string) => [...rendered(text).querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]);

describe('linkify (plain comment text)', () => {
  it('links http(s) and www addresses, leaving the punctuation around them as text', () => {
    expect(links('See https://example.org/a?b=1, or (www.example.com). Done.')).to.deep.equal([
      ['https://example.org/a?b=1', 'https://example.org/a?b=1'],
      ['www.example.com', 'https://www.example.com/'],
    ]);
  });

  it('keeps brackets that belong to the address', () => {
    expect(links('https://en.wikipedia.org/wiki/Riga_(city)!')).to.deep.equal([
      ['https://en.wikipedia.org/wiki/Riga_(city)', 'https://en.wikipedia.org/wiki/Riga_(city)'],
    ]);
  });

  it('never links other schemes', () => {
    expect(links('javascript:alert(1) data:text/html,x vbscript:x mailto:a@example.org')).to.deep.equal([]);
  });

  it('marks every link as user-generated and keeps the referrer back', () => {
    const a = rendered('http://example.org').querySelector('a')!;
    expect(a.rel).to.equal('nofollow ugc noopener noreferrer');
    expect(a.referrerPolicy).to.equal('no-referrer');
  });

  it('never changes the text, whatever it is (markup stays text)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.webUrl(), fc.constantFrom('<b>x</b>', '<script>alert(1)</script>', '\n', ' www.', 'https://', ').', '&amp;')), { maxLength: 12 }),
        (pieces) => {
          const text = pieces.join('');
          const host = rendered(text);
          expect(host.textContent).to.equal(text);
          expect(host.querySelectorAll('*:not(a)')).to.have.length(0);
          for (const a of host.querySelectorAll('a')) expect(a.protocol).to.match(/^https?:$/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
