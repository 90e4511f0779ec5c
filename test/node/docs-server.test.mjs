// The demo server's /docs/ pages (demo/docs.mjs), through real HTTP: every docs/*.md page is
// served as HTML under the strict CSP, every local link and image on it answers, element
// pages carry their live example and the bundle; then, in each engine (LAPA_BROWSERS picks
// them), every element's live example reaches its final look with no CSP violation, page
// error or console error. Needs `npm run build` first (npm test does it): the examples
// load the built bundle. Also the Markdown subset demo/markdown.mjs converts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { docsLink, docsPages } from '../../demo/docs.mjs';
import { STRICT_CSP } from '../../demo/headers.mjs';
import { markdownToHtml } from '../../demo/markdown.mjs';
import { startDemoServer } from '../../demo/server.mjs';
import { settled } from '../../scripts/screenshots.mjs';
import { pageLog, RECORDER } from '../embed/browser.mjs';
import { manifestElements } from '../embed/manifest.mjs';
import { demoInEngine } from '../support/demo-in-engine.mjs';
import { engines, ENGINE_LABELS } from '../support/drivers.mjs';

const TAGS = manifestElements().map((e) => e.tag);

/** The local URLs (href and src starting with /) an HTML page points at. */
const localUrls = (html) => [...html.matchAll(/\s(?:href|src)="(\/[^"#]*)/g)].map((m) => m[1].replace(/&amp;/g, '&'));

describe('the /docs/ routes of the demo server', () => {
  let demo;
  const pages = new Map();

  before(async () => {
    demo = await startDemoServer({ port: 0, dbPath: ':memory:' });
  });
  after(() => demo?.close());

  it('lists every docs page, the index first, an element page for each element', () => {
    const paths = docsPages().map((p) => p.path);
    assert.equal(paths[0], '/docs/');
    for (const tag of TAGS) assert.ok(paths.includes(`/docs/${tag}.html`), tag);
    for (const name of ['theming', 'csp', 'frameworks', 'ssr', 'wordpress', 'comments-protocol', 'deploying']) assert.ok(paths.includes(`/docs/${name}.html`), name);
  });

  for (const { path, file } of docsPages()) {
    it(`serves ${path} (docs/${file}) as HTML under the strict CSP`, async () => {
      const response = await fetch(new URL(path, demo.url));
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(response.headers.get('content-security-policy'), STRICT_CSP);
      const html = await response.text();
      assert.match(html, /^<!doctype html>/);
      assert.match(html, /<h1 id="[^"]+">/);
      // Nothing inline the policy would block.
      assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)|<[^>]*\s(?:style|on[a-z-]+)=/i);
      pages.set(path, html);
    });
  }

  it('gives every element page its live example and the bundle', () => {
    for (const tag of TAGS) {
      const html = pages.get(`/docs/${tag}.html`) ?? '';
      assert.match(html, new RegExp(`<figure class="live-example" data-tag="${tag}"><div class="live-example__stage">[\\s\\S]*?<${tag}[\\s>]`), tag);
      assert.ok(html.includes('<script src="/dist/lapa-widgets.min.js"></script>'), tag);
    }
  });

  it('answers every local link and image of every page', async () => {
    const urls = [...new Set([...pages.values()].flatMap(localUrls))];
    assert.ok(urls.some((u) => u.startsWith('/docs/screenshots/')), 'the screenshots are among them');
    const broken = [];
    for (const url of urls) {
      // GET, not HEAD: the comments API answers only the methods of its protocol.
      const response = await fetch(new URL(url, demo.url));
      await response.arrayBuffer();
      if (response.status !== 200) broken.push(`${url}: ${response.status}`);
    }
    assert.deepEqual(broken, []);
  });

  it('redirects /docs to /docs/, and has no page for a name docs/ lacks or outside docs/', async () => {
    const redirect = await fetch(new URL('/docs', demo.url), { redirect: 'manual' });
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), '/docs/');
    for (const path of ['/docs/nothing.html', '/docs/README.html', '/docs/%2e%2e/package.json', '/docs/..%2fpackage.json']) {
      assert.equal((await fetch(new URL(path, demo.url))).status, 404, path);
    }
  });

  it('is linked from the demo index', async () => {
    const index = await (await fetch(new URL('/demo/', demo.url))).text();
    assert.ok(index.includes('href="/docs/"'));
  });
});

describe('the Markdown subset of the docs pages', () => {
  it('escapes all text, and lets markup through only from an `html live` block', () => {
    const html = markdownToHtml('A <script>alert(1)</script> & `<b>`\n\n```html\n<img src=x onerror=alert(1)>\n```\n\n```html live\n<news-card src="/a.json"></news-card>\n```\n');
    assert.ok(!html.includes('<script>') && !html.includes('<img'), html);
    assert.ok(html.includes('A &lt;script&gt;alert(1)&lt;/script&gt; &amp; <code>&lt;b&gt;</code>'));
    assert.ok(html.includes('<div class="live-example__stage">\n<news-card src="/a.json"></news-card>\n</div>'));
  });

  it('reads tables with escaped pipes, lists, headings with GitHub anchors, and drops comments', () => {
    const html = markdownToHtml('## `<x-a>` API\n<!-- generated:api start -->\n| A | B |\n| --- | --- |\n| `a \\| b` | **c** |\n\n- one\n  more\n- *two*\n');
    assert.equal(
      html,
      '<h2 id="x-a-api"><code>&lt;x-a&gt;</code> API</h2>\n' +
        '<div class="table"><table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td><code>a | b</code></td><td><strong>c</strong></td></tr></tbody></table></div>\n' +
        '<ul><li>one\nmore</li><li><em>two</em></li></ul>',
    );
  });

  it('points a page link at its HTML page, a served file at its path, any other file at the repository', () => {
    assert.equal(docsLink('news-card.md#events'), '/docs/news-card.html#events');
    assert.equal(docsLink('README.md'), '/docs/');
    assert.equal(docsLink('screenshots/news-card-light.png'), '/docs/screenshots/news-card-light.png');
    assert.equal(docsLink('../README.md#theme'), 'https://github.com/lapa-widgets/lapa-widgets/blob/main/README.md#theme');
    assert.equal(docsLink('https://example.org/x.md'), 'https://example.org/x.md');
    assert.equal(docsLink('#local'), '#local');
  });
});

for (const engine of engines()) {
  describe(`the /docs/ live examples, in ${ENGINE_LABELS[engine]}`, { timeout: 90_000 }, () => {
    const session = demoInEngine(engine);

    for (const tag of TAGS) {
      it(`/docs/${tag}.html shows its live <${tag}> loaded, with zero CSP violations or errors`, () =>
        session.browser.withPage(
          async (page) => {
            const response = await page.goto(`${session.demo.url}docs/${tag}.html`);
            assert.equal(response.headers['content-security-policy'], STRICT_CSP);
            await page.waitFor(settled, { timeout: 15_000, args: [tag, false] });
            const log = await pageLog(page);
            assert.deepEqual(
              { violations: log.violations, errors: log.errors, consoleErrors: [...log.consoleErrors, ...(page.consoleErrors ?? [])] },
              { violations: [], errors: [], consoleErrors: [] },
            );
          },
          { initScript: RECORDER },
        ));
    }
  });
}
