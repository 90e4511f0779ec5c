// The script-tag loader under a strict Content-Security-Policy, host-based and nonce-based,
// in real top-level page loads in each engine (the test runner's harness page needs inline
// scripts, so these pages are opened directly): every widget renders real data, a comment
// posts, and not one `securitypolicyviolation` event or console error happens; a page
// downloads only the chunks of the elements it uses (the embed server's request log); a
// chunk failing its integrity check leaves its element undefined and nothing thrown. Also
// the all-in-one file, the demo's CSP variant and the SRI hashes the build writes.
// LAPA_BROWSERS picks the engines.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startDemoServer } from '../../demo/server.mjs';
import { pageLog, RECORDER, recorded, shadowCount, shadowText, startEmbedServer } from '../embed/browser.mjs';
import { NONCE } from '../embed/server.mjs';
import { engines, ENGINE_LABELS, launchEngine } from '../support/drivers.mjs';

/** The exact policy the README documents; written out here so a weakened copy fails. */
const DOCUMENTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "require-trusted-types-for 'script'; trusted-types lapa-widgets lit-html 'allow-duplicates'";
const FEED_TITLE = 'Three partners, one toolkit & a handbook';
const BUNDLE = new URL('../../dist/lapa-widgets.min.js', import.meta.url);
const MANIFEST = () => JSON.parse(readFileSync(new URL('../../dist/chunks/manifest.json', import.meta.url), 'utf8'));

/** The chunk paths (under /__embed/<area>/) a page using `tags` downloads: each entry and what it imports, plus the purifier where asked. */
function chunksFor(tags, { purifier = false, area = 'dist' } = {}) {
  const manifest = MANIFEST();
  const seen = new Set();
  const visit = (i) => {
    if (seen.has(i)) return;
    seen.add(i);
    manifest.deps[i].forEach(visit);
  };
  for (const tag of tags) visit(manifest.elements.find(([name]) => name === tag)[2]);
  if (purifier) seen.add(manifest.purifier);
  // The loader file carries the core chunk: never fetched.
  seen.delete(manifest.inline);
  return [...seen].map((i) => `/__embed/${area}/chunks/${manifest.files[i]}`).sort();
}

/** The paths a page fetched under /__embed/dist (or tampered/), sorted, without repeats counted away. */
const fetched = (site) => [...site.embed.requests].sort();

/** Asserts the page saw no CSP violation, uncaught error or console error. */
async function assertClean(page) {
  const log = await pageLog(page);
  assert.deepEqual(
    // The in-page recorder hears every engine. Chromium and Firefox only: the driver's own
    // console and error events, which WebDriver classic (WebKit) does not have.
    { violations: log.violations, errors: log.errors, consoleErrors: [...log.consoleErrors, ...(page.consoleErrors ?? [])] },
    { violations: [], errors: [], consoleErrors: [] },
  );
}

/** Types into the comment form of the first `host` comment box, as a reader would. */
async function fillComment(page, host, { name, email, text }) {
  await page.type(host, 'input[name="name"]', name);
  await page.type(host, 'input[name="email"]', email);
  await page.type(host, 'textarea[name="text"]', text);
}

/** The standard test page's widgets show their data. */
async function assertWidgetsRender(page) {
  for (const id of ['card', 'hostile', 'wp']) await recorded(page, 'news-card-load', id);
  await recorded(page, 'comment-box-load', 'comments');
  assert.equal(await shadowText(page, '#card', '[part~="title"]'), FEED_TITLE);
  // Bodies full of inline styles and handlers went through the sanitiser under Trusted
  // Types, and a WordPress title's entities through the decoder.
  assert.match(await shadowText(page, '#hostile', '[part~="body"]'), /Last safe paragraph/);
  assert.equal(await shadowText(page, '#wp', '[part~="title"]'), 'Noslēdzies projekts par sadarbību “radošās sociālās uzņēmējdarbības” jomā');
  assert.match(await shadowText(page, '#wp', '[part~="body"]'), /Gēteborgā/);
  assert.ok((await shadowCount(page, '#comments', '[part~="comment"]')) >= 3, 'the seeded comments are listed');
  assert.equal(await shadowCount(page, '#top', '[part~="button"]'), 1);
  // Images load under img-src 'self'. They are lazy, and how far below the fold an engine
  // starts one depends on its estimate of the network (WebKit's margin is small): bring
  // each into view and wait for it there, for a lazy image scrolled past may never start.
  for (const host of ['#card', '#wp']) {
    await page.evaluate((h) => document.querySelector(h).shadowRoot.querySelector('[part~="image"]')?.scrollIntoView(), host);
    await page.waitFor(
      (h) => {
        const img = document.querySelector(h)?.shadowRoot?.querySelector('[part~="image"]');
        return img instanceof HTMLImageElement && img.complete && img.naturalWidth > 0;
      },
      { args: [host] },
    );
  }
}

