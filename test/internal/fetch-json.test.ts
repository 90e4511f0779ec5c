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
