import { expect, fixture, html } from '@open-wc/testing';
import '../../src/comment-box/define.js';
import type { CommentBoxElement } from '../../src/comment-box/comment-box.js';
import { expectText } from './cards.js';
import { executions, injectionSuite, inspect, itLeftNoTrace, settle, summarise, textOnly, uncaught } from './harness.js';
import type { Violation } from './harness.js';

/** Comments per box: a box shows one page, and pages hold at most 100 threads. */
const CHUNK = 100;
const COMMENT_PARTS = ['author', 'body', 'form-heading'];

interface CommentPath {
  name: string;
  /** Builds the box's src for vectors from..to-1. */
  src: (from: number, to: number) => string;
  api?: 'wordpress';
  fields: number;
  /** Checks one comment showing vector `payload`. */
  check?: (comment: Element, payload: string) => string | undefined;
  /** Opens and cancels the reply form under every comment (its ids build selectors). */
  reply?: boolean;
}

const lapa = (fields: string[], extra = '') => (from: number, to: number) =>
  `/__hostile/doc/lapa?${fields.map((f) => `at=${encodeURIComponent(f)}`).join('&')}&from=${from}&to=${to}${extra}`;

const authorIs = (comment: Element, payload: string) => expectText(comment.querySelector('[part~="author"]'), payload.trim() || 'Anonymous');

const PATHS: CommentPath[] = [
  {
    name: 'our protocol: author.name, author.url, text',
    src: lapa(['author.name', 'author.url', 'text']),
    fields: 3,
    check: (comment, payload) => {
      const body = comment.querySelector('[part~="body"]');
      const shown = body?.textContent ?? '';
      if ([...(body?.children ?? [])].some((c) => c.localName !== 'a' || c.children.length)) return 'the body holds more than text and links';
      return authorIs(comment, payload) ?? (shown === payload ? undefined : `body ${JSON.stringify(shown.slice(0, 80))} is not the text`);
    },
  },
  { name: 'our protocol: id', src: lapa(['id'], '&suffix=index'), fields: 1, reply: true },
  {
    name: 'WordPress: author_name, author_url, content.rendered',
    src: (from, to) => `/__hostile/wp/wp-json/wp/v2/comments?post=1&at=author_name&at=author_url&at=content.rendered&from=${from}&to=${to}`,
    api: 'wordpress',
    fields: 3,
    check: authorIs,
  },
];

/** The vector a comment shows: comments are numbered after the vectors (id i + 1). */
function vectorOf(el: Element): number | undefined {
  const id = /^c-(\d+)$/.exec(el.closest('[part~="comment"]')?.id ?? '')?.[1];
  return id === undefined ? undefined : Number(id) - 1;
}

async function loaded(boxes: CommentBoxElement[]): Promise<void> {
  await Promise.all(
    boxes.map(
      (box) =>
        new Promise<void>((resolve) => {
          const done = () => resolve();
          box.addEventListener('comment-box-load', done, { once: true });
          box.addEventListener('comment-box-error', done, { once: true });
        }),
    ),
  );
  await Promise.all(boxes.map((box) => box.updateComplete));
}

describe('injection through comments into <comment-box>', () => {
  const suite = injectionSuite('comments');
  const { tally } = suite;

  for (const path of PATHS) {
    it(`renders every vector in ${path.name} inert, as text where it is text, and inside the box`, async function () {
      this.timeout(60_000);
      const ran = executions.length;
      const container = await fixture<HTMLDivElement>(html`<div style="width: 420px"></div>`);
      const chunks: [number, number][] = [];
      for (let from = 0; from < suite.vectors.length; from += CHUNK) chunks.push([from, Math.min(suite.vectors.length, from + CHUNK)]);
      const boxes = chunks.map(([from, to]) => {
        const box = document.createElement('comment-box') as CommentBoxElement;
        box.setAttribute('lang', 'en');
        box.setAttribute('page-size', String(CHUNK));
        if (path.api) box.setAttribute('api', path.api);
        box.setAttribute('src', path.src(from, to));
        return box;
      });
      const ready = loaded(boxes);
      container.append(...boxes);
      await ready;

      const violations: Violation[] = [];
      let renders = 0;
      for (const [n, box] of boxes.entries()) {
        const [from, to] = chunks[n]!;
        const comments = [...box.shadowRoot!.querySelectorAll('[part~="comment"]')];
        renders += comments.length;
        if (!path.reply && comments.length !== to - from) {
          violations.push({ vector: from, path: path.name, rule: 'not rendered', detail: `${comments.length} of ${to - from} comments shown` });
        }
        if (path.reply) {
          for (const button of box.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="reply-button"]')) {
            button.click();
            await box.updateComplete;
            const heading = box.shadowRoot!.querySelector('[part~="form-heading"]');
            if (typeof textOnly(heading) !== 'string') violations.push({ vector: from, path: path.name, rule: 'reply heading holds elements', detail: '' });
            box.shadowRoot!.querySelector<HTMLButtonElement>('[part~="cancel-button"]')?.click();
            await box.updateComplete;
          }
        }
        for (const comment of comments) {
          const i = vectorOf(comment);
          const problem = i === undefined ? undefined : path.check?.(comment, suite.vectors[i]!.payload);
          if (problem) violations.push({ vector: i!, path: path.name, rule: 'text is not literal', detail: problem });
        }
      }
      await settle();
      for (const [n, box] of boxes.entries()) violations.push(...inspect(box, chunks[n]![0], path.name, { contentParts: COMMENT_PARTS, vectorOf }));
      container.replaceChildren();

      tally.paths += path.fields;
      tally.renders += renders;
      tally.violations += violations.length;
      expect(executions.slice(ran), 'code ran').to.deep.equal([]);
      expect(uncaught, 'uncaught errors').to.deep.equal([]);
      expect(violations.length, summarise(violations, suite.vectors)).to.equal(0);
      // Ids over 100 characters are refused by the client: the rest must all be there.
      expect(renders).to.be.greaterThan(path.reply ? suite.vectors.length / 2 : suite.vectors.length - 1);
    });
  }

  itLeftNoTrace(suite);
});
