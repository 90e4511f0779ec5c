// The published package, as npm users get it: what the tarball contains, that every
// entry of the exports map resolves with types, and a consumer project that installs the
// packed tarball, type-checks TypeScript and React 19 TSX against it (strict), bundles
// it with rollup and runs it in Chromium. Needs the build (npm run build) first.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import { rollup } from 'rollup';
import { launch } from '../embed/browser.mjs';
import { manifestElements, readManifest } from '../embed/manifest.mjs';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const TAGS = ['news-card', 'comment-box', 'scroll-to-top', 'comment-count', 'news-feed'];

/** What users need, and nothing else: built JS and types, the manifest, the docs. */
const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^custom-elements\.json$/,
  /^dist\/.+\.js$/,
  /^dist\/.+\.d\.ts$/,
  /^dist\/.+\.js\.map$/,
  // The classic scripts' integrity hashes, and the loader's chunk list (what each imports).
  /^dist\/(chunks\/)?[\w.-]+\.min\.js\.sri$|^dist\/chunks\/[\w.-]+\.js\.sri$/,
  /^dist\/chunks\/manifest\.json$/,
  // The CSP hashes of server-rendered styles (npm run build, scripts/ssr-style-hashes.mjs).
  /^dist\/ssr-style-hashes\.json$/,
  // Editor data generated from the manifest (scripts/framework-types.mjs).
  /^dist\/(vscode\.(html|css)-custom-data|web-types)\.json$/,
];

/** The classic scripts (loader, chunks, self-contained files): no ES modules, so no types. */
const CLASSIC = /^dist\/([\w.-]+\.min\.js|chunks\/.+\.js)$/;

