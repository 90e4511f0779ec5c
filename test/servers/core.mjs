// Endpoints for the shared core's tests (fetchJson, request sharing), under /__core/.
const counts = new Map();

export default async function coreServer(ctx, next) {
  if (!ctx.path.startsWith('/__core/')) return next();
  const name = ctx.path.slice('/__core/'.length);
  // Counted per name and `n`, so a late request from an earlier test can't be miscounted.
  const key = ctx.query.n ? `${name}:${ctx.query.n}` : name;
  counts.set(key, (counts.get(key) ?? 0) + 1);
  const json = (status, body, type = 'application/json') => {
    ctx.status = status;
    ctx.type = type;
    ctx.body = typeof body === 'string' ? body : JSON.stringify(body);
  };
  switch (name) {
    case 'ok':
      return json(200, { ok: true, n: Number(ctx.query.n ?? 0) });
    case 'feed':
      return json(200, { version: 'https://jsonfeed.org/version/1.1', items: [] }, 'application/feed+json');
    case 'not-found':
      return json(404, { error: 'nope' });
    case 'unavailable':
      ctx.set('Retry-After', '120');
      return json(503, 'busy', 'text/plain');
    case 'html':
      return json(200, '<!doctype html><title>Oops</title>', 'text/html');
    case 'malformed':
      return json(200, '{"title": "unterminated');
    case 'empty':
      return json(200, '');
    case 'big':
      return json(200, JSON.stringify({ pad: 'x'.repeat(3 * 1024 * 1024) }));
    case 'big-chunked': {
      // No Content-Length: the size limit must be enforced while reading.
      const { Readable } = await import('node:stream');
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      ctx.type = 'application/json';
      ctx.body = Readable.from((function* () {
        yield '{"pad":"';
        while (sent < 4 * 1024 * 1024) {
          sent += chunk.length;
          yield chunk;
        }
        yield '"}';
      })());
      return;
    }
    case 'stall': {
      // Headers and half a body, then nothing: only a timeout ends it.
      ctx.respond = false;
      ctx.res.writeHead(200, { 'Content-Type': 'application/json' });
      ctx.res.write('{"title":');
      setTimeout(() => ctx.res.destroy(), 30_000).unref();
      return;
    }
    case 'drop': {
      ctx.respond = false;
      ctx.res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      ctx.res.write('{"title":"half');
      setTimeout(() => ctx.req.socket.destroy(), 20);
      return;
    }
    case 'slow': {
      await new Promise((r) => setTimeout(r, Number(ctx.query.ms ?? 300)));
      return json(200, { slow: true, n: Number(ctx.query.n ?? 0) });
    }
    case 'count':
      return json(200, { count: counts.get(String(ctx.query.name)) ?? 0 });
    case 'reset':
      counts.clear();
      return json(200, { ok: true });
    default:
      return json(404, { error: 'unknown core endpoint' });
  }
}
