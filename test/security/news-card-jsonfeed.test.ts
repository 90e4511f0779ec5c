import '../../src/news-card/define.js';
import { expectSummary, expectText, expectTexts, itRendersEveryVector, part, strip } from './cards.js';
import type { CardRecord } from './cards.js';
import { clean, decodedText, injectionSuite, itLeftNoTrace } from './harness.js';

/**
 * Every JSON Feed field <news-card> uses, each carrying every vector. Fields shown in
 * different places share a record (and so a card).
 */
const RECORDS: CardRecord[] = [
  {
    variant: 'card',
    fields: [
      // An empty title falls back to the summary, which holds the same vector here.
      { at: 'title', text: (card, p) => (clean(p) ? expectText(part(card, 'title'), clean(p)) : undefined) },
      { at: 'summary', text: (card, p) => expectSummary(card, p) },
      { at: 'authors.0.name', text: (card, p) => expectTexts(card, 'author', clean(p) ? [clean(p)] : []) },
      { at: 'authors.0.url' },
      { at: 'image' },
      { at: 'url' },
      { at: 'tags.0', text: (card, p) => expectTexts(card, 'tag', clean(p) ? [clean(p)] : []) },
      { at: 'language' },
    ],
  },
  { variant: 'full', drop: 'image,url', fields: [{ at: 'content_html' }, { at: 'banner_image' }, { at: 'external_url' }] },
  { variant: 'card', drop: 'summary', fields: [{ at: 'content_html', text: (card, p) => expectSummary(card, decodedText(p), true) }] },
  {
    variant: 'full',
    drop: 'content_html,summary',
    fields: [
      {
        at: 'content_text',
        text: (card, p) => {
          const body = part(card, 'body');
          if (!body) return strip(p) === '' ? undefined : 'no body';
          if ([...body.children].some((c) => c.localName !== 'p' || c.children.length)) return 'the body holds more than text paragraphs';
          return strip(body.textContent ?? '') === strip(p) ? undefined : `body ${JSON.stringify((body.textContent ?? '').slice(0, 80))} is not the text`;
        },
      },
    ],
  },
];

describe('injection through JSON Feed fields into <news-card>', () => {
  const suite = injectionSuite('jsonfeed');

  itRendersEveryVector(suite, RECORDS, '/__hostile/doc/jsonfeed', (i) => `v${i}`);

  itLeftNoTrace(suite, { threwNothing: true });
});
