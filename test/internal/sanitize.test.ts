import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { htmlToText, nativeSanitizer, safeSrcset, safeUrl, sanitizeHtml, sanitizerIsReady, sanitizerPath, sanitizerReady } from '../../src/internal/sanitize.js';
import type { SanitizeProfile } from '../../src/internal/sanitize.js';
import { imageRoundTrip } from '../support/dom.js';
import { engine } from '../support/engine.js';
import { testSanitizerPath } from '../security/harness.js';
import { assertProperty } from '../support/properties.js';

interface Vector {
  title: string;
  payload: string;
}

const FORBIDDEN = 'script, iframe, object, embed, base, meta, link, form, style, frame, frameset, svg, math, input, textarea, button, template, noscript';
const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'cite', 'data'];

/** Everything a rendered sanitiser output must never contain; returns what it found. */
function violations(root: ParentNode): string[] {
  const found: string[] = [];
  for (const el of root.querySelectorAll(FORBIDDEN)) found.push(`<${el.localName}>`);
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) found.push(`${el.localName}[${attr.name}]`);
      if (attr.name === 'style') found.push(`${el.localName}[style]`);
      if (URL_ATTRS.includes(attr.name) && !/^(https?:|mailto:)/i.test(attr.value)) found.push(`${el.localName}[${attr.name}=${attr.value}]`);
      if (attr.name === 'srcset' && /javascript:|data:/i.test(attr.value)) found.push(`${el.localName}[srcset]`);
      if (attr.name === 'id' || attr.name === 'name') found.push(`${el.localName}[${attr.name}] (clobbering)`);
    }
  }
  return found;
}

function render(html: string, profile: SanitizeProfile): HTMLElement {
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  const box = document.createElement('div');
  box.append(sanitizeHtml(html, profile, 'https://news.example/articles/1'));
  root.append(box);
  document.body.append(host);
  return box;
}

