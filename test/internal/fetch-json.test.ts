import { expect } from '@open-wc/testing';
import { FetchError, fetchJson, parseRetryAfter, resetSharedFetches, sharedFetchJson } from '../../src/internal/fetch-json.js';

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(FetchError);
    return error as FetchError;
  }
  throw new Error('expected a failure');
}

async function count(name: string): Promise<number> {
  return (await (await fetch(`/__core/count?name=${name}`)).json()).count;
}

describe('fetchJson', () => {
  beforeEach(async () => {
    resetSharedFetches();
    await fetch('/__core/reset');
  });

  it('returns parsed JSON and the final URL', async () => {
    const res = await fetchJson<{ ok: boolean }>('/__core/ok');
    expect(res.data.ok).to.equal(true);
    expect(res.url).to.equal(new URL('/__core/ok', location.href).href);
  });

  it('accepts +json types such as application/feed+json', async () => {
    expect((await fetchJson('/__core/feed')).status).to.equal(200);
  });

  it('reports HTTP errors with their status', async () => {
    const error = await failure(fetchJson('/__core/not-found'));
    expect(error.kind).to.equal('http');
    expect(error.status).to.equal(404);
    expect(error.body).to.deep.equal({ error: 'nope' });
  });

  it('reads Retry-After from a 503', async () => {
    const error = await failure(fetchJson('/__core/unavailable'));
    expect([error.kind, error.status, error.retryAfter]).to.deep.equal(['http', 503, 120]);
  });

  for (const name of ['html', 'malformed', 'empty']) {
    it(`says not-json for the ${name} answer`, async () => {
      expect((await failure(fetchJson(`/__core/${name}`))).kind).to.equal('not-json');
    });
  }

  it('with orText, resolves a good answer that is not JSON with its text, and still fails on HTTP errors', async () => {
    const res = await fetchJson('/__core/html', { orText: true });
    expect(res.data).to.equal(undefined);
    expect(res.text).to.match(/^<!doctype html>/i);
    expect([res.status, res.url]).to.deep.equal([200, new URL('/__core/html', location.href).href]);
    expect(res.headers.get('content-type')).to.match(/^text\/html/);
    expect((await fetchJson('/__core/ok', { orText: true })).text).to.equal(undefined);
    expect((await failure(fetchJson('/__core/not-found', { orText: true }))).kind).to.equal('http');
  });

  it('with orText, also accepts the feed XML types, at a lower q than JSON, in a CORS-safelisted Accept', async () => {
    const { text } = await fetchJson('/__feeds/accept', { orText: true });
    const accept = 'application/json,application/feed+json;q=0.9,application/rss+xml;q=0.8,application/atom+xml;q=0.8,text/xml;q=0.7,*/*;q=0.5';
    expect(text).to.contain(`<title>${accept}</title>`);
    // Longer, and a cross-origin request would need a preflight.
    expect(accept.length).to.be.at.most(128);
    expect((await fetchJson('/__feeds/accept', { orText: true, headers: { Accept: 'text/xml' } })).text).to.contain('<title>text/xml</title>');
  });

  it('refuses a body over the limit by its Content-Length', async () => {
    expect((await failure(fetchJson('/__core/big'))).kind).to.equal('too-large');
  });

  it('refuses a streamed body once it grows over the limit', async () => {
    expect((await failure(fetchJson('/__core/big-chunked', { maxBytes: 256 * 1024 }))).kind).to.equal('too-large');
  });

  it('times out a body that never finishes', async () => {
    expect((await failure(fetchJson('/__core/stall', { timeout: 300 }))).kind).to.equal('timeout');
  });

  it('says network when the connection drops mid-body', async () => {
    expect((await failure(fetchJson('/__core/drop'))).kind).to.equal('network');
  });

  it('rejects with the caller’s reason when aborted', async () => {
    const controller = new AbortController();
    const pending = fetchJson('/__core/slow?ms=2000&n=3', { signal: controller.signal });
    controller.abort(new DOMException('gone', 'AbortError'));
    try {
      await pending;
      expect.fail('should have rejected');
    } catch (error) {
      expect((error as DOMException).name).to.equal('AbortError');
    }
  });
});

describe('sharedFetchJson', () => {
  beforeEach(async () => {
    resetSharedFetches();
    await fetch('/__core/reset');
  });

  it('makes one request for many callers of one URL', async () => {
    const all = await Promise.all(Array.from({ length: 10 }, () => sharedFetchJson('/__core/slow?ms=100&n=1')));
    expect(all.every((r) => (r.data as { n: number }).n === 1)).to.equal(true);
    expect(await count('slow:1')).to.equal(1);
  });

  it('keeps the request alive while one caller still waits', async () => {
    const first = new AbortController();
    const a = sharedFetchJson('/__core/slow?ms=200&n=2', { signal: first.signal });
    const b = sharedFetchJson('/__core/slow?ms=200&n=2');
    first.abort(new DOMException('gone', 'AbortError'));
    await a.catch(() => {});
    expect(((await b).data as { n: number }).n).to.equal(2);
    expect(await count('slow:2')).to.equal(1);
  });

  it('shares orText callers apart: a caller that wants JSON still gets not-json', async () => {
    const [text, json] = await Promise.allSettled([sharedFetchJson('/__core/html', { orText: true }), sharedFetchJson('/__core/html')]);
    expect(text.status === 'fulfilled' && text.value.text).to.be.a('string');
    expect(json.status === 'rejected' && (json.reason as FetchError).kind).to.equal('not-json');
    const again = await Promise.all([sharedFetchJson('/__core/html', { orText: true }), sharedFetchJson('/__core/html', { orText: true })]);
    expect(again[0]).to.equal(again[1]);
  });

  it('does not cache failures, so a retry asks again', async () => {
    await sharedFetchJson('/__core/not-found').catch(() => {});
    await sharedFetchJson('/__core/not-found').catch(() => {});
    expect(await count('not-found')).to.equal(2);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('30')).to.equal(30);
    expect(parseRetryAfter(new Date(Date.now() + 60_000).toUTCString())).to.be.within(58, 61);
    expect(parseRetryAfter('soon')).to.equal(undefined);
    expect(parseRetryAfter(null)).to.equal(undefined);
  });
});