/** Every file path package.json points at (exports, main, types, unpkg, ...). */
function declaredFiles() {
  const targets = [];
  const walk = (value) => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(pkg.exports);
  for (const field of ['main', 'module', 'types', 'unpkg', 'jsdelivr', 'customElements']) if (pkg[field]) targets.push(pkg[field]);
  targets.push(...pkg.sideEffects);
  return [...new Set(targets.map((t) => t.replace(/^\.\//, '')))];
}

describe('the published tarball', () => {
  let files;

  before(async () => {
    const { stdout } = await run(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root });
    files = JSON.parse(stdout)[0].files.map((f) => f.path);
  });

  it('contains only built code, types, the manifest, README, LICENSE and package.json', () => {
    assert.deepEqual(
      files.filter((f) => !ALLOWED.some((pattern) => pattern.test(f))),
      [],
      'no sources, tests, demo, fixtures or data',
    );
    for (const needed of ['package.json', 'README.md', 'LICENSE', 'custom-elements.json', 'dist/lapa-widgets.min.js', 'dist/lapa-widgets.all.min.js', ...TAGS.map((tag) => `dist/${tag}.min.js`)]) {
      assert.ok(files.includes(needed), `${needed} is missing`);
    }
  });

  it('contains every file package.json points at', () => {
    assert.deepEqual(
      declaredFiles().filter((f) => (f.includes('*') ? !files.some((file) => new RegExp(`^${f.replace('*', '[^/]+')}$`).test(file)) : !files.includes(f))),
      [],
    );
  });

  it('has types for every ES module it ships', () => {
    const modules = files.filter((f) => f.endsWith('.js') && !CLASSIC.test(f));
    assert.ok(modules.length > 10);
    assert.deepEqual(
      modules.filter((f) => !files.includes(f.replace(/\.js$/, '.d.ts'))),
      [],
    );
  });

  it('maps each element to a side-effect-free class entry and a define entry, all typed', () => {
    for (const entry of ['.', './define', ...TAGS.flatMap((tag) => [`./${tag}`, `./${tag}/define`])]) {
      const target = pkg.exports[entry];
      assert.ok(target?.types && target?.default, `exports["${entry}"] needs types and default`);
    }
    assert.deepEqual(
      [...pkg.sideEffects].sort(),
      [
        './dist/chunks/*.js',
        './dist/comment-box.min.js',
        './dist/comment-box/define.js',
        './dist/comment-count.min.js',
        './dist/comment-count/define.js',
        './dist/define.js',
        './dist/lapa-widgets.all.min.js',
        './dist/lapa-widgets.min.js',
        './dist/news-card.min.js',
        './dist/news-card/define.js',
        './dist/news-feed.min.js',
        './dist/news-feed/define.js',
        './dist/scroll-to-top.min.js',
        './dist/scroll-to-top/define.js',
      ],
    );
  });

  it('ships JSX typings for React as lapa-widgets/react', () => {
    assert.ok(pkg.exports['./react']?.types, 'exports["./react"].types');
    assert.ok(files.includes(pkg.exports['./react'].types.replace(/^\.\//, '')), `${pkg.exports['./react'].types} is not in the tarball`);
  });

  it('has a manifest naming each element, its tag and its class', () => {
    assert.equal(pkg.customElements, 'custom-elements.json');
    const elements = manifestElements(readManifest());
    assert.deepEqual(elements.map((e) => e.tag).sort(), [...TAGS].sort());
    for (const e of elements) assert.equal(e.tagName, e.tag, `${e.name} has no tagName in the manifest (add @tagname ${e.tag} to its class JSDoc)`);
  });
});

describe('a consumer project installing the packed tarball', { timeout: 120_000 }, () => {
  let dir;
  let browser;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lapa-consumer-'));
    const { stdout } = await run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: root });
    const tarball = join(dir, JSON.parse(stdout)[0].filename);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'lapa-consumer', private: true, type: 'module' }));
    // The tarball's own dependencies (lit, dompurify) come from npm's cache or
    // the registry, as they would for a user. @types/react, for the TSX check, is the
    // repository's own when it has it (offline), else React 19's from the registry.
    const reactTypes = join(root, 'node_modules/@types/react');
    const types = existsSync(join(reactTypes, 'package.json')) ? reactTypes : '@types/react@19';
    await run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', tarball, types], { cwd: dir });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'bundler',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          jsx: 'react-jsx',
          types: [],
        },
        include: ['*.ts', '*.tsx'],
      }),
    );
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('installs the package with lit and dompurify as its only dependencies', () => {
    const installed = JSON.parse(readFileSync(join(dir, 'node_modules/lapa-widgets/package.json'), 'utf8'));
    assert.deepEqual(Object.keys(installed.dependencies).sort(), ['dompurify', 'lit']);
    for (const dep of Object.keys(installed.dependencies)) readFileSync(join(dir, 'node_modules', dep, 'package.json'));
  });

  it('type-checks TypeScript (strict) and React 19 TSX against the package', async () => {
    writeFileSync(join(dir, 'main.ts'), CONSUMER_TS);
    writeFileSync(join(dir, 'app.tsx'), CONSUMER_TSX);
    writeFileSync(join(dir, 'manifest.tsx'), manifestTsx());
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: dir }).catch((error) => error);
    assert.equal(result.code ?? 0, 0, `tsc failed:\n${result.stdout}${result.stderr}`);
  });

  it('bundles with rollup and runs in Chromium: elements register, render and rename', async () => {
    writeFileSync(join(dir, 'main.ts'), CONSUMER_TS);
    const code = await bundle(join(dir, 'main.ts'));
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto('about:blank');
    await page.addScriptTag({ content: code, type: 'module' });
    const state = await page.waitForFunction(() => window.__consumer?.ready && window.__consumer).then((h) => h.jsonValue());
    assert.deepEqual(state, {
      ready: true,
      title: 'Rendered from npm',
      renamedTitle: 'Rendered from npm',
      scrollButton: true,
      tags: { 'news-card': true, 'comment-box': false, 'scroll-to-top': true, 'agency-news-card': true },
    });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('keeps DOMPurify out of the scroll-to-top and comment-count entries (and in the news-card one)', async () => {
    const modules = async (entry) => {
      const build = await rollup({ input: entry, plugins: [nodeResolve({ browser: true, rootDir: dir })], logLevel: 'silent' });
      const { output } = await build.generate({ format: 'es' });
      await build.close();
      return output.flatMap((chunk) => Object.keys(chunk.modules ?? {}));
    };
    writeFileSync(join(dir, 'top.js'), "import 'lapa-widgets/scroll-to-top/define';\n");
    writeFileSync(join(dir, 'card.js'), "import 'lapa-widgets/news-card/define';\n");
    const top = await modules(join(dir, 'top.js'));
    const card = await modules(join(dir, 'card.js'));
    assert.ok(top.some((m) => m.includes('/scroll-to-top/')), 'the entry was bundled');
    assert.deepEqual(top.filter((m) => /dompurify|sanitize/.test(m)), []);
    writeFileSync(join(dir, 'count.js'), "import 'lapa-widgets/comment-count/define';\n");
    const count = await modules(join(dir, 'count.js'));
    assert.ok(count.some((m) => m.includes('/comment-count/')), 'the comment-count entry was bundled');
    assert.deepEqual(count.filter((m) => /dompurify|sanitize|comment-box/.test(m)), []);
    assert.ok(card.some((m) => m.includes('/dompurify/')), 'the news-card entry does include DOMPurify');
  });

  /** Bundles a consumer entry the way an app would: node resolution from the project, TS by esbuild. */
  async function bundle(entry) {
    const build = await rollup({
      input: entry,
      plugins: [nodeResolve({ browser: true, rootDir: dir }), esbuild({ target: 'es2022', tsconfig: join(dir, 'tsconfig.json') })],
      logLevel: 'silent',
    });
    const { output } = await build.generate({ format: 'es', inlineDynamicImports: true });
    await build.close();
    return output[0].code;
  }

  /**
   * A TSX file using every attribute and event the manifest declares on each element: a
   * prop the typings do not know is an excess-property error, and an event listener they
   * do not type leaves its parameter an implicit any.
   */
  function manifestTsx() {
    const elements = manifestElements().map(({ tag, declaration }) => {
      const attributes = (declaration.attributes ?? []).map((a) => ` ${a.name}={undefined}`).join('');
      const events = (declaration.events ?? [])
        .map((e) => ` on${e.name}={(event) => { const typed: HTMLElementEventMap['${e.name}'] = event; void typed; }}`)
        .join('');
      return `      <${tag}${attributes}${events} />`;
    });
    return `import type {} from 'lapa-widgets/react';\nimport 'lapa-widgets/define';\n\nexport const everything = (\n  <>\n${elements.join('\n')}\n  </>\n);\n`;
  }
});

