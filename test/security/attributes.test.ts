import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import { messages as commentMessages } from '../../src/comment-box/comment-box.messages.js';
import type { NewsCardElement } from '../../src/news-card/news-card.js';
import type { CommentCountElement } from '../../src/comment-count/comment-count.js';
import { CARD_PARTS, expectText, part } from './cards.js';
import { executions, idle, injectionSuite, inspect, itLeftNoTrace, settle, summarise, uncaught } from './harness.js';
import type { Violation } from './harness.js';

/**
 * Attribute values a host page sets (from its CMS, a template, a query string), and the
 * data npm users hand to properties, carry every vector too: labels must show as text,
 * other attributes must fall back to their defaults, and a hostile `src` or selector
 * must fail quietly.
 */

const BATCH = 91;
const FEED = '/__hostile/doc/jsonfeed';
const COMMENTS = '/__hostile/doc/lapa?from=0&to=2';

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const COMMENT_LABELS = Object.entries(commentMessages.en)
  .filter(([, value]) => typeof value === 'string')
  .map(([key]) => `${kebab(key)}-label`);

const same = (el: Element | null | undefined, payload: string) =>
  (el?.textContent ?? '').trim() === payload.trim() ? undefined : `shows ${JSON.stringify((el?.textContent ?? '').trim().slice(0, 80))}`;

function element(tag: string, attributes: Record<string, string>): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

interface Case {
  name: string;
  /** The element(s) carrying vector `p`. */
  make: (p: string) => HTMLElement;
  /** A URL attribute carries the vector: relative ones resolve under /__hostile/base/. */
  src?: boolean;
  contentParts: readonly string[];
  check?: (el: HTMLElement, p: string) => string | undefined;
}

const CASES: Case[] = [
  {
    name: 'news-card labels and options (loaded)',
    make: (p) =>
      element('news-card', {
        src: FEED, 'item-id': 'v0', lang: p, variant: p, loading: p, theme: p, 'heading-level': p, timeout: p, 'max-bytes': p, credentials: p,
        'read-more-label': p, 'tags-label': p, 'loading-label': p,
      }),
    contentParts: CARD_PARTS,
    check: (el, p) =>
      (el as NewsCardElement).state !== 'loaded'
        ? `state ${(el as NewsCardElement).state}`
        : (expectText(part(el, 'read-more'), p) ?? (part(el, 'tags')?.getAttribute('aria-label') === p ? undefined : 'tags label differs')),
  },
  {
    name: 'news-card error labels',
    make: (p) => element('news-card', { src: '/__hostile/fail', 'error-server-label': p, 'retry-label': p }),
    contentParts: [],
    check: (el, p) => same(el.shadowRoot!.querySelector('[part~="error"] .message'), p) ?? same(part(el, 'retry'), p),
  },
  {
    name: 'news-card item-id and empty label',
    make: (p) => element('news-card', { src: FEED, 'item-id': p, 'empty-label': p }),
    contentParts: [],
    check: (el, p) => same(part(el, 'empty'), p),
  },
  {
    name: 'news-card src',
    make: (p) => element('news-card', { src: p, timeout: '1500' }),
    src: true,
    contentParts: CARD_PARTS,
  },
  {
    name: 'comment-box labels and options',
    make: (p) =>
      element('comment-box', {
        src: COMMENTS, lang: p, order: p, 'page-size': p, 'max-depth': p, maxlength: p, theme: p,
        ...Object.fromEntries(COMMENT_LABELS.map((name) => [name, p])),
      }),
    contentParts: ['author', 'body', 'form-heading'],
    check: (el, p) => same(part(el, 'form-heading'), p) ?? same(part(el, 'submit'), p),
  },
  {
    name: 'comment-box src',
    make: (p) => element('comment-box', { src: p, api: p }),
    src: true,
    contentParts: ['author', 'body', 'form-heading'],
  },
  {
    // npm users hand over data they fetched themselves: every field, URLs included, is
    // as untrusted as a response.
    name: 'news-card article property',
    make: (p) =>
      Object.assign(element('news-card', { variant: 'full', lang: 'en' }), {
        article: {
          title: p, url: p, contentHtml: p, summaryText: p, language: p, datePublished: p, baseUrl: p,
          image: { src: p, alt: p, srcset: `${p} 2x, ${p}` },
          authors: [{ name: p, url: p }],
          tags: [p],
        },
      }),
    contentParts: CARD_PARTS,
    check: (el, p) => ((el as NewsCardElement).state === 'loaded' ? expectText(part(el, 'title'), p) : `state ${(el as NewsCardElement).state}`),
  },
  {
    name: 'comment-box comments property',
    make: (p) =>
      Object.assign(element('comment-box', { lang: 'en' }), {
        comments: [
          { id: p, parent: null, author: { name: p, url: p }, text: p, date: '2025-05-16T10:00:00.000Z' },
          { id: `${p}-html`, parent: p, author: { name: p }, text: p, html: true, date: p },
        ],
      }),
    contentParts: ['author', 'body'],
    check: (el, p) => (el.shadowRoot!.querySelectorAll('[part~="comment"]').length === 2 ? same(part(el, 'author'), p.trim() || 'Anonymous') : 'the comments are not shown'),
  },
  {
    // One shared answer for every element (a count of zero, so none-label is what shows);
    // eager, because a batch of long labels reaches far below the viewport.
    name: 'comment-count label, href and options',
    make: (p) => element('comment-count', { src: '/__count/answer/security?n=0', 'none-label': p, href: p, lang: p, theme: p, loading: 'eager', timeout: p }),
    contentParts: [],
    check: (el, p) => ((el as CommentCountElement).state === 'loaded' ? same(el.shadowRoot!.querySelector('[part~="count"]'), p) : `state ${(el as CommentCountElement).state}`),
  },
  {
    name: 'comment-count src',
    make: (p) => element('comment-count', { src: p, api: p, loading: p, timeout: '1500' }),
    src: true,
    contentParts: [],
  },
  {
    name: 'scroll-to-top label, selectors and options',
    make: (p) => element('scroll-to-top', { label: p, target: p, 'scroll-container': p, threshold: p, theme: p, lang: p }),
    contentParts: [],
    check: (el, p) => (el.shadowRoot!.querySelector('button')?.getAttribute('aria-label') === p ? undefined : 'the button is not named by the label'),
  },
];

