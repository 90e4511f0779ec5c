import { expect, fixture, html } from '@open-wc/testing';
import { recordName, renderCards } from './cards.js';
import type { CardRecord } from './cards.js';
import { canaryRequests, documentSnapshot, executions, inspect, installTraps, loadVectors, report, serverCanaryHits, settle, summarise, uncaught } from './harness.js';
import type { Tally, Vector } from './harness.js';
import { loadBundle } from '../support/bundle.js';

/**
 * The built script-tag bundle (dist/lapa-widgets.min.js, which `npm test` builds first),
 * loaded as a partner loads it: minification must not have changed what the sanitiser
 * lets through. This file imports no sources.
 */
const RECORDS: CardRecord[] = [
  { variant: 'full', drop: 'image,url', fields: [{ at: 'content_html' }, { at: 'banner_image' }, { at: 'external_url' }, { at: 'authors.0.url' }] },
];


describe('injection through the built script-tag bundle', () => {
  let vectors: Vector[];
  const tally: Tally = { group: 'bundle', paths: 0, renders: 0, executions: 0, violations: 0 };
  let pageBefore: string[];

  before(async () => {
    installTraps();
    expect(await loadBundle(), 'errors while the bundle ran').to.deep.equal([]);
    pageBefore = documentSnapshot();
    vectors = await loadVectors();
  });

  after(async () => {
    tally.executions = executions.length;
    await report(tally, vectors);
  });

  for (const record of RECORDS) {
    it(`renders every vector in ${recordName(record)} inert`, async function () {
      this.timeout(60_000);
      const container = await fixture<HTMLDivElement>(html`<div style="width: 360px"></div>`);
      const ran = executions.length;
      const { renders, violations } = await renderCards(container, '/__hostile/doc/jsonfeed', record, vectors, (i) => `v${i}`);
      tally.paths += record.fields.length;
      tally.renders += renders;
      tally.violations += violations.length;
      expect(executions.slice(ran), 'code ran').to.deep.equal([]);
      expect(violations.length, summarise(violations, vectors)).to.equal(0);
    });
  }

  it('renders every vector in a WordPress comment body inert', async function () {
    this.timeout(60_000);
    const ran = executions.length;
    const container = await fixture<HTMLDivElement>(html`<div style="width: 420px"></div>`);
    const boxes = [];
    for (let from = 0; from < vectors.length; from += 100) {
      const box = document.createElement('comment-box');
      box.setAttribute('api', 'wordpress');
      box.setAttribute('page-size', '100');
      box.setAttribute('src', `/__hostile/wp/wp-json/wp/v2/comments?post=1&at=content.rendered&from=${from}&to=${from + 100}`);
      boxes.push(box);
    }
    const loaded = Promise.all(boxes.map((box) => new Promise((resolve) => box.addEventListener('comment-box-load', resolve, { once: true }))));
    container.append(...boxes);
    await loaded;
    await settle();
    const violations = boxes.flatMap((box, n) => inspect(box, n * 100, 'content.rendered (bundle)', { contentParts: ['body'] }));
    const renders = boxes.reduce((sum, box) => sum + box.shadowRoot!.querySelectorAll('[part~="comment"]').length, 0);
    tally.paths++;
    tally.renders += renders;
    tally.violations += violations.length;
    expect(renders).to.equal(vectors.length);
    expect(executions.slice(ran), 'code ran').to.deep.equal([]);
    expect(violations.length, summarise(violations, vectors)).to.equal(0);
  });

  it('requested no canary, left the page unchanged and threw nothing', async () => {
    expect(canaryRequests, 'canary requests seen by the page').to.deep.equal([]);
    expect(await serverCanaryHits(), 'canary requests seen by the server').to.deep.equal([]);
    expect(documentSnapshot()).to.deep.equal(pageBefore);
    expect(uncaught).to.deep.equal([]);
  });
});