/** TypeScript an npm user writes: class entries, typed elements and events, renaming. */
const CONSUMER_TS = `
import { NewsCardElement } from 'lapa-widgets/news-card';
import { ScrollToTopElement } from 'lapa-widgets/scroll-to-top';
import 'lapa-widgets/news-card/define';
import 'lapa-widgets/scroll-to-top/define';
import type { Article, NewsCardErrorEvent, NewsCardLoadEvent } from 'lapa-widgets';

const article: Article = { title: 'Rendered from npm', authors: [{ name: 'Anna' }], tags: ['npm'] };

// HTMLElementTagNameMap gives createElement its element types.
const card: NewsCardElement = document.createElement('news-card');
card.variant = 'full';
card.headingLevel = 3;
card.article = article;
// @ts-expect-error: variant is 'card' | 'full'
card.variant = 'huge';
card.variant = 'full';
card.addEventListener('news-card-load', (event: NewsCardLoadEvent) => console.log(event.article.title));
card.addEventListener('news-card-error', (event) => {
  const error: NewsCardErrorEvent = event;
  const kind: 'http' | 'not-json' | 'not-xml' | 'invalid' | 'too-large' | 'timeout' | 'network' = error.kind;
  const status: number | undefined = error.status;
  console.log(kind, status);
});

const top: ScrollToTopElement = document.createElement('scroll-to-top');
top.threshold = 200;

NewsCardElement.define('agency-news-card');
const renamed = document.createElement('agency-news-card') as NewsCardElement;
renamed.article = article;

document.body.append(card, renamed, top);
await Promise.all([card.updateComplete, renamed.updateComplete, top.updateComplete]);

const title = (el: Element) => el.shadowRoot?.querySelector('[part~="title"]')?.textContent?.trim() ?? null;
declare global {
  interface Window {
    __consumer?: unknown;
  }
}
window.__consumer = {
  ready: true,
  title: title(card),
  renamedTitle: title(renamed),
  scrollButton: !!top.shadowRoot?.querySelector('[part~="button"]'),
  tags: Object.fromEntries(['news-card', 'comment-box', 'scroll-to-top', 'agency-news-card'].map((tag) => [tag, !!customElements.get(tag)])),
};
`;

/** React 19 TSX an app writes with the package's JSX typings. */
const CONSUMER_TSX = `
import type {} from 'lapa-widgets/react';
import 'lapa-widgets/define';
import type { Article, CommentBoxPostedEvent } from 'lapa-widgets';
import { useRef } from 'react';
import type { NewsCardElement } from 'lapa-widgets/news-card';

export function ArticlePage({ article }: { article: Article }) {
  const card = useRef<NewsCardElement>(null);
  return (
    <main className="page">
      <news-card ref={card} article={article} variant="full" headingLevel={1} heading-level="1" read-more-label="Lasīt vairāk"
        onnews-card-load={(event) => console.log(event.article.title)}
        onnews-card-error={(event) => console.log(event.kind, event.status)} />
      <comment-box src="/api/articles/a1/comments" page-size={10} maxlength={2000} order="newest"
        oncomment-box-posted={(event: CommentBoxPostedEvent) => console.log(event.status)} />
      <scroll-to-top threshold={400} progress label="Uz augšu" scroll-container="#content" />
      {/* @ts-expect-error: variant is 'card' | 'full' */}
      <news-card variant="huge" />
      {/* @ts-expect-error: threshold is a number */}
      <scroll-to-top threshold="far" />
      {/* @ts-expect-error: no such property */}
      <scroll-to-top thresold={10} />
    </main>
  );
}
`;