describe('sanitizeHtml', () => {
  let vectors: Vector[] = [];
  const calls: string[] = [];

  before(async () => {
    await sanitizerReady();
    vectors = (await (await fetch('/test/fixtures/xss/dompurify-vectors.json')).json()).vectors;
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      (window as unknown as Record<string, unknown>)[name] = () => calls.push(name);
    }
  });

  // The stubs stay for the whole file: a handler that wrongly survived could fire after
  // this suite, and a real alert() would block the page instead of failing a test.
  after(() => document.querySelectorAll('body > div').forEach((el) => el.remove()));

  it('leaves nothing executable from any of the 223 DOMPurify vectors, in both profiles', async () => {
    expect(vectors.length).to.equal(223);
    const problems: string[] = [];
    for (const profile of ['article', 'comment'] as const) {
      for (const v of vectors) {
        const found = violations(render(v.payload, profile));
        if (found.length) problems.push(`${profile} "${v.title}": ${found.join(', ')}`);
      }
    }
    // Give event handlers that were (wrongly) kept a chance to run: image errors after a
    // round trip, animation events after a frame or two.
    await imageRoundTrip();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(problems).to.deep.equal([]);
    expect(calls).to.deep.equal([]);
  });

  it('takes the native path in Chromium and Firefox and DOMPurify in WebKit (or where the runner forces it)', () => {
    const forced = (globalThis as { lapaTestSanitizer?: string }).lapaTestSanitizer === 'dompurify';
    expect(sanitizerPath()).to.equal(engine !== 'webkit' && !forced ? 'native' : 'dompurify');
    expect(sanitizerPath(), 'the path the security suites record their renders under').to.equal(testSanitizerPath());
    expect(nativeSanitizer()).to.equal(sanitizerPath() === 'native');
    expect(sanitizerIsReady()).to.equal(true);
  });

  it('keeps each attribute only on the elements that may have it', () => {
    const box = render(
      '<div src="a.jpg" href="/x" alt="a" width="3" title="t" datetime="2025">d</div><p srcset="a.jpg 1x" colspan="2" lang="lv" dir="rtl">p</p><time datetime="2025-01-01" href="/y">t</time>',
      'article',
    );
    const attrs = (sel: string) => box.querySelector(sel)!.getAttributeNames().sort();
    expect(attrs('div')).to.deep.equal(['title']);
    expect(attrs('p')).to.deep.equal(['dir', 'lang']);
    expect(attrs('time')).to.deep.equal(['datetime']);
  });

  it('keeps the text of elements it does not keep, known or made up, and drops script-like ones with theirs', () => {
    const box = render('<p>a<font color=red>b</font><my-widget x=1>c</my-widget><zz>d</zz><kbd>e</kbd><svg><text>no</text></svg><select><option>no</option></select><noscript>no</noscript>f</p>', 'comment');
    expect(box.innerHTML).to.equal('<p>abcdef</p>');
  });

  it('keeps images in articles and drops them in comments', () => {
    expect(render('<p><img src="a.jpg" alt="A"></p>', 'article').querySelector('img')?.getAttribute('alt')).to.equal('A');
    expect(render('<p><img src="a.jpg" alt="A"></p>', 'comment').querySelector('img')).to.equal(null);
  });

  it('drops data: links and javascript: images that a native Sanitizer keeps', () => {
    const box = render('<a href="data:text/html,x">d</a><a href="javascript:alert(1)">j</a><img src="javascript:alert(1)"><img src="data:image/png;base64,AAAA">', 'article');
    expect([...box.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([null, null]);
    expect(box.querySelector('img')).to.equal(null);
  });

  it('keeps the structure news bodies need', () => {
    const box = render(
      '<h2>Sub</h2><p>Text <strong>bold</strong> <a href="/x">link</a></p><ul><li>a</li></ul>' +
        '<blockquote>q</blockquote><figure><img src="i.jpg" srcset="i-300.jpg 300w, i-1024.jpg 1024w" width="300" height="200" alt="A"><figcaption>C</figcaption></figure>' +
        '<table><tr><th>h</th><td>d</td></tr></table>',
      'article',
    );
    for (const sel of ['h2', 'p strong', 'a', 'ul li', 'blockquote', 'figure img', 'figcaption', 'table th', 'table td']) {
      expect(box.querySelector(sel), sel).to.exist;
    }
  });

  it('resolves relative URLs against the base and marks links noopener', () => {
    const a = render('<a href="../other">x</a>', 'article').querySelector('a')!;
    expect(a.getAttribute('href')).to.equal('https://news.example/other');
    expect(a.getAttribute('rel')).to.equal('noopener noreferrer');
  });

  it('marks comment links nofollow ugc', () => {
    const a = render('<a href="https://spam.example">x</a>', 'comment').querySelector('a')!;
    expect(a.getAttribute('rel')).to.equal('nofollow ugc noopener noreferrer');
  });

  it('makes images lazy, async, no-referrer, with checked srcset and sizes', () => {
    const img = render('<img src="a.jpg" srcset="a-1.jpg 300w, javascript:alert(1) 600w, a-2.jpg 1024w">', 'article').querySelector('img')!;
    expect(img.getAttribute('src')).to.equal('https://news.example/articles/a.jpg');
    expect(img.getAttribute('srcset')).to.equal('https://news.example/articles/a-1.jpg 300w, https://news.example/articles/a-2.jpg 1024w');
    expect(img.getAttribute('sizes')).to.be.a('string').and.not.equal('');
    expect(img.getAttribute('loading')).to.equal('lazy');
    expect(img.getAttribute('decoding')).to.equal('async');
    expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(img.getAttribute('alt')).to.equal('');
  });

  it('drops images whose source is not http(s)', () => {
    expect(render('<img src="javascript:alert(1)"><img src="data:image/svg+xml,<svg onload=alert(1)>">', 'article').querySelector('img')).to.equal(null);
  });

  it('drops style attributes and style sheets', () => {
    const box = render('<p style="position:fixed;inset:0">x</p><style>*{color:red}</style>', 'article');
    expect(box.querySelector('[style], style')).to.equal(null);
    expect(box.textContent).to.equal('x');
  });

  it('keeps only comment-sized markup in the comment profile', () => {
    const box = render('<h1>Big</h1><img src="https://x.example/a.png"><table><tr><td>t</td></tr></table><p>ok</p>', 'comment');
    expect(box.querySelector('h1, img, table')).to.equal(null);
    expect(box.querySelector('p')!.textContent).to.equal('ok');
  });

  it('returns an empty fragment for non-strings', () => {
    expect(sanitizeHtml(42).childNodes.length).to.equal(0);
    expect(sanitizeHtml(null).childNodes.length).to.equal(0);
  });

  it('never lets markup built from tag soup produce a violation (property)', () => {
    const token = fc.constantFrom(
      '<script>', '</script>', '<img src=x onerror=alert(1)>', '<svg>', '<math>', '<style>', '</style>', '<noscript>',
      '<template>', '<a href="javascript:alert(1)">', '<a href=" JaVaScRiPt:alert(1)">', '<iframe src=//x>', '<form>',
      '<p>', '</p>', '<div id="x" name="y">', '"', "'", '>', '<', '<!--', '-->', '<![CDATA[', ']]>', '<base href=//x>',
      '<meta http-equiv=refresh>', '<object data=x>', '<img src="a.png" srcset="javascript:1 1x">', '&lt;', 'text', ' ', 'onload=', '=',
      '<mglyph>', '<mtext>', '<table>', '<select>', '<textarea>', '<xmp>', '<title>', '<foreignobject>', '<desc>',
    );
    assertProperty(
      fc.property(fc.array(token, { maxLength: 25 }), fc.constantFrom<SanitizeProfile>('article', 'comment'), (tokens, profile) => {
        const box = render(tokens.join(''), profile);
        const found = violations(box);
        box.getRootNode() instanceof ShadowRoot && (box.getRootNode() as ShadowRoot).host.remove();
        return found.length === 0;
      }),
      { numRuns: 300 },
    );
  });
});

describe('safeUrl', () => {
  it('allows http, https, mailto and relative URLs, resolved', () => {
    expect(safeUrl('https://a.example/x')).to.equal('https://a.example/x');
    expect(safeUrl('http://a.example/')).to.equal('http://a.example/');
    expect(safeUrl('mailto:a@b.example')).to.equal('mailto:a@b.example');
    expect(safeUrl('/p?q=1', 'https://a.example/x/y')).to.equal('https://a.example/p?q=1');
    expect(safeUrl('  https://a.example/  ')).to.equal('https://a.example/');
  });

  it('refuses script-running and other schemes, however they are dressed up', () => {
    for (const bad of [
      'javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:alert(1)',
      '\u0001javascript:alert(1)', 'vbscript:msgbox(1)', 'data:text/html,<script>alert(1)</script>', 'blob:https://a.example/x',
      'file:///etc/passwd', 'ftp://a.example/', '', '   ', 'http://[bad', 
    ]) {
      expect(safeUrl(bad, 'https://a.example/'), JSON.stringify(bad)).to.equal(undefined);
    }
  });

  it('treats an entity-encoded scheme as a harmless relative path', () => {
    expect(safeUrl('javascript&colon;alert(1)', 'https://a.example/')).to.equal('https://a.example/javascript&colon;alert(1)');
  });

  it('refuses non-strings', () => {
    for (const bad of [null, undefined, 1, {}, ['https://a.example/']]) expect(safeUrl(bad)).to.equal(undefined);
  });

  it('only ever returns http(s) or mailto URLs (property)', () => {
    assertProperty(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.constantFrom('javascript:', 'data:', 'vbscript:', 'mailto:', 'blob:').chain((s) => fc.string().map((r) => s + r))), (input) => {
        const out = safeUrl(input, 'https://base.example/dir/');
        return out === undefined || /^(https?:\/\/|mailto:)/.test(out);
      }),
      { numRuns: 500 },
    );
  });
});

