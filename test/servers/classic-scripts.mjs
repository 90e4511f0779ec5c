// Sends the built classic scripts (dist/*.min.js and the loader's dist/chunks/) byte for
// byte, as a partner's server or CDN would. The test runner's own file server rewrites the
// scripts it serves, which breaks the integrity hashes the loader bakes into its chunks, so
// a page that pastes /dist/lapa-widgets.min.js (the demo pages) would load nothing.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

export default async function classicScripts(ctx, next) {
  const match = /^\/dist\/((?:chunks\/)?[\w.-]+\.js|chunks\/manifest\.json)$/.exec(ctx.path);
  if (!match || !(match[1].endsWith('.min.js') || match[1].startsWith('chunks/'))) return next();
  try {
    ctx.body = await readFile(DIST + match[1]);
  } catch {
    return next();
  }
  ctx.type = match[1].endsWith('.json') ? 'application/json' : 'text/javascript';
  ctx.set('Access-Control-Allow-Origin', '*');
}