describe('the SRI hashes the build writes', () => {
  const hash = (algorithm) => (url) => `${algorithm}-${createHash(algorithm).update(readFileSync(url)).digest('base64')}`;
  const sha384 = hash('sha384');
  const sha256 = hash('sha256');

  it('is the sha384 of each script-tag file, in integrity-attribute form', () => {
    for (const file of ['lapa-widgets.min.js', 'lapa-widgets.all.min.js', 'news-card.min.js', 'comment-box.min.js', 'scroll-to-top.min.js']) {
      const url = new URL(`../../dist/${file}`, import.meta.url);
      assert.equal(readFileSync(new URL(`${url.href}.sri`), 'utf8').trim(), sha384(url), file);
    }
    assert.equal(readFileSync(new URL('../../dist/lapa-widgets.min.js.sri', import.meta.url), 'utf8').trim(), sha384(BUNDLE));
  });

  it('bakes the sha256 of every chunk into the loader, and writes it beside the chunk', () => {
    const { files, hashes, inline } = MANIFEST();
    const loader = readFileSync(BUNDLE, 'utf8');
    files.forEach((file, i) => {
      const url = new URL(`../../dist/chunks/${file}`, import.meta.url);
      assert.equal(hashes[i], sha256(url), file);
      if (i === inline) {
        // The core chunk is in the loader file itself, and the loader fetches it from nowhere.
        const code = readFileSync(url, 'utf8');
        assert.ok(loader.includes(code.slice(code.indexOf('__lapaDefine('))), 'the loader carries the core chunk');
        assert.ok(!loader.includes(`"${hashes[i]}"`), 'the loader bakes no hash for the core chunk');
        return;
      }
      assert.equal(readFileSync(new URL(`${url.href}.sri`), 'utf8').trim(), hashes[i]);
      assert.ok(loader.includes(`"${hashes[i]}"`) && loader.includes(`"chunks/${file}"`), `the loader names ${file} and its hash`);
    });
  });
});

