import '../../src/news-card/define.js';
import { expectSummary, itRendersEveryVector, part, parts } from './cards.js';
import type { CardRecord, TextCheck } from './cards.js';
import { decodedText, injectionSuite, itLeftNoTrace, textOnly } from './harness.js';

/**
 * The shown text of titles, names and tags from RSS is text only, whatever markup the vector
 * holds (what exactly it reads as is the mapper's business: test/formats/rss.test.ts).
 */
/**
 * A vector as a feed can carry it: XML has no C0 controls (not even as references), and the
 * UTF-8 the server sends no lone surrogates; feeds.mjs sends U+FFFD for them.
 */
const asSent = (payload: string): string =>
  payload.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

const textOnlyIn =
  (name: string): TextCheck =>
  (card) =>
    parts(card, name).every((el) => typeof textOnly(el) === 'string') ? undefined : `a ${name} holds elements`;

/** Every RSS field <news-card> reads, each carrying every vector (feeds.mjs writes them as XML text or attributes). */
const RECORDS: CardRecord[] = [
  {
    variant: 'card',
    fields: [
      { at: 'title', text: textOnlyIn('title') },
      // With content:encoded, the description is the summary, shown as text.
      { at: 'description', text: (card, p) => expectSummary(card, decodedText(asSent(p)), true) },
      { at: 'link' },
      { at: 'dc:creator', text: textOnlyIn('author') },
      { at: 'category', text: textOnlyIn('tag') },
      { at: 'media:content@url' },
    ],
  },
  { variant: 'full', drop: 'media:content@url', fields: [{ at: 'content:encoded' }, { at: 'enclosure@url' }, { at: 'author', text: textOnlyIn('author') }] },
  // The description alone is the body, and the first image of the body is the card's image.
  { variant: 'full', drop: 'content:encoded,media:content@url', fields: [{ at: 'description' }, { at: 'media:thumbnail@url' }] },
  { variant: 'card', drop: 'description,media:content@url', fields: [{ at: 'content:encoded', text: (card, p) => (part(card, 'summary') ? expectSummary(card, decodedText(asSent(p)), true) : undefined) }] },
];

describe('injection through RSS fields into <news-card>', () => {
  const suite = injectionSuite('rss');

  itRendersEveryVector(suite, RECORDS, '/__feeds/hostile/rss', (i) => `v${i}`);

  itLeftNoTrace(suite, { threwNothing: true });
});
