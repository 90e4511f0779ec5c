import { expect, html } from '@open-wc/testing';
import { canaryRequests, executions, idle, inspect, installTraps, loadVectors, serverCanaryHits, settle as quiet, uncaught } from '../security/harness.js';
import type { Vector, Violation } from '../security/harness.js';
import { imageRoundTrip } from '../support/dom.js';
import { moreButton, mount, parts } from './helpers.js';

/**
 * Every vector of the injection suites (DOMPurify's and ours) through every field of a feed
 * item that <news-feed> shows (JSON Feed, WordPress, RSS 2.0, Atom 1.0), all items of one answer in one list ("load more" shows the
 * rest without a request): nothing may run, load a canary, or render an unsafe URL,
 * handler or element.
 */
const FIELDS = {
  jsonfeed: ['title', 'summary', 'authors.0.name', 'authors.0.url', 'image', 'url', 'content_html&drop=summary', 'content_text&drop=summary,content_html', 'banner_image&drop=image', 'external_url&drop=url'],
  rss: ['title', 'description', 'content:encoded', 'link', 'guid', 'dc:creator', 'enclosure@url', 'media:content@url', 'media:thumbnail@url'],
  atom: ['title@html', 'title@text', 'summary@html', 'content@html', 'link@href', 'author/name', 'author/uri'],
  wordpress: ['title.rendered', 'excerpt.rendered', 'content.rendered&drop=excerpt', 'link', '_embedded.author.0.name', '_embedded.author.0.link', '_embedded.wp:featuredmedia.0.source_url', '_embedded.wp:featuredmedia.0.alt_text', '_embedded.wp:featuredmedia.0.media_details.sizes.medium.source_url'],
};

/** The suite for some of the formats: a test file each, so each stays well inside the runner's time per file. */
export function hostileSuite(formats: (keyof typeof FIELDS)[]): void {
  describe(`injection through ${formats.join(' and ')} items into <news-feed>`, () => {
    let vectors: Vector[] = [];
    const violations: Violation[] = [];
    const pageBefore = document.body.innerHTML.length;

    before(async () => {
      installTraps();
      vectors = await loadVectors();
    });

    for (const format of formats) {
      const fields = FIELDS[format];
      for (const field of fields) {
        it(`shows every vector in ${format} ${field.split('&')[0]} safely`, async () => {
          const src = format === 'rss' || format === 'atom' ? `/__feed/hostile/${format}?at=${encodeURIComponent(field)}` : `/__hostile/doc/${format}?at=${field}`;
          const feed = await mount(html`<news-feed limit="50" src=${src}></news-feed>`);
          await idle(feed);
          for (let clicks = 0; moreButton(feed) && clicks < 20; clicks++) {
            moreButton(feed)!.click();
            await feed.updateComplete;
          }
          expect(feed.state).to.equal('loaded');
          // XML items whose only title was the vector, and whose vector has no text, have nothing to show: skipped.
          if (format === 'rss' || format === 'atom') expect(parts(feed, 'item').length).to.be.at.least(vectors.length * 0.8);
          else expect(parts(feed, 'item').length).to.equal(vectors.length);
          const vectorOf = (el: Element) => parts(feed, 'item').findIndex((li) => li.contains(el));
          // The headline's own link is the widget's; the text in it is data.
          violations.push(...inspect(feed, -1, `${format} ${field}`, { contentParts: ['title-link', 'author', 'summary'], vectorOf }));
          for (const title of parts(feed, 'title')) {
            const children = [...title.children];
            if (children.some((child) => !child.matches('a[part="title-link"]') || child.children.length)) {
              violations.push({ vector: vectorOf(title), path: `${format} ${field}`, rule: 'a headline holds more than its link and text', detail: title.outerHTML.slice(0, 200) });
            }
          }
          await imageRoundTrip();
        }).timeout(30_000);
      }
    }

    it('ran nothing, requested no canary, threw nothing and broke no rendering rule', async () => {
      await quiet();
      expect(executions).to.deep.equal([]);
      expect(canaryRequests).to.deep.equal([]);
      expect(await serverCanaryHits()).to.deep.equal([]);
      expect(uncaught).to.deep.equal([]);
      expect(violations.slice(0, 10).map((v) => `${v.path} #${v.vector}: ${v.rule}: ${v.detail.slice(0, 200)}`)).to.deep.equal([]);
      expect(document.body.innerHTML.length).to.be.at.most(pageBefore + 2000);
    });
  });
}