describe('injection through attributes and properties a host page sets', () => {
  const suite = injectionSuite('attributes');
  const { tally } = suite;

  for (const c of CASES) {
    it(`keeps every vector in ${c.name} inert and shows labels as text`, async function () {
      this.timeout(60_000);
      const ran = executions.length;
      const violations: Violation[] = [];
      const container = await fixture<HTMLDivElement>(html`<div style="width: 420px"></div>`);
      // Relative hostile URLs are fetched from our hostile server (a 404), not from the
      // runner's file server, which logs an error for every malformed path.
      const base = c.src ? document.head.appendChild(element('base', { href: '/__hostile/base/' })) : undefined;
      // scroll-to-top warns about a selector that matches nothing: expected here, not printed.
      const warn = console.warn;
      const warnings: unknown[][] = [];
      console.warn = (...args: unknown[]) => warnings.push(args);
      try {
        for (let from = 0; from < suite.vectors.length; from += BATCH) {
          const batch = suite.vectors.slice(from, from + BATCH);
          const elements = batch.map((v) => c.make(v.payload));
          container.append(...elements);
          await Promise.all(elements.map((el) => idle(el)));
          if (c.name.startsWith('scroll-to-top')) for (const el of elements) el.shadowRoot!.querySelector('button')!.click();
          await settle();
          elements.forEach((el, n) => {
            violations.push(...inspect(el, from + n, c.name, { contentParts: c.contentParts }));
            const problem = c.check?.(el, batch[n]!.payload);
            if (problem) violations.push({ vector: from + n, path: c.name, rule: 'label is not literal text', detail: problem });
          });
          container.replaceChildren();
        }
      } finally {
        console.warn = warn;
        base?.remove();
      }
      tally.paths++;
      tally.renders += suite.vectors.length;
      tally.violations += violations.length;
      expect(executions.slice(ran), 'code ran').to.deep.equal([]);
      expect(uncaught, 'uncaught errors').to.deep.equal([]);
      expect(violations.length, summarise(violations, suite.vectors)).to.equal(0);
    });
  }

  itLeftNoTrace(suite);
});
