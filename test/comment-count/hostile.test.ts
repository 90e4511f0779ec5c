import { expect, html } from '@open-wc/testing';
import fc from 'fast-check';
import { MAX_COUNT, parseCount } from '../../src/comment-count/count.js';
import type { CommentCountErrorEvent, CommentCountLoadEvent } from '../../src/internal/events.js';
import { FetchError } from '../../src/internal/fetch-json.js';
import { assertProperty } from '../support/properties.js';
import { answer, freshPage, part, settle, shownText, uid } from './helpers.js';

/** Whether parsing threw anything but a FetchError `invalid` (the one failure allowed). */
function parsed(api: 'lapa' | 'wordpress', data: unknown, total?: string | null): number | 'invalid' {
  const headers = new Headers();
  if (total != null) headers.set('x-wp-total', total);
  try {
    return parseCount(api, { data, headers, status: 200 }).count;
  } catch (error) {
    if (error instanceof FetchError && error.kind === 'invalid') return 'invalid';
    throw error;
  }
}

describe('<comment-count>: hostile answers', () => {
  beforeEach(freshPage);

  let uncaught: unknown[] = [];
  const onError = (event: ErrorEvent | PromiseRejectionEvent) => uncaught.push('reason' in event ? event.reason : event.error);
  beforeEach(() => {
    uncaught = [];
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
  });
  afterEach(() => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onError);
    expect(uncaught, 'nothing escapes to the page').to.deep.equal([]);
  });

  const LAPA: [string, string, string][] = [
    ['a negative total', '{"total":-1,"open":true}', 'invalid'],
    ['a fractional total', '{"total":1.5,"open":true}', 'invalid'],
    ['a total as a string', '{"total":"5","open":true}', 'invalid'],
    ['a total as "NaN"', '{"total":"NaN","open":true}', 'invalid'],
    ['a huge total', '{"total":1e21,"open":true}', 'invalid'],
    ['a total past the largest shown', `{"total":${MAX_COUNT + 1},"open":true}`, 'invalid'],
    ['a null total', '{"total":null,"open":true}', 'invalid'],
    ['no total', '{"open":true}', 'invalid'],
    ['an array', '[5]', 'invalid'],
    ['a bare number', '5', 'invalid'],
    ['null', 'null', 'invalid'],
    ['JSON that does not parse', '{"total": 5', 'not-json'],
    ['an empty body', '', 'not-json'],
  ];
  for (const [what, body, kind] of LAPA) {
    it(`Lapa: ${what} is an error (${kind}), shows nothing`, async () => {
      const { el, event } = await settle(html`<comment-count src=${answer(uid(), { body })}></comment-count>`);
      expect(event.type).to.equal('comment-count-error');
      expect((event as CommentCountErrorEvent).kind).to.equal(kind);
      expect(part(el, 'base')).to.equal(null);
      expect(el.count).to.equal(undefined);
    });
  }

  it('Lapa: an HTML page (a captive portal) is not-json; an answer over 16 KB is too-large', async () => {
    const { event } = await settle(html`<comment-count src=${answer(uid(), { body: '<!doctype html><title>Log in</title>', type: 'text/html' })}></comment-count>`);
    expect((event as CommentCountErrorEvent).kind).to.equal('not-json');
    const { event: big } = await settle(html`<comment-count src=${answer(uid(), { n: 1, pad: 17 * 1024 })}></comment-count>`);
    expect((big as CommentCountErrorEvent).kind).to.equal('too-large');
    const { event: fits } = await settle(html`<comment-count src=${answer(uid(), { n: 1, pad: 15 * 1024 })}></comment-count>`);
    expect((fits as CommentCountLoadEvent).count, 'just under the limit').to.equal(1);
  });

  it('Lapa: the largest count shown, and a total with no open, still count', async () => {
    const { el, event } = await settle(html`<comment-count src=${answer(uid(), { body: `{"total":${MAX_COUNT}}` })}></comment-count>`);
    expect((event as CommentCountLoadEvent).count).to.equal(MAX_COUNT);
    expect((event as CommentCountLoadEvent).open).to.equal(undefined);
    expect(shownText(el)).to.equal('999,999,999 comments');
  });

  const WORDPRESS: [string, string | undefined, string][] = [
    ['no X-WP-Total', undefined, 'invalid'],
    ['an empty X-WP-Total', '', 'invalid'],
    ['a negative X-WP-Total', '-3', 'invalid'],
    ['a fractional X-WP-Total', '2.5', 'invalid'],
    ['an exponent', '1e3', 'invalid'],
    ['hexadecimal', '0x10', 'invalid'],
    ['NaN', 'NaN', 'invalid'],
    ['Infinity', 'Infinity', 'invalid'],
    ['a huge X-WP-Total', '99999999999999999999', 'invalid'],
    ['words', 'five', 'invalid'],
  ];
  for (const [what, total, kind] of WORDPRESS) {
    it(`WordPress: ${what} is an error (${kind}), shows nothing`, async () => {
      const params: Record<string, string> = { body: '[{"id":1}]' };
      if (total !== undefined) params.total = total;
      const { el, event } = await settle(html`<comment-count api="wordpress" src=${`${answer(uid(), params)}&post=5`}></comment-count>`);
      expect((event as CommentCountErrorEvent).kind).to.equal(kind);
      expect(part(el, 'base')).to.equal(null);
    });
  }

  it('WordPress: an answer that is no list is invalid, whatever its header', async () => {
    const { event } = await settle(html`<comment-count api="wordpress" src=${`${answer(uid(), { body: '{"code":"x"}', total: '5' })}&post=5`}></comment-count>`);
    expect((event as CommentCountErrorEvent).kind).to.equal('invalid');
  });

  it('WordPress: a plain header counts, spaces around it allowed', async () => {
    const { event } = await settle(html`<comment-count api="wordpress" src=${`${answer(uid(), { body: '[]', total: ' 12 ' })}&post=5`}></comment-count>`);
    expect((event as CommentCountLoadEvent).count).to.equal(12);
  });

  it('reads any JSON as a count in range or refuses it as invalid, never otherwise (property)', () => {
    assertProperty(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ total: fc.oneof(fc.integer(), fc.double(), fc.jsonValue(), fc.bigInt().map(String)), open: fc.oneof(fc.boolean(), fc.jsonValue()) })), (data) => {
        const result = parsed('lapa', data);
        const total = (data as { total?: unknown } | null)?.total;
        const good = typeof data === 'object' && data !== null && !Array.isArray(data) && Number.isInteger(total) && (total as number) >= 0 && (total as number) <= MAX_COUNT;
        expect(result).to.equal(good ? total : 'invalid');
      }),
      { numRuns: 2000 },
    );
  });

  it('reads any X-WP-Total as plain decimal digits in range or refuses it (property)', () => {
    const header = fc.oneof(fc.string(), fc.integer().map(String), fc.double().map(String), fc.nat({ max: MAX_COUNT * 2 }).map((n) => ` ${n}`));
    assertProperty(
      fc.property(header, fc.oneof(fc.constant([]), fc.jsonValue()), (total, data) => {
        let value: string | null = total;
        try {
          new Headers({ 'x-wp-total': total });
        } catch {
          value = null; // a string no header can carry
        }
        const result = parsed('wordpress', data, value);
        const trimmed = value?.trim() ?? '';
        const good = Array.isArray(data) && /^\d+$/.test(trimmed) && Number(trimmed) <= MAX_COUNT;
        expect(result, JSON.stringify(value)).to.equal(good ? Number(trimmed) : 'invalid');
      }),
      { numRuns: 2000 },
    );
  });
});
