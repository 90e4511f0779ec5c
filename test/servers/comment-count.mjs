// Test HTTP for <comment-count> beside the reference comments server (comments.mjs): a
// count server that answers whatever a test asks for, and counts, per `key`, the requests
// it got, how many were open at once (`peak`) and which URLs were asked.
//
//   GET /__count/answer/<key>?…   answers, after the options below:
//       n=5                       the body {"total":5,"open":true} (the Lapa count answer)
//       open=false                ... with "open": false
//       pad=<bytes>               ... with a "pad" member that long (large answers)
//       body=<text>               this body instead, as it is (hostile answers)
//       type=<media type>         Content-Type (default application/json)
//       status=<code>             HTTP status (default 200)
//       total=<text>              an X-WP-Total header with this value (WordPress-shaped)
//       retry-after=<s>           a Retry-After header
//       delay=<ms>                answers that much later
//       hold=<name>               answers once /__count/release/<name> was requested
//   GET /__count/stats?key=<key>  { requests, peak, open, urls }
//   GET /__count/release/<name>   lets the requests held under <name> answer (now and later)
// Every answer allows any origin (with X-WP-Total exposed, as WordPress does).

const PREFIX = '/__count/';
const stats = new Map();
const holds = new Map();

function hold(name) {
  let entry = holds.get(name);
  if (!entry) {
    let release;
    const open = new Promise((resolve) => (release = resolve));
    holds.set(name, (entry = { open, release }));
  }
  return entry;
}

function statsOf(key) {
  let entry = stats.get(key);
  if (!entry) stats.set(key, (entry = { requests: 0, peak: 0, open: 0, urls: [] }));
  return entry;
}

function send(res, status, body, headers = {}) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': 'X-WP-Total, X-WP-TotalPages, Retry-After',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

async function answer(req, res, key, q) {
  const entry = statsOf(key);
  entry.requests++;
  entry.urls.push(req.url);
  entry.open++;
  entry.peak = Math.max(entry.peak, entry.open);
  let closed = false;
  res.once('close', () => {
    closed = true;
    entry.open--;
  });
  const delay = Number(q.get('delay') ?? 0);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  if (q.has('hold')) await hold(q.get('hold')).open;
  if (closed) return;
  const pad = q.has('pad') ? { pad: 'x'.repeat(Number(q.get('pad'))) } : {};
  const body = q.has('body') ? q.get('body') : JSON.stringify({ total: Number(q.get('n') ?? 0), open: q.get('open') !== 'false', ...pad });
  const headers = {};
  if (q.has('type')) headers['Content-Type'] = q.get('type');
  if (q.has('total')) headers['X-WP-Total'] = q.get('total');
  if (q.has('retry-after')) headers['Retry-After'] = q.get('retry-after');
  send(res, Number(q.get('status') ?? 200), body, headers);
}

export default async function commentCountTestServer(ctx, next) {
  if (!ctx.path.startsWith(PREFIX)) return next();
  const rest = ctx.path.slice(PREFIX.length);
  const q = new URL(ctx.url, 'http://x').searchParams;
  ctx.respond = false;
  ctx.res.statusCode = 200;
  const { req, res } = ctx;
  if (rest.startsWith('answer/')) return answer(req, res, decodeURIComponent(rest.slice('answer/'.length)), q);
  if (rest === 'stats') {
    const { requests, peak, open, urls } = statsOf(q.get('key'));
    return send(res, 200, JSON.stringify({ requests, peak, open, urls }));
  }
  if (rest.startsWith('release/')) {
    hold(decodeURIComponent(rest.slice('release/'.length))).release();
    return send(res, 200, '{}');
  }
  send(res, 404, JSON.stringify({ error: 'no such route' }));
}
