/**
 * The pre-parse pass that keeps a strict CSP quiet (src/internal/strip-inline.ts) removes
 * only what the sanitiser drops anyway. Checked against Chromium's own HTML parser: the
 * stripped and the original string parse to the same tree once both are cut down to
 * what the sanitiser could ever keep (plain attribute names other than style, on* and
 * data-*; none of the elements whose content it forbids).
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { stripInlineStylesAndHandlers as strip } from '../../src/internal/strip-inline.js';
import { assertProperty } from '../support/properties.js';

/** Elements DOMPurify drops with their content here (FORBID_CONTENTS in sanitize.ts). */
const FORBIDDEN = 'script, style, template, noscript, iframe, object, embed, svg, math, title, textarea, select, option, xmp, noembed, noframes, plaintext';

/** Attribute names an allowlist can hold: plain names, not style, on* or data-*. */
const KEEPABLE_ATTRIBUTE = /^(?!style$|on|data-)[a-z][a-z0-9-]*$/;

/** What the sanitiser could keep of `html`, as markup. */
function keepable(html: string): string {
  // This page has no CSP: parsing here reports nothing, which is why the oracle lives here.
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const el of doc.querySelectorAll(FORBIDDEN)) el.remove();
  for (const el of doc.querySelectorAll('*')) {
    for (const name of el.getAttributeNames()) if (!KEEPABLE_ATTRIBUTE.test(name)) el.removeAttribute(name);
  }
  return doc.body.innerHTML;
}

/** Whether parsing `html` would set an inline style or handler, or create a style element. */
function reportable(html: string): string[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const found: string[] = [];
  for (const el of doc.querySelectorAll('*')) {
    if (el.localName === 'style') found.push('<style>');
    for (const name of el.getAttributeNames()) if (name === 'style' || /^on[a-z]+$/.test(name)) found.push(`${el.localName}[${name}]`);
  }
  return found;
}

async function json<T>(path: string): Promise<T> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json() as Promise<T>;
}

describe('stripInlineStylesAndHandlers', () => {
  it('removes style and on* attributes and style elements, and nothing else', () => {
    expect(strip('<figure style="width: 300px" class="wp-caption"><img src="a.jpg" onerror=alert(1) alt="A"></figure>')).to.equal(
      '<figure data-x="" class="wp-caption"><img src="a.jpg" data-x="" alt="A"></figure>',
    );
    expect(strip('<p>a</p><STYLE type="text/css">p { color: red }</STYLE><p>b</p>')).to.equal('<p>a</p><p>b</p>');
    expect(strip('<P STYLE=color:red ONCLICK="x()" title="style=on">x</P>')).to.equal('<P data-x="" data-x="" title="style=on">x</P>');
    expect(strip('<svg><style>a{}</style><rect style="fill:red"/></svg>')).to.equal('<svg>a{}<rect data-x=""/></svg>');
    expect(strip('plain text about style and onions')).to.equal('plain text about style and onions');
  });

  it('leaves comments, raw text and attribute values alone', () => {
    const html = '<!-- <p style="x"> --><textarea><b style="y"></textarea><a title=\'<i onclick="z">\' href="/?style=1">a</a>';
    expect(strip(html)).to.equal(html);
  });

  it('keeps everything the sanitiser could keep, for DOMPurify\'s XSS vectors and real WordPress posts', async () => {
    const { vectors } = await json<{ vectors: Array<{ payload: string }> }>('/test/fixtures/xss/dompurify-vectors.json');
    const posts = await Promise.all(
      ['02-post-latvian-embed', '13-post-dangerous', '01-posts-per_page-2'].map((name) => json<unknown>(`/test/fixtures/news/wordpress/${name}.json`)),
    );
    const wordpress = posts.flat().flatMap((post) => {
      const p = post as { content: { rendered: string }; excerpt: { rendered: string }; title: { rendered: string } };
      return [p.content.rendered, p.excerpt.rendered, p.title.rendered];
    });
    const corpus = [...vectors.map((v) => v.payload), ...wordpress];
    expect(corpus.length).to.be.greaterThan(200);
    const lost = corpus.filter((html) => keepable(strip(html)) !== keepable(html));
    expect(lost).to.deep.equal([]);
  });

  it('leaves nothing that the parser would report to a strict CSP, in the real WordPress posts', async () => {
    const post = await json<{ content: { rendered: string } }>('/test/fixtures/news/wordpress/02-post-latvian-embed.json');
    expect(reportable(post.content.rendered), 'the fixture has an inline style').not.to.deep.equal([]);
    expect(reportable(strip(post.content.rendered))).to.deep.equal([]);
  });

  it('keeps everything the sanitiser could keep, for generated tag soup', () => {
    const token = fc.constantFrom(
      '<p', '<b', '<a', '<img', '<style>', '</style>', '<style', '<textarea>', '</textarea>', '<script>', '</script>', '<svg>', '</svg>',
      '<math>', '<title>', '</title>', '<noscript>', '</noscript>', '<!--', '-->', '--!>', '<!', '<?', '</', '</p>', '<table>', '<tr>', '<td>',
      ' style=', ' STYLE=', ' onclick=', ' onerror =', ' title=', ' href=', ' alt', '=', '"', "'", '>', '/>', '/', ' ', '\n', 'x', 'style', 'on',
      'red;', '&amp;', '&quot;', '<', '`',
    );
    assertProperty(
      fc.property(fc.array(token, { maxLength: 40 }), (tokens) => {
        const html = tokens.join('');
        expect(keepable(strip(html)), html).to.equal(keepable(html));
      }),
      { numRuns: 400 },
    );
  });

  it('leaves nothing reportable in generated markup without raw-text elements', () => {
    const token = fc.constantFrom('<p', '<b', '<img', '<style>', '</style>', ' style=', ' onclick=', ' title=', '"', "'", '>', '/>', ' ', 'x', '<!--', '-->', 'red');
    assertProperty(
      fc.property(fc.array(token, { maxLength: 30 }), (tokens) => {
        const html = tokens.join('');
        expect(reportable(strip(html)), html).to.deep.equal([]);
      }),
      { numRuns: 400 },
    );
  });
});