for (const engine of engines()) {
  const label = ENGINE_LABELS[engine];

  describe(`strict Content-Security-Policy, in ${label}`, { timeout: 60_000 }, () => {
    let browser;
    let site;
    let cdn;

    before(async () => {
      [browser, site, cdn] = await Promise.all([launchEngine(engine), startEmbedServer(), startEmbedServer()]);
    });
    after(async () => {
      await browser?.close();
      await Promise.all([site?.close(), cdn?.close()]);
    });

    it('renders all three widgets with real data and posts a comment with zero violations', () =>
      browser.withPage(async (page) => {
        const response = await page.goto(`${site.origin}/__embed/pages/csp-widgets.html`);
        assert.equal(response.headers['content-security-policy'], DOCUMENTED_CSP);
        await assertWidgetsRender(page);
        await page.evaluate(() => window.scrollTo(0, 1500));
        await page.waitFor(() => document.querySelector('#top').matches(':state(visible)'), { timeout: 3000 });
        await fillComment(page, '#comments', { name: 'Līga Kalniņa', email: 'liga@example.org', text: 'Posted from a page under a strict CSP.' });
        await page.click('#comments', '[part~="submit"]');
        await recorded(page, 'comment-box-posted', 'comments');
        await page.waitFor(() => document.querySelector('#comments').shadowRoot.textContent.includes('Posted from a page under a strict CSP.'), { timeout: 3000 });
        await assertClean(page);
      }));

    // Where the engine has no working native Sanitizer (WebKit), DOMPurify comes with the element.
    const purifier = engine === 'webkit';

    it('downloads only the loader and the used element\'s chunks, each once, and a tag added later loads its code', () =>
      browser.withPage(async (page) => {
        site.embed.requests.length = 0;
        await page.goto(`${site.origin}/__embed/pages/csp-news-card.html`);
        await recorded(page, 'news-card-load', 'card');
        assert.equal(await shadowText(page, '#card', '[part~="title"]'), FEED_TITLE);
        const loader = '/__embed/dist/lapa-widgets.min.js';
        assert.deepEqual(fetched(site), [loader, ...chunksFor(['news-card'], { purifier })].sort());
        // A single-page app adds another element long after.
        await page.evaluate(() => {
          const top = document.createElement('scroll-to-top');
          top.id = 'top';
          document.body.append(top);
        });
        await page.waitFor(() => document.querySelector('#top').shadowRoot?.querySelector('[part~="button"]'), { timeout: 5000 });
        assert.deepEqual(fetched(site), [loader, ...new Set([...chunksFor(['news-card'], { purifier }), ...chunksFor(['scroll-to-top'])])].sort());
        assert.ok(!fetched(site).some((path) => /\/comment-box-/.test(path)), 'no comment-box code');
        // Every chunk script carries the baked integrity and crossorigin.
        const scripts = await page.evaluate(() =>
          [...document.scripts].filter((s) => s.src.includes('/chunks/')).map((s) => ({ integrity: s.integrity, crossOrigin: s.crossOrigin })),
        );
        assert.ok(scripts.length >= 3);
        for (const script of scripts) {
          assert.match(script.integrity, /^sha256-[\w+/]{43}=$/);
          assert.equal(script.crossOrigin, 'anonymous');
        }
        await assertClean(page);
      }));

    it('works under a nonce-based policy with strict-dynamic: the chunks get the loader\'s nonce', () =>
      browser.withPage(async (page) => {
        const response = await page.goto(`${site.origin}/__embed/pages/csp-nonce.html?nonce=on&tt=no-duplicates`);
        assert.match(response.headers['content-security-policy'], /script-src 'nonce-[\w=+/]+' 'strict-dynamic';/);
        await assertWidgetsRender(page);
        const nonces = await page.evaluate(() => [...document.scripts].filter((s) => s.src.includes('/chunks/')).map((s) => s.nonce));
        assert.ok(nonces.length >= 4);
        assert.deepEqual([...new Set(nonces)], [NONCE]);
        await assertClean(page);
      }));

    it('shows the fallback content of an element whose chunk fails its integrity check, throws nothing, and the other elements work', () =>
      browser.withPage(async (page) => {
        await page.goto(`${site.origin}/__embed/pages/csp-tampered.html`);
        await page.waitFor(() => document.querySelector('#top').shadowRoot?.querySelector('[part~="button"]'), { timeout: 5000 });
        const outcome = await page.evaluate(() =>
          window.LapaWidgets.load('news-card').then(
            () => 'loaded',
            (error) => String(error),
          ),
        );
        assert.match(outcome, /did not load/);
        const card = await page.evaluate(() => {
          const el = document.querySelector('#card');
          return { defined: !!customElements.get('news-card'), shadow: !!el.shadowRoot, text: el.textContent.trim() };
        });
        assert.deepEqual(card, { defined: false, shadow: false, text: 'Three partners, one toolkit' });
        const log = await pageLog(page);
        assert.deepEqual({ violations: log.violations, errors: log.errors }, { violations: [], errors: [] });
      }));

    it('is a real test: the same page refuses and reports an unsafe DOM write', () =>
      browser.withPage(async (page) => {
        await page.goto(`${site.origin}/__embed/pages/csp-widgets.html`);
        const outcome = await page.evaluate(() => {
          try {
            document.body.insertAdjacentHTML('beforeend', '<b>not trusted</b>');
            return 'written';
          } catch (error) {
            return error.name;
          }
        });
        assert.equal(outcome, 'TypeError');
        await page.waitFor(() => window.__embed.violations.some((v) => v.directive === 'require-trusted-types-for'), { timeout: 3000 });
      }));

    it("needs no 'allow-duplicates': the loader and its chunks share one lapa-widgets policy and one Lit", () =>
      browser.withPage(async (page) => {
        const response = await page.goto(`${site.origin}/__embed/pages/csp-widgets.html?tt=no-duplicates`);
        assert.doesNotMatch(response.headers['content-security-policy'], /allow-duplicates/);
        await assertWidgetsRender(page);
        await assertClean(page);
      }));

    it('loads the loader twice with zero violations, even without allow-duplicates', () =>
      browser.withPage(async (page) => {
        await page.goto(`${site.origin}/__embed/pages/csp-twice.html?tt=no-duplicates`);
        await assertWidgetsRender(page);
        await assertClean(page);
      }));

    it('loads the all-in-one file twice with zero violations, thanks to allow-duplicates', () =>
      browser.withPage(async (page) => {
        await page.goto(`${site.origin}/__embed/pages/csp-twice-all.html`);
        await assertWidgetsRender(page);
        await assertClean(page);
      }));

    it("needs 'allow-duplicates' for two all-in-one files: without it the second copy of Lit is refused its policy", () =>
      browser.withPage(async (page) => {
        const response = await page.goto(`${site.origin}/__embed/pages/csp-twice-all.html?tt=no-duplicates`);
        assert.doesNotMatch(response.headers['content-security-policy'], /allow-duplicates/);
        await page.waitFor(() => window.__embed.violations.length > 0, { timeout: 3000 });
        const { violations } = await pageLog(page);
        assert.ok(
          violations.some((v) => v.directive === 'trusted-types' && v.sample === 'lit-html'),
          JSON.stringify(violations),
        );
      }));

    it("runs beside the host's own Lit 2 with zero violations", () =>
      browser.withPage(async (page) => {
        await page.goto(`${site.origin}/__embed/pages/csp-lit2.html`);
        await assertWidgetsRender(page);
        assert.equal(await shadowText(page, '#greeting', '[part~="text"]'), 'Hello, reader');
        await assertClean(page);
      }));

    it('loads a version pinned with integrity and crossorigin from another origin (a CDN)', () =>
      browser.withPage(async (page) => {
        await page.goto(`${site.origin}/__embed/pages/csp-cdn.html?cdn=${encodeURIComponent(cdn.origin)}`);
        const src = await page.evaluate(() => document.querySelector('script[integrity]').src);
        assert.ok(src.startsWith(`${cdn.origin}/`), src);
        await assertWidgetsRender(page);
        await assertClean(page);
      }));
  });

  describe(`the demo under the strict policy (demo/csp.html), in ${label}`, { timeout: 60_000 }, () => {
    let browser;
    let demo;

    before(async () => {
      [browser, demo] = await Promise.all([launchEngine(engine), startDemoServer({ port: 0, dbPath: ':memory:' })]);
    });
    after(async () => {
      await browser?.close();
      await demo?.close();
    });

    it('is served with the documented policy, renders every widget and posts a comment with zero violations', () =>
      browser.withPage(
        async (page) => {
          const response = await page.goto(`${demo.url}demo/csp.html`);
          // Without the policy, zero violations would prove nothing.
          assert.equal(
            response.headers['content-security-policy'],
            DOCUMENTED_CSP,
            'demo/server.mjs must send the headers of demo/headers.mjs (PAGE_HEADERS) for /demo/csp.html',
          );
          await recorded(page, 'news-card-load');
          await recorded(page, 'comment-box-load');
          const listedAt = Date.now();
          assert.match(await shadowText(page, 'news-card', '[part~="title"]'), /Radošās sociālās uzņēmējdarbības/);
          assert.ok((await shadowCount(page, 'comment-box', '[part~="comment"]')) > 0);
          assert.equal(await shadowCount(page, 'scroll-to-top', '[part~="button"]'), 1);
          // The demo's comments server turns away forms sent sooner than 3 s after they were
          // issued (its spam check); a reader takes longer than that to type.
          const text = `A reader's comment under a strict CSP (${Date.now()}).`;
          await fillComment(page, 'comment-box', { name: 'Jānis Ozols', email: 'janis@example.org', text });
          const wait = 3100 - (Date.now() - listedAt);
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          await page.click('comment-box', '[part~="submit"]');
          await recorded(page, 'comment-box-posted');
          await page.waitFor((t) => document.querySelector('comment-box').shadowRoot.textContent.includes(t), { timeout: 3000, args: [text] });
          assert.equal(await page.evaluate(() => document.querySelector('#violations').value), '0');
          await assertClean(page);
        },
        // The demo does not load the recorder itself: it runs first in the page, before the bundle.
        { initScript: RECORDER },
      ));
  });
}