describe('safeSrcset', () => {
  it('keeps valid candidates and drops the rest', () => {
    expect(safeSrcset('a.jpg 1x, data:x 2x, b.jpg 2x', 'https://a.example/')).to.equal('https://a.example/a.jpg 1x, https://a.example/b.jpg 2x');
    expect(safeSrcset('javascript:alert(1) 1x')).to.equal(undefined);
    expect(safeSrcset('a.jpg bogus')).to.equal(undefined);
  });
});

describe('htmlToText', () => {
  it('decodes entities and drops tags, as WordPress titles need', () => {
    expect(htmlToText('&#8220;Rīga&#8221; &amp; <em>Tbilisi</em>')).to.equal('\u201cRīga\u201d & Tbilisi');
  });

  it('runs nothing and loads nothing while decoding', async () => {
    let ran = false;
    (window as unknown as { __ran: () => void }).__ran = () => (ran = true);
    expect(htmlToText('<img src=x onerror="__ran()"><script>__ran()</script>ok')).to.equal('ok');
    await imageRoundTrip();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(ran).to.equal(false);
  });

  it('reads the text of the body, whatever elements in the string are named (DOM clobbering)', () => {
    // Named <img>, <form>, <embed> and <object> elements shadow a parsed document's own
    // properties (in Firefox and WebKit even `body`): the text must not depend on them.
    for (const name of ['body', 'querySelector', 'querySelectorAll', 'documentElement']) {
      expect(htmlToText(`<img name="${name}"><p>Anna <b>Bērziņa</b></p>`), name).to.equal('Anna Bērziņa');
      expect(htmlToText(`<img name="${name}"><img name="${name}">Anna`), `two named ${name}`).to.equal('Anna');
      expect(htmlToText(`<form name="${name}"><p>Stray</p></form>Anna`), `a form named ${name}`).to.equal('Stray Anna');
      expect(htmlToText(`<embed name="${name}"><object name="${name}"></object><p>Anna</p>`), `embed/object named ${name}`).to.equal('Anna');
    }
    // A frameset document has no <body>: its body is the frameset, which holds no text.
    expect(htmlToText('<frameset><frame name="body"></frameset>')).to.equal('');
  });

  it('returns plain strings unchanged and non-strings as empty', () => {
    expect(htmlToText('Plain')).to.equal('Plain');
    expect(htmlToText(undefined)).to.equal('');
  });
});
