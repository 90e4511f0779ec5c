/**
 * <comment-count api="wordpress"> from the built script-tag bundle against a real WordPress
 * on another origin: the count of a seeded post's visible comments, read from X-WP-Total of
 * a one-comment page (CORS for real: WordPress must expose the header), in the reader's
 * language, with the held comment left out as WordPress leaves it out.
 */
import { expect } from '@open-wc/testing';
import type { CommentCountErrorEvent, CommentCountLoadEvent } from '../../../src/internal/events.js';
import { seed, shadow, text } from './helpers.js';
import type { Seed } from './helpers.js';

let data: Seed;

before(async () => {
  data = await seed();
});

/** A `<comment-count>` on the page, and its first outcome (an error fails the test). */
async function count(attributes: Record<string, string>): Promise<{ el: HTMLElement; event: CommentCountLoadEvent }> {
  const el = document.createElement('comment-count');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  const event = new Promise<CommentCountLoadEvent>((resolve, reject) => {
    el.addEventListener('comment-count-load', resolve, { once: true });
    el.addEventListener('comment-count-error', (e: CommentCountErrorEvent) => reject(new Error(`comment-count-error ${e.kind} ${e.status ?? ''}`)), { once: true });
  });
  document.body.append(el);
  return { el, event: await event };
}

describe('<comment-count api="wordpress"> on a real WordPress', () => {
  afterEach(() => document.querySelectorAll('comment-count').forEach((el) => el.remove()));

  it('comes from the built bundle', () => {
    expect(customElements.get('comment-count')).to.equal(window.LapaWidgets!.CommentCountElement);
  });

  it("counts a seeded post's approved comments, replies in, the held one out, in the reader's language", async () => {
    // What WordPress itself lists to a visitor: the approved comments, all levels.
    const listed = (await (await fetch(`${data.posts.swedish.comments}&per_page=100`)).json()) as unknown[];
    expect(listed.length, 'the seed has comments on the Swedish post').to.be.greaterThan(1);
    const { el, event } = await count({ api: 'wordpress', src: data.posts.swedish.comments, lang: 'sv', href: `${data.posts.swedish.link}#comments` });
    expect(event.count).to.equal(listed.length);
    expect(event.count).to.equal(Object.keys(data.comments.swedish!).length);
    const link = shadow(el).querySelector('[part~="link"]') as HTMLAnchorElement;
    expect(text(link)).to.equal(`${listed.length} kommentarer`);
    expect(link.href).to.equal(`${data.posts.swedish.link}#comments`);
    await expect(el).to.be.accessible();
  });

  it('counts in the plain permalink form (?rest_route=) and for a post whose comments are closed', async () => {
    const pretty = new URL(data.posts.latvian.comments);
    const plain = `${pretty.origin}/?rest_route=/wp/v2/comments&post=${data.posts.latvian.id}`;
    const listed = (await (await fetch(`${data.posts.latvian.comments}&per_page=100`)).json()) as unknown[];
    const { el, event } = await count({ api: 'wordpress', src: plain, lang: 'lv' });
    expect(event.count).to.equal(listed.length);
    expect(text(shadow(el).querySelector('[part~="count"]'))).to.not.equal('');
    const closedListed = (await (await fetch(`${data.posts.closed.comments}&per_page=100`)).json()) as unknown[];
    const { event: closed } = await count({ api: 'wordpress', src: data.posts.closed.comments });
    expect(closed.count).to.equal(closedListed.length);
  });
});
