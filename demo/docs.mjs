// The demo server's /docs/ pages: docs/*.md rendered to HTML (demo/markdown.mjs), under the
// strict Content-Security-Policy the README documents. docs/README.md is /docs/, every other
// docs/NAME.md is /docs/NAME.html; an element page's live example runs on the demo's own
// article JSON and comments API, with the built script-tag bundle.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { STRICT_CSP } from './headers.mjs';
import { escapeHtml, markdownToHtml } from './markdown.mjs';

const REPO = new URL('../', import.meta.url);
const DOCS = new URL('docs/', REPO);
/** The repository's web address (package.json `repository`), for links to files /docs/ does not serve. */
const REPO_WEB = JSON.parse(readFileSync(new URL('package.json', REPO), 'utf8'))
  .repository.url.replace(/^git\+/, '')
  .replace(/\.git$/, '');
/** Repository folders the demo server serves at the same path. */
const SERVED = ['demo/', 'dist/', 'docs/'];

/** The docs pages: [{ file: 'news-card.md', path: '/docs/news-card.html' }], the index first. */
export function docsPages() {
  const files = existsSync(DOCS) ? readdirSync(DOCS).filter((f) => f.endsWith('.md')) : [];
  return files
    .map((file) => ({ file, path: file === 'README.md' ? '/docs/' : `/docs/${file.slice(0, -3)}.html` }))
    .sort((a, b) => (a.file === 'README.md' ? -1 : b.file === 'README.md' ? 1 : a.file.localeCompare(b.file)));
}

/**
 * Where a link in docs/ goes on the demo server: a .md page to its HTML page, a file the
 * server serves to its path, any other file of the repository to the repository's web page.
 */
export function docsLink(href) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#') || href.startsWith('//')) return href;
  const url = new URL(href, DOCS);
  if (url.origin !== REPO.origin || !url.pathname.startsWith(REPO.pathname)) return href;
  const path = decodeURIComponent(url.pathname.slice(REPO.pathname.length));
  const page = docsPages().find((p) => `docs/${p.file}` === path);
  if (page) return `${page.path}${url.hash}`;
  if (SERVED.some((dir) => path.startsWith(dir))) return `/${path}${url.hash}`;
  return `${REPO_WEB}/blob/main/${path}${url.hash}`;
}

/** The HTML page of docs/`file`. */
export function renderDocsPage(file, markdown) {
  const body = markdownToHtml(markdown, { link: docsLink });
  const title = /^# +(.+)$/m.exec(markdown)?.[1].replace(/`/g, '') ?? file;
  const live = body.includes('class="live-example"');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <title>${escapeHtml(title)} · Lapa widgets docs</title>
    <link rel="icon" href="/demo/images/icon.svg" type="image/svg+xml">
    <link rel="stylesheet" href="/demo/docs.css">
  </head>
  <body>
    <header class="docs-header">
      <nav aria-label="Documentation"><a href="/docs/">Lapa widgets docs</a> <a href="/demo/">Demo</a></nav>
    </header>
    <main class="docs">
${body}
    </main>
${live ? '    <script src="/dist/lapa-widgets.min.js"></script>\n' : ''}  </body>
</html>
`;
}

/** Answers a /docs/ page request; false for any other path (files under docs/ included). */
export async function serveDocs(req, res, pathname) {
  if (pathname === '/docs') {
    res.writeHead(301, { Location: '/docs/' });
    res.end();
    return true;
  }
  const page = docsPages().find((p) => p.path === pathname);
  if (!page) return false;
  const markdown = await readFile(fileURLToPath(new URL(page.file, DOCS)), 'utf8');
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': STRICT_CSP,
  });
  res.end(req.method === 'HEAD' ? undefined : renderDocsPage(page.file, markdown));
  return true;
}
