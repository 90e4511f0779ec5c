import '../../src/news-card/define.js';
import { expectSummary, expectText, expectTexts, itRendersEveryVector, part } from './cards.js';
import type { CardRecord } from './cards.js';
import { clean, decodedText, injectionSuite, itLeftNoTrace } from './harness.js';

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

  itRendersEveryVector(suite, RECORDS, '/__hostile/doc/wordpress', (i) => String(i + 1));

  itLeftNoTrace(suite, { threwNothing: true });
});
