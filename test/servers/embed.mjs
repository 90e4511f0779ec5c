// Mounts the embedding tests' pages, bundle, data and comments API (test/embed/server.mjs)
// under /__embed/ on the test runner's origin; the browser tests open them in iframes.
import { PREFIX, createEmbedServer } from '../embed/server.mjs';

const embed = createEmbedServer();

export default async function embedServer(ctx, next) {
  if (!ctx.path.startsWith(PREFIX)) return next();
  ctx.respond = false;
  try {
    await embed.handle(ctx.req, ctx.res);
  } catch (error) {
    console.error('[embed]', error);
    if (!ctx.res.headersSent) ctx.res.writeHead(500, { 'Content-Type': 'text/plain' });
    ctx.res.end(String(error));
  }
}
