import { expect, fixture, html } from '@open-wc/testing';
import '../../src/news-card/define.js';
import { expectSummary, expectText, expectTexts, part, recordName, renderCards } from './cards.js';
import type { CardRecord } from './cards.js';
import { clean, decodedText, executions, injectionSuite, itLeftNoTrace, summarise } from './harness.js';

const MEDIA = '_embedded.wp:featuredmedia.0';

/**
 * Every WordPress field <news-card> uses, each carrying every vector. Titles, names and
 * terms are HTML in WordPress: they must read as their decoded text, never as markup.
 */
const RECORDS: CardRecord[] = [
  {
    variant: 'card',
    fields: [
      // An empty title falls back to the excerpt, which holds the same vector here.
      { at: 'title.rendered', text: (card, p) => (decodedText(p) ? expectText(part(card, 'title'), decodedText(p), true) : undefined) },
      { at: 'excerpt.rendered', text: (card, p) => expectSummary(card, decodedText(p), true) },
      { at: 'link' },
      { at: '_embedded.author.0.name', text: (card, p) => expectTexts(card, 'author', decodedText(p) ? [decodedText(p)] : [], true) },
      { at: '_embedded.author.0.link' },
      { at: `${MEDIA}.alt_text`, text: (card, p) => (part(card, 'image')?.getAttribute('alt') === clean(p) ? undefined : 'the image alt is not the text') },
      { at: '_embedded.wp:term.0.0.name', text: (card, p, i) => expectTexts(card, 'tag', [...(decodedText(p) ? [decodedText(p)] : []), `Term ${i}`], true) },
    ],
  },
  { variant: 'full', fields: [{ at: 'content.rendered' }, { at: `${MEDIA}.source_url` }, { at: `${MEDIA}.media_details.sizes.medium.source_url` }] },
  { variant: 'card', drop: 'excerpt', fields: [{ at: 'content.rendered', text: (card, p) => expectSummary(card, decodedText(p), true) }] },
];

describe('injection through WordPress fields into <news-card>', () => {
  const suite = injectionSuite('wordpress');
  const { tally } = suite;

  for (const record of RECORDS) {
    it(`renders every vector in ${recordName(record)} inert, as text where it is text, and inside the card`, async function () {
      this.timeout(60_000);
      const container = await fixture<HTMLDivElement>(html`<div style="width: 360px"></div>`);
      const ran = executions.length;
      const { renders, violations } = await renderCards(container, '/__hostile/doc/wordpress', record, suite.vectors, (i) => String(i + 1));
      tally.paths += record.fields.length;
      tally.renders += renders;
      tally.violations += violations.length;
      expect(renders).to.equal(suite.vectors.length);
      expect(executions.slice(ran), 'code ran').to.deep.equal([]);
      expect(violations.length, summarise(violations, suite.vectors)).to.equal(0);
    });
  }

  itLeftNoTrace(suite, { threwNothing: true });
});
