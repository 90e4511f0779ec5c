// The demo server: the partner page (demo/), the built bundle (dist/), the article JSON
// (demo/articles/, also demo/images/), the docs rendered at /docs/ (demo/docs.mjs) and the
// comments API (the lapa-comments package in server/) on one origin, 127.0.0.1 only,
// behind lapa-comments' hardened listener (timeouts, connection caps). `npm start` runs it; PORT overrides 8000.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCommentServer, createListener } from '../server/lib/index.mjs';
import { DEMO_ARTICLE_ID, seedDemoComments } from './seed-comments.mjs';
import { PAGE_HEADERS } from './headers.mjs';
import { serveDocs } from './docs.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.txt': 'text/plain; charset=utf-8',
  '.sri': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
};
// Only these folders are served; everything else (sources, node_modules, the database) is not.
// docs/ for its screenshots and schema; its pages are rendered by demo/docs.mjs.
const PUBLIC = ['demo', 'dist', 'docs'];

async function serveFile(req, res, pathname) {
  const path = normalize(join(root, decodeURIComponent(pathname)));
  const top = path.slice(root.length).split(sep)[0];
  if (!path.startsWith(root) || !PUBLIC.includes(top) || path.includes(`${sep}data${sep}`)) return false;
  let file = path;
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      ...PAGE_HEADERS[pathname],
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  } catch {
    return false;
  }
}

/** The form-token key, kept beside the database so open forms survive a restart. */
function demoSecret() {
  if (process.env.LAPA_COMMENTS_SECRET) return process.env.LAPA_COMMENTS_SECRET;
  const file = join(root, 'demo/data/comments-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const secret = randomBytes(32).toString('base64url');
    mkdirSync(join(root, 'demo/data'), { recursive: true });
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

// Answers of the demo's loading card are held open for ever (the card has timeout="0"),
// but only this many at once: past it the oldest is let go, so held answers cannot pile
// up into a lock-out.
const MAX_PENDING = 16;

export async function startDemoServer({ port = 8000, host = '127.0.0.1', dbPath } = {}) {
  const comments = createCommentServer({
    dbPath: dbPath ?? process.env.LAPA_COMMENTS_DB ?? join(root, 'demo/data/comments.sqlite'),
    // The demo's pages and its API share one origin, on 127.0.0.1 only.
    allowedOrigins: '*',
    handleUnknownApi: true,
    ...(dbPath ? {} : { secret: demoSecret() }),
  });
  // The demo article is on the allowlist unless someone closed it on purpose.
  if (!comments.store.articleState(DEMO_ARTICLE_ID)) comments.openArticle(DEMO_ARTICLE_ID);
  seedDemoComments(comments);
  /** @type {Set<import('node:http').ServerResponse>} */
  const pending = new Set();
  const listener = createListener(async (req, res) => {
    try {
      if (comments.handle(req, res)) return;
      const { pathname } = new URL(req.url ?? '/', 'http://localhost');
      if (pathname === '/demo/pending') {
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
        res.flushHeaders();
        // Exempt from the idle timeout, on purpose; bounded in number instead.
        res.socket?.setTimeout(0);
        pending.add(res);
        res.on('close', () => pending.delete(res));
        if (pending.size > MAX_PENDING) pending.values().next().value?.destroy();
        return;
      }
      if (pathname === '/' || pathname === '/index.html') {
        res.writeHead(302, { Location: '/demo/' });
        res.end();
        return;
      }
      if ((req.method === 'GET' || req.method === 'HEAD') && ((await serveDocs(req, res, pathname)) || (await serveFile(req, res, pathname)))) return;
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    } catch (error) {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  const { server } = listener;
  await listener.listen(port, host);
  return {
    server,
    url: `http://${host}:${server.address().port}/`,
    close: async () => {
      for (const res of pending) res.destroy();
      await listener.close();
      comments.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8000);
  const { url } = await startDemoServer({ port }).catch((error) => {
    console.error(error.code === 'EADDRINUSE' ? `Port ${port} is taken: set PORT to another one.` : error);
    process.exit(1);
  });
  console.log(`Lapa demo: ${url}demo/`);
}
