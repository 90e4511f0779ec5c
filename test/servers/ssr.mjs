// Mounts the SSR tests' pages and article URL (test/ssr/server.mjs) under /__ssr/ on the
// test runner's origin; test/ssr/hydration.test.ts opens them in iframes.
import { PREFIX, handle } from '../ssr/server.mjs';

export default async function ssrServer(ctx, next) {
  if (!ctx.path.startsWith(PREFIX)) return next();
  ctx.respond = false;
  try {
    await handle(ctx.req, ctx.res);
  } catch (error) {
    console.error('[ssr]', error);
    if (!ctx.res.headersSent) ctx.res.writeHead(500, { 'Content-Type': 'text/plain' });
    ctx.res.end(String(error));
  }
}
